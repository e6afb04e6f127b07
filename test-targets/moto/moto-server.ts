/**
 * Starts the provisioned `moto_server` (or $MOTO_SERVER, or moto_server on PATH) on a free
 * 127.0.0.1 port, ready once its API answers, and stops it by its PID.
 */
import { provisionedBinary, provisionHint } from '../emulators.js';
import getPort from 'get-port';
import { LaunchedProcess } from '../launched-process.js';

/** $MOTO_SERVER, else the provisioned moto (`npm run provision -- moto`), else moto_server on PATH. */
export const motoCommand = (): string => process.env.MOTO_SERVER ?? provisionedBinary('moto') ?? 'moto_server';

export class MotoServer {
  readonly #proc: LaunchedProcess;

  private constructor(proc: LaunchedProcess) {
    this.#proc = proc;
  }

  get endpoint(): string {
    return this.#proc.endpoint;
  }

  get pid(): number | undefined {
    return this.#proc.pid;
  }

  static async start(command = motoCommand()): Promise<MotoServer> {
    const port = await getPort({ host: '127.0.0.1' });
    const endpoint = `http://127.0.0.1:${port}`;
    const hint = `${provisionHint('moto')} (or put moto_server on PATH, or set MOTO_SERVER)`;
    return new MotoServer(
      await LaunchedProcess.start({
        what: command,
        command,
        args: ['-H', '127.0.0.1', '-p', String(port)],
        hint,
        ready: { url: `${endpoint}/moto-api/`, endpoint },
      }),
    );
  }

  /** Clears all state (moto's own reset endpoint). */
  async reset(): Promise<void> {
    await fetch(`${this.endpoint}/moto-api/reset`, { method: 'POST' });
  }

  async stop(): Promise<void> {
    await this.#proc.stop();
  }
}
