/**
 * An emulator process this project starts and stops: spawned without a shell on 127.0.0.1, ready
 * when it prints a line (our loopback launchers print `listening on http://HOST:PORT`) or when a URL
 * answers, and stopped by its PID (SIGTERM, then SIGKILL). It dies with this process, even on SIGKILL
 * (./parent-death.ts), and execa kills it when this process exits first.
 * Its stderr is drained (local-kms logs a line per request; an unread pipe would block it), and its
 * last lines are kept for the message when it exits early. `spawnedEmulator` makes an `Emulator`
 * (./emulator-target.ts) of such a process: a free port, a folder of its own, its command line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultPromise } from 'execa';
import getPort from 'get-port';
import { importOptional } from '../src/optional-dependency.js';
import { TargetUnavailableError } from '../src/target.js';
import type { Emulator, Instance } from './emulator-target.js';
import { dyingWithParent, wrappedCommandMissing } from './parent-death.js';

/** What our loopback launchers print once they listen. */
export const LISTENING = /listening on (http:\/\/\S+)/;

export interface SpawnedEmulatorSpec extends Omit<Emulator, 'start'> {
  /** How to install it, when its command is missing. */
  hint: string;
  /**
   * `free`: it is given a free 127.0.0.1 port (get-port) and is ready once its health request answers with a 2xx;
   * `printed`: our loopback launcher binds port 0 on 127.0.0.1 and is ready once it prints where it listens.
   */
  port: 'free' | 'printed';
  /** It gets a fresh folder of its own (its state, its configuration), removed when it stops or fails to start. */
  workDir?: boolean;
  /** How long it may take to become ready (default 30 s). */
  timeoutMs?: number;
  /** Its command line for that port (0 for `printed`) and folder, which it may fill first; throws TargetUnavailableError when it is not installed. */
  command(at: { port: number; dir: string }): { command: string; args: string[]; env?: Record<string, string> };
}

/** An emulator that runs as a process of its own, started fresh for each run. */
export function spawnedEmulator(spec: SpawnedEmulatorSpec): Emulator {
  const { hint, port: portKind, workDir, timeoutMs, command, ...emulator } = spec;
  return {
    ...emulator,
    async start(): Promise<Instance> {
      const port = portKind === 'free' ? await getPort({ host: '127.0.0.1' }) : 0;
      const endpoint = `http://127.0.0.1:${port}`;
      const dir = workDir ? mkdtempSync(join(tmpdir(), `ssec-${spec.name.toLowerCase()}-`)) : '';
      const removeDir = () => dir && rmSync(dir, { recursive: true, force: true });
      try {
        const line = command({ port, dir });
        const proc = await LaunchedProcess.start({
          what: spec.name,
          ...line,
          hint,
          ready: portKind === 'free' ? { url: `${endpoint}${spec.health.path}`, endpoint } : { line: LISTENING },
          ...(timeoutMs ? { timeoutMs } : {}),
        });
        return {
          endpoint: proc.endpoint,
          ...(proc.pid === undefined ? {} : { pid: proc.pid }),
          ...(dir ? { dir } : {}),
          exited: () => proc.exited,
          stop: async () => {
            await proc.stop();
            removeDir();
          },
        };
      } catch (e) {
        removeDir();
        throw e;
      }
    },
  };
}

export interface LaunchOptions {
  /** The emulator's name, for messages. */
  what: string;
  command: string;
  args: string[];
  /** How to install it, when the command is missing. */
  hint: string;
  /** Ready once stdout shows this line (its first group is the endpoint), or once this URL answers with 2xx. */
  ready: { line: RegExp } | { url: string; endpoint: string };
  /** The whole environment (default: this process's). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export class LaunchedProcess {
  readonly endpoint: string;
  readonly #proc: ResultPromise;
  readonly #exited: () => string | undefined;
  #stopping = false;

  private constructor(endpoint: string, proc: ResultPromise, exited: () => string | undefined) {
    this.endpoint = endpoint;
    this.#proc = proc;
    this.#exited = exited;
  }

  /** How it ended, when it has ended by itself ("goaws exited with code 2: <its last lines on stderr>"); never once `stop` was asked. */
  get exited(): string | undefined {
    return this.#stopping ? undefined : this.#exited();
  }

  get pid(): number | undefined {
    return this.#proc.pid;
  }

  static async start(o: LaunchOptions): Promise<LaunchedProcess> {
    const timeoutMs = o.timeoutMs ?? 30_000;
    // execa is an optional dependency: imported only when an emulator is started.
    const { execa } = await importOptional('execa', 'starting an emulator process (moto, LocalStack, goaws, local-kms, ElasticMQ)', () => import('execa'));
    // It dies with this process even on SIGKILL (./parent-death.ts); execa's cleanup covers the exits it can see.
    const line = dyingWithParent(o.command, o.args);
    const proc = execa(line.command, line.args, {
      reject: false,
      forceKillAfterDelay: 3_000,
      cleanup: true,
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      ...(o.env ? { env: o.env, extendEnv: false } : {}),
    });
    let tail = '';
    // A Go program's crash (goaws, local-kms, SeaweedFS) starts with this line, before pages of goroutine stacks.
    let fatal: string | undefined;
    proc.stderr!.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-2_000);
      fatal ??= /^(?:fatal error|panic): .*$/m.exec(tail)?.[0];
    });
    if (!('line' in o.ready)) proc.stdout!.resume(); // drained, never read
    let exited: string | undefined;
    void proc.then((r) => {
      const enoent = /ENOENT/.test(String(r.code ?? '')) || /ENOENT/.test(r.shortMessage ?? '') || (line.wrapped && wrappedCommandMissing(r.exitCode, tail));
      const last = fatal ?? tail.trim().split('\n').slice(-3).join(' | ');
      exited = enoent ? `${o.command} not found: ${o.hint}` : `${o.what} exited with code ${r.exitCode}${last ? `: ${last}` : ''}`;
    });
    try {
      const endpoint = await ('line' in o.ready ? waitForLine(proc, o.ready.line, () => exited) : waitForUrl(o.ready.url, o.ready.endpoint, () => exited))(
        timeoutMs,
      );
      return new LaunchedProcess(endpoint, proc, () => exited);
    } catch (e) {
      proc.kill('SIGKILL');
      if (e instanceof TargetUnavailableError) throw e;
      throw new TargetUnavailableError(`${o.what} did not become ready within ${timeoutMs / 1000} s`);
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#proc.exitCode !== null && this.#proc.exitCode !== undefined) return;
    this.#proc.kill('SIGTERM');
    await this.#proc;
  }
}

function waitForLine(proc: ResultPromise, line: RegExp, exited: () => string | undefined) {
  return (timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = line.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void proc.then(() => {
        clearTimeout(timer);
        reject(new TargetUnavailableError(exited() ?? 'exited'));
      });
    });
}

function waitForUrl(url: string, endpoint: string, exited: () => string | undefined) {
  return async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const gone = exited();
      if (gone) throw new TargetUnavailableError(gone);
      try {
        if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return endpoint;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timeout');
  };
}
