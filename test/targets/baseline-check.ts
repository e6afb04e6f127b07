/**
 * Used by test/targets/baselines.test.ts, which runs the emulators concurrently (one shared wait):
 * the emulator, run through the whole specification with real-time windows as in CI, fails exactly
 * the clauses its baseline lists (each with a counterexample of at most 5 steps) and nothing else.
 * This is what makes docs/conformance.md true. A missing moto_server fails it; it never skips.
 */
import { expect } from 'vitest';
import { readBaseline } from '../../src/baseline.js';
import { DEFAULT_SEED, runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { BASELINES, makeTarget } from '../../src/targets.js';

export async function expectRunMatchesBaseline(name: string): Promise<void> {
  // Arrange
  const baseline = readBaseline(BASELINES[name]!);
  // Act
  const report = await runConformance(makeTarget(name, { realTimeWindows: true }), { clauses: await loadClauses(), seed: DEFAULT_SEED, baseline });
  // Assert
  expect(report.target.unavailable, 'the target must start').toBeUndefined();
  const byVerdict = (v: string) => report.clauses.filter((c) => c.verdict === v).map((c) => `${c.id}: ${c.reason}`);
  expect(byVerdict('fail'), 'new failures (not in the baseline)').toEqual([]);
  expect(byVerdict('unexpected-pass'), 'stale baseline entries').toEqual([]);
  expect(byVerdict('error'), 'harness or target errors').toEqual([]);
  const expectedFails = report.clauses.filter((c) => c.verdict === 'expected-fail');
  expect(expectedFails.map((c) => c.id).sort()).toEqual(Object.keys(baseline).sort());
  for (const c of expectedFails) expect(c.counterexample!.steps.length, c.id).toBeLessThanOrEqual(5);
  expect(report.clauses.find((c) => c.id === 'sqs.sse-kms.cached-data-key-window')!.verdict, 'the timing clause runs (one shared wait)').not.toBe('not-observable');
  expect(report.summary.pass).toBeGreaterThan(5);
}
