/**
 * `npm run mutation [-- <stryker options>]`: mutation testing of the reference model against the
 * specification and its clause-independent tests (issue 14). Freezes an unmutated copy of reference/ for the model-based
 * clause's oracle (vitest.mutation.config.ts), runs Stryker (stryker.config.mjs: incremental, so a
 * rerun after a small change retests only what changed), then writes docs/spec-strength.md from
 * Stryker's JSON report. Extra options go to Stryker, e.g. `-- --mutate reference/sqs.ts`: the results of such a
 * targeted run replace those files' in the results merged from earlier runs (.mutation/merged.json), and the document
 * names, for each file, the run it comes from. Not part of CI: about 50 minutes on two cores for every file.
 *
 * `npm run mutation -- --report-only` runs no Stryker: it rewrites the document from Stryker's
 * incremental file, which Stryker also writes when it is interrupted (SIGINT, SIGTERM). The
 * document then says the run was cut short and counts only the mutants that have a result.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import picomatch from 'picomatch';
import { PACKAGE_ROOT } from '../src/paths.js';
import { type RunOfFile, renderSpecStrength, type StrykerReport } from './spec-strength.js';

const reportOnly = process.argv.includes('--report-only');
const args = process.argv.slice(2).filter((a) => a !== '--report-only');
const work = join(PACKAGE_ROOT, '.mutation');
const oracle = join(work, 'oracle');
if (!reportOnly) {
  rmSync(oracle, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'reference'), oracle, { recursive: true });
}

let report: StrykerReport;
let command: string;
const started = new Date();
if (reportOnly) {
  report = JSON.parse(readFileSync(join(work, 'stryker-incremental.json'), 'utf8')) as StrykerReport;
  command = 'npm run mutation -- --report-only (after an interrupted run)';
} else {
  const stryker = join(dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
  const r = spawnSync(process.execPath, [stryker, 'run', ...args], {
    cwd: PACKAGE_ROOT,
    stdio: 'inherit',
    env: { ...process.env, SSE_FROZEN_ORACLE: oracle },
  });
  if (r.status !== 0) {
    console.error(`stryker exited with ${r.status ?? r.signal}; docs/spec-strength.md not written (--report-only writes it from what was tested)`);
    process.exit(1);
  }
  report = JSON.parse(readFileSync(join(work, 'mutation.json'), 'utf8')) as StrykerReport;
  command = ['npm run mutation', ...(args.length ? ['--', ...args] : [])].join(' ');
}
const minutes = Math.round((Date.now() - started.getTime()) / 60_000);
const date = started.toISOString().slice(0, 10);
// The files a run mutates replace theirs in the results merged from earlier runs (.mutation/merged.json), and the
// document shows every file, each from the last run that mutated it.
const mergedFile = join(work, 'merged.json');
const merged: { report: StrykerReport; runs: Record<string, RunOfFile> } =
  !reportOnly && existsSync(mergedFile) ? JSON.parse(readFileSync(mergedFile, 'utf8')) : { report: { ...report, files: {} }, runs: {} };
// Stryker's report also holds, from its incremental file, the files a targeted run (`-- --mutate <files>`) did not
// mutate: those keep the run they came from, or say that it is not known. Which files a run mutated is what its
// --mutate patterns name (every file without one).
const mutateAt = args.indexOf('--mutate');
const patterns = mutateAt >= 0 ? (args[mutateAt + 1] ?? '').split(',').map((p) => p.replace(/:\d+(-\d+)?$/, '')) : ['**'];
const mutated = picomatch(patterns);
if (!reportOnly) {
  for (const [file, result] of Object.entries(report.files)) {
    if (!mutated(file) && merged.runs[file]) continue;
    merged.report.files[file] = result;
    merged.runs[file] = mutated(file)
      ? { command, date, minutes }
      : { command: "an earlier run (Stryker's incremental file)", date: 'an unknown date', minutes: 0 };
  }
  writeFileSync(mergedFile, JSON.stringify(merged));
}
writeFileSync(
  join(PACKAGE_ROOT, 'docs', 'spec-strength.md'),
  renderSpecStrength(reportOnly ? report : merged.report, { command, date, minutes, interrupted: reportOnly, runs: merged.runs }),
);
console.log('wrote docs/spec-strength.md');
