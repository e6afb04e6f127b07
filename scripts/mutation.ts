/**
 * `npm run mutation [-- <stryker options>]`: mutation testing of the reference model against the
 * specification alone (issue 14). Freezes an unmutated copy of reference/ for the model-based
 * clause's oracle (vitest.mutation.config.ts), runs Stryker (stryker.config.mjs: incremental, so a
 * rerun after a small change retests only what changed), then writes docs/spec-strength.md from
 * Stryker's JSON report. Extra options go to Stryker, e.g. `-- --mutate reference/sqs.ts`; the
 * document records the command and the files it covers. Not part of CI: hours on two cores.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { renderSpecStrength, type StrykerReport } from './spec-strength.js';

const args = process.argv.slice(2);
const work = join(PACKAGE_ROOT, '.mutation');
const oracle = join(work, 'oracle');
rmSync(oracle, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(join(PACKAGE_ROOT, 'reference'), oracle, { recursive: true });

const stryker = join(dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const started = new Date();
const r = spawnSync(process.execPath, [stryker, 'run', ...args], {
  cwd: PACKAGE_ROOT,
  stdio: 'inherit',
  env: { ...process.env, SSE_FROZEN_ORACLE: oracle },
});
if (r.status !== 0) {
  console.error(`stryker exited with ${r.status ?? r.signal}; docs/spec-strength.md not written`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(join(work, 'mutation.json'), 'utf8')) as StrykerReport;
const command = ['npm run mutation', ...(args.length ? ['--', ...args] : [])].join(' ');
const minutes = Math.round((Date.now() - started.getTime()) / 60_000);
writeFileSync(join(PACKAGE_ROOT, 'docs', 'spec-strength.md'), renderSpecStrength(report, { command, date: started.toISOString().slice(0, 10), minutes }));
console.log('wrote docs/spec-strength.md');
