/**
 * `sse-conformance run … | head -c 0`: the reader of stdout is gone before the CLI writes. Node ignores
 * SIGPIPE, so each write fails with EPIPE; the CLI must end quietly (no stack trace) with exit code 141,
 * as a program stopped by SIGPIPE would.
 */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BUILT_CLI } from './cli-runner.js';

/** Runs the built CLI with its stdout a pipe whose reading end is closed at once. */
function intoClosedReader(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, err }));
  });
}

const noStackTrace = (err: string) => {
  expect(err).not.toMatch(/EPIPE|Unhandled 'error' event|internal error/);
  expect(err).not.toMatch(/^\s+at /m);
};

describe('the CLI writing into a closed reader', () => {
  for (const args of [
    ['run', '--target', 'reference', '--clause', 'sqs.sse-sqs.*', '--runs', '2'],
    ['run', '--target', 'reference', '--clause', 'sqs.sse-sqs.*', '--runs', '2', '--format', 'json'],
    ['list'],
  ]) {
    it(`${args.join(' ')}: exits 141 without a stack trace`, async () => {
      const r = await intoClosedReader(args);
      noStackTrace(r.err);
      expect(r.code).toBe(141);
    });
  }

  it('through a shell pipe into `head -c 0`, as a user types it', () => {
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${BUILT_CLI}" run --target reference --clause 'sqs.sse-sqs.*' --runs 2 | head -c 0; echo "cli=\${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    noStackTrace(r.stderr);
    expect(r.stdout.trim()).toBe('cli=141');
  });
});
