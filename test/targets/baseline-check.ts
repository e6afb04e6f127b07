/**
 * Used by test/targets/baselines.test.ts, which runs the emulators concurrently (one shared wait):
 * the emulator, run through the whole specification as the matrix says CI runs it, fails exactly
 * the clauses its baseline lists (each with a counterexample of at most 5 steps) and nothing else.
 * This is what makes docs/conformance.md true. With SSE_CONFORMANCE_ARTIFACTS set (CI), each
 * target's report is written to <that folder>/<target>/ in every format.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { readBaseline } from '../../src/baseline.js';
import type { Report } from '../../src/report.js';
import { writeReports } from '../../src/reports/registry.js';
import { clauseLine, renderConsoleSummary } from '../../app/cli/console-report.js';
import { DEFAULT_SEED, runConformance } from '../../src/runner.js';
import { selectClauses } from '../../src/select.js';
import { loadClauses } from '../../src/spec-loader.js';
import { meets, requirementsOf } from '../../src/target.js';
import { targetModule } from '../../test-targets/registry.js';

function keepArtifacts(report: Report): void {
  const root = process.env.SSE_CONFORMANCE_ARTIFACTS;
  if (!root) return;
  writeReports(join(root, report.target.name), [report]);
}

/** `only`: clause globs to run (a smoke run); the baseline is then held to the clauses they select. */
export async function expectRunMatchesBaseline(name: string, only?: string[]): Promise<void> {
  // Arrange
  const m = targetModule(name);
  const clauses = only ? selectClauses(await loadClauses(), { clause: only }) : await loadClauses();
  const ids = new Set(clauses.map((c) => c.id));
  const baseline = Object.fromEntries(Object.entries(readBaseline(m.baseline!)).filter(([id]) => ids.has(id)));
  // Act: as the matrix says CI runs it
  const target = m.create(m.about.matrix!);
  const report = await runConformance(target, { clauses, seed: DEFAULT_SEED, baseline });
  keepArtifacts(report);
  // Assert
  expect(report.target.unavailable, 'the target must start and keep answering').toBeUndefined();
  const byVerdict = (v: string) => report.clauses.filter((c) => c.verdict === v).map((c) => `${c.id}: ${c.reason}`);
  expect(byVerdict('fail'), 'new failures (not in the baseline)').toEqual([]);
  expect(byVerdict('unexpected-pass'), 'stale baseline entries').toEqual([]);
  const listed = (kind: 'error' | 'not-observable') => Object.keys(baseline).filter((id) => baseline[id]!.verdict === kind);
  // Target faults the baseline names by their signature are expected errors; any other error is not.
  expect(byVerdict('error'), 'errors the baseline does not name (by their fault signature)').toEqual([]);
  expect(
    report.clauses
      .filter((c) => c.verdict === 'expected-error')
      .map((c) => c.id)
      .sort(),
    'expected errors: the target faults the baseline names, and no other',
  ).toEqual(listed('error').sort());
  const expectedFails = report.clauses.filter((c) => c.verdict === 'expected-fail');
  expect(expectedFails.map((c) => c.id).sort()).toEqual(
    Object.keys(baseline)
      .filter((id) => baseline[id]!.deviations)
      .sort(),
  );
  // Shrunk: short enough to read (a few clauses need six steps or so just to arrange their scenario).
  for (const c of expectedFails) expect(c.counterexample!.steps.length, c.id).toBeLessThanOrEqual(8);
  // The matrix predicts "not observable" from capabilities and the baseline; the run must agree, or the matrix would say "pass".
  const predicted = clauses.filter((c) => requirementsOf(c).some((r) => !meets(target, r)) || baseline[c.id]?.verdict === 'not-observable').map((c) => c.id);
  expect(
    report.clauses.filter((c) => c.verdict === 'not-observable').map((c) => c.id),
    'not observable as the matrix predicts',
  ).toEqual(predicted);
  // (with real-time windows the data-key window clause is predicted observable, so this also proves it ran)
  expect(report.summary.pass).toBeGreaterThan(0);
  // The console stays readable: rendered as a run without a baseline would print it, no line over 2,000 characters.
  const asIfNoBaseline = { ...report, clauses: report.clauses.map((c) => (c.verdict === 'expected-fail' ? { ...c, verdict: 'fail' as const } : c)) };
  const consoleText = [...asIfNoBaseline.clauses.map((c, i, all) => clauseLine(c, i, all.length)), renderConsoleSummary(asIfNoBaseline)].join('\n');
  const longest = Math.max(...consoleText.split('\n').map((l) => l.length));
  expect(longest, 'the longest console line').toBeLessThanOrEqual(2_000);
}
