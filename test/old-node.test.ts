/**
 * What a user on a Node older than package.json's engines (>=22.12) meets, with the machine's own older Node
 * (Debian's 20): npm ci refuses with npm's own engine message (engine-strict in .npmrc); the tests refuse in one
 * line; the CLI still runs, after one warning line that SSE_CONFORMANCE_NODE_WARNING=off silences.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { BUILT_CLI } from './cli-runner.js';
import { OLD_NODE, requireOrSkip } from './prerequisites.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = PACKAGE_ROOT) => {
  const r = spawnSync(OLD_NODE, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

it("npm ci refuses with npm's own engine message", (ctx) => {
  requireOrSkip(ctx, { oldNode: true });
  const dir = mkdtempSync(join(tmpdir(), 'ssec-old-node-'));
  for (const f of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(PACKAGE_ROOT, f), join(dir, f));
  const npmCli = realpathSync(spawnSync('which', ['npm'], { encoding: 'utf8' }).stdout.trim()); // npm's own npm-cli.js
  const r = run([npmCli, 'ci', '--ignore-scripts', '--dry-run', '--no-audit', '--no-fund'], {}, dir);
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(/EBADENGINE/);
  expect(r.err).toMatch(/Required: \{"node":">=22\.12"\}/);
});

it('the tests refuse in one line', (ctx) => {
  requireOrSkip(ctx, { oldNode: true });
  const r = run([join(PACKAGE_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/abbreviate.test.ts'], { CI: 'true' });
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^sse-conformance tests: Node v?20\.[\d.]+ is too old; they need Node 22\.12 or newer \(\.nvmrc; package\.json engines\)\n$/);
});

it('the CLI warns in one line and still runs; SSE_CONFORMANCE_NODE_WARNING=off silences the warning', (ctx) => {
  requireOrSkip(ctx, { oldNode: true });
  const warned = run([BUILT_CLI, 'run', '--clause', 'kms.aliases.*', '--runs', '3']);
  expect(warned.code).toBe(0);
  expect(warned.err).toMatch(/^sse-conformance: WARNING: Node [\d.]+ is not supported \(Node 22\.12 or newer is;[^\n]*\n$/);
  const quiet = run([BUILT_CLI, 'run', '--clause', 'kms.aliases.*', '--runs', '3'], { SSE_CONFORMANCE_NODE_WARNING: 'off' });
  expect(quiet.code).toBe(0);
  expect(quiet.err).toBe('');
});
