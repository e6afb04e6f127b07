/**
 * A provisioned emulator program started on loopback: it binds -host 127.0.0.1 -port 0 and prints
 * `listening on http://HOST:PORT` once ready (the launchers under test-targets/<name>/launcher do).
 * Stopped by its PID (SIGTERM, then SIGKILL); execa kills it if this process dies first.
 */
import { execa, type ResultPromise } from 'execa';
import { TargetUnavailableError } from '../src/target.js';

const READY_TIMEOUT_MS = 30_000;

export class LaunchedProcess {
  readonly endpoint: string;
  readonly #proc: ResultPromise;

  private constructor(endpoint: string, proc: ResultPromise) {
    this.endpoint = endpoint;
    this.#proc = proc;
  }

  get pid(): number | undefined {
    return this.#proc.pid;
  }

  /** `what` names the emulator in messages; `hint` says how to install it when the binary is missing. */
  static async start(what: string, command: string, args: string[], hint: string): Promise<LaunchedProcess> {
    // stderr is not kept: local-kms logs a line per request, and an unread pipe would block it.
    const proc = execa(command, args, { reject: false, forceKillAfterDelay: 3000, cleanup: true, stdin: 'ignore', stdout: 'pipe', stderr: 'ignore', buffer: false });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new TargetUnavailableError(`${what} did not say it was listening within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void proc.then((r) => {
        clearTimeout(timer);
        const enoent = /ENOENT/.test(String(r.code ?? '')) || /ENOENT/.test(r.shortMessage ?? '');
        reject(new TargetUnavailableError(enoent ? `${what} not found at ${command}: ${hint}` : `${what} exited with code ${r.exitCode} before listening`));
      });
    }).catch((e: unknown) => {
      proc.kill('SIGKILL');
      throw e;
    });
    return new LaunchedProcess(endpoint, proc);
  }

  async stop(): Promise<void> {
    if (this.#proc.exitCode !== null && this.#proc.exitCode !== undefined) return;
    this.#proc.kill('SIGTERM');
    await this.#proc;
  }
}
