/** Builds dist/ once before the tests, so that CLI tests run the built CLI exactly as a user does. */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

export default function setup(): void {
  const root = new URL('..', import.meta.url).pathname;
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true }); // no stale clauses from deleted specs
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`building dist/ failed:\n${r.stdout}${r.stderr}`);
}
