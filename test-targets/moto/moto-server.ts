/**
 * Starts `moto_server` on a free 127.0.0.1 port, waits until it answers, and stops the process it
 * started by its PID. execa kills the child if this process exits first, and escalates to SIGKILL.
 */
import { execa, type ResultPromise } from 'execa';
import { TargetUnavailableError } from '../../src/target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { freePort } from '../free-port.js';

/** $MOTO_SERVER, else the provisioned moto (`npm run provision -- moto`), else moto_server on PATH. */
export const motoCommand = (): string => process.env.MOTO_SERVER ?? provisionedBinary('moto') ?? 'moto_server';
const READY_TIMEOUT_MS = 30_000;

export class MotoServer {
  readonly endpoint: string;
  readonly #proc: ResultPromise;

  private constructor(endpoint: string, proc: ResultPromise) {
    this.endpoint = endpoint;
    this.#proc = proc;
  }

  get pid(): number | undefined {
    return this.#proc.pid;
  }

  static async start(command = motoCommand()): Promise<MotoServer> {
    const port = await freePort();
    const proc = execa(command, ['-H', '127.0.0.1', '-p', String(port)], { reject: false, forceKillAfterDelay: 3000, cleanup: true, stdin: 'ignore', buffer: { stdout: false, stderr: true }, stdout: 'ignore' });
    let exited: { code?: number; error?: string; stderr?: string } | undefined;
    void proc.then((r) => {
      exited = { code: r.exitCode, error: r.code ?? (r.failed ? r.shortMessage : undefined), stderr: String(r.stderr ?? '') };
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited) {
        const why = exited.error === 'ENOENT' || /ENOENT/.test(exited.error ?? '')
          ? `${command} not found: ${provisionHint('moto')} (or put moto_server on PATH, or set MOTO_SERVER)`
          : `${command} exited with code ${exited.code}: ${(exited.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
        throw new TargetUnavailableError(why);
      }
      try {
        const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return new MotoServer(endpoint, proc);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    proc.kill('SIGKILL');
    throw new TargetUnavailableError(`${command} did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s`);
  }

  /** Clears all state (moto's own reset endpoint). */
  async reset(): Promise<void> {
    await fetch(`${this.endpoint}/moto-api/reset`, { method: 'POST' });
  }

  async stop(): Promise<void> {
    if (this.#proc.exitCode !== null && this.#proc.exitCode !== undefined) return;
    this.#proc.kill('SIGTERM');
    await this.#proc;
  }
}
