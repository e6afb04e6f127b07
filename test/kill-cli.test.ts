/**
 * `kill -9` of the CLI takes the emulator it started with it (test-targets/parent-death.ts): no handler of ours sees
 * SIGKILL, so only the kernel's parent-death signal can stop moto_server from running on, listening, orphaned.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BUILT_CLI } from './cli-runner.js';
import { describeNeeding } from './prerequisites.js';

/** The processes whose parent is `pid`, with their command lines. */
const childrenOf = (pid: number): { pid: number; cmdline: string[] }[] =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === pid ? [{ pid: Number(d), cmdline: readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0') }] : [];
      } catch {
        return []; // gone meanwhile
      }
    });

/** Running: it exists and is no zombie (a zombie is dead, waiting for whoever adopted it to reap it). */
const running = (pid: number): boolean => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

const waitFor = async <T>(what: string, probe: () => T | undefined | false, ms: number): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describeNeeding({ emulators: ['moto'] }, 'kill -9 of the CLI', () => {
  it('takes the moto_server it started with it within a few seconds', async () => {
    const cli = spawn(process.execPath, [BUILT_CLI, 'run', '--target', 'moto', '--clause', 'sqs.*', '--runs', '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout.on('data', (d: Buffer) => (output += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const moto = await waitFor('moto_server under the CLI', () => childrenOf(cli.pid!).find((c) => c.cmdline.some((a) => /moto/.test(a))), 60_000);
      const port = moto.cmdline[moto.cmdline.indexOf('-p') + 1];
      // Started and answering (the run is under way: its clauses run for minutes at 1,000 runs each).
      const answers = () =>
        fetch(`http://127.0.0.1:${port}/moto-api/`, { signal: AbortSignal.timeout(1_000) }).then(
          (r) => r.ok,
          () => false,
        );
      // Judged by the probe that ended the wait: a second probe could time out on a loaded machine (a CI run on Node 24,
      // beside the emulator matrix, saw moto answer and then miss the next 1 s probe).
      const deadline = Date.now() + 60_000;
      let up = await answers();
      while (!up && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        up = await answers();
      }
      expect(up, output).toBe(true);
      cli.kill('SIGKILL');
      const killedAt = Date.now();
      await waitFor('moto_server to die', () => !running(moto.pid), 5_000);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      await expect(fetch(`http://127.0.0.1:${port}/moto-api/`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    } finally {
      cli.kill('SIGKILL');
    }
  }, 120_000);
});
