/**
 * Each emulator target, run through the whole specification here in CI, fails exactly the clauses
 * its baseline lists (each with a counterexample of at most 5 steps) and nothing else. This is what
 * makes docs/conformance.md true. A missing moto_server fails these tests; it never skips them.
 */
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/baseline.js';
import { DEFAULT_SEED, runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { BASELINES, makeTarget } from '../../src/targets.js';

const clauses = await loadClauses();

describe.each(['moto', 'fauxqs'])('the specification on %s', (name) => {
  it('matches the baseline exactly: each known deviation fails with at most 5 steps, nothing else fails', async () => {
    // Arrange
    const baseline = readBaseline(BASELINES[name]!);
    // Act
    const report = await runConformance(makeTarget(name), { clauses, seed: DEFAULT_SEED, baseline });
    // Assert
    expect(report.target.unavailable, 'the target must start').toBeUndefined();
    const byVerdict = (v: string) => report.clauses.filter((c) => c.verdict === v).map((c) => `${c.id}: ${c.reason}`);
    expect(byVerdict('fail'), 'new failures (not in the baseline)').toEqual([]);
    expect(byVerdict('unexpected-pass'), 'stale baseline entries').toEqual([]);
    expect(byVerdict('error'), 'harness or target errors').toEqual([]);
    const expectedFails = report.clauses.filter((c) => c.verdict === 'expected-fail');
    expect(expectedFails.map((c) => c.id).sort()).toEqual(Object.keys(baseline).sort());
    for (const c of expectedFails) expect(c.counterexample!.steps.length, c.id).toBeLessThanOrEqual(5);
    expect(report.summary.pass).toBeGreaterThan(5);
  }, 240_000);
});
