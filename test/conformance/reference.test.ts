/**
 * The reference target must pass every clause: that is how the model is checked against the
 * specification (docs/architecture.md, "specs/: the specification"). One vitest test per clause, with
 * the counterexample in the failure message.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, runClause } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { ReferenceTarget } from '../../test-targets/reference/reference-target.js';

const clauses = await loadClauses();

describe(`every clause passes on the reference (seed ${DEFAULT_SEED})`, () => {
  it('finds the clauses', () => {
    expect(clauses.length).toBeGreaterThanOrEqual(7);
  });

  it.each(clauses.map((c) => [c.id, c] as const))('%s', async (_id, clause) => {
    const target = new ReferenceTarget();
    await target.start();
    const result = await runClause(target, clause, { seed: DEFAULT_SEED, runs: target.defaultRuns, prefix: 'ref' });
    expect(result.verdict, `${result.reason ?? ''}\n${JSON.stringify(result.counterexample, null, 2)}`).toBe('pass');
    expect(result.runs).toBeGreaterThan(0);
  });
});
