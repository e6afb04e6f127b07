/**
 * Builds dist/ once before the tests, so that CLI tests run the built CLI exactly as a user does;
 * after the run, lists loudly every suite that could not run on this machine, and why.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NOT_RUN_LOG, notRunLines } from './prerequisites.js';

export default function setup(): () => void {
  const root = new URL('..', import.meta.url).pathname;
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true }); // no stale clauses from deleted specs
  rmSync(NOT_RUN_LOG, { force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`building dist/ failed:\n${r.stdout}${r.stderr}`);
  return () => {
    const lines = notRunLines();
    if (!lines.length) return;
    const bar = '!'.repeat(78);
    process.stderr.write(
      `\n${bar}\nNOT RUN on this machine (${lines.length}), so their behaviour was not checked:\n${lines.map((l) => `  - ${l}`).join('\n')}\n${bar}\n`,
    );
  };
}
