/**
 * Proof that each clause can fail: a deliberately wrong variant of the reference (a mutant of the
 * rule the clause states) makes that clause fail for that rule: the deviation the mutant names is
 * among the clause's deviations, and its counterexample has at most 5 steps (or the few more its
 * mutant declares, for a rule that cannot be shown in fewer calls).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, runClause } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { signatureKey, signatureText } from '../../src/signature.js';
import { ReferenceTarget } from '../../test-targets/reference/reference-target.js';
import { MUTANTS } from './mutants.js';

const clauses = await loadClauses();

describe('every clause can fail', () => {
  it('has one mutant per clause', () => {
    expect(MUTANTS.map((m) => m.clause).sort()).toEqual(clauses.map((c) => c.id).sort());
  });

  it.each(MUTANTS.map((m) => [m.clause, m.bug, m] as const))('%s fails when %s', async (id, _bug, mutant) => {
    // Arrange
    const clause = clauses.find((c) => c.id === id)!;
    const target = new ReferenceTarget({ decorate: mutant.decorate });
    await target.start();
    // Act
    const result = await runClause(target, clause, { seed: DEFAULT_SEED, runs: 50, prefix: 'mut' });
    // Assert
    expect(result.verdict, `${mutant.bug}: ${result.reason}`).toBe('fail');
    const found = result.deviations!.find((d) => signatureKey(d.identity!) === signatureKey(mutant.signature));
    expect(found, `expected ${signatureText(mutant.signature)}; deviations: ${result.deviations!.map((d) => d.signature).join(' | ')}`).toBeDefined();
    const steps = found!.counterexample.steps;
    expect(steps.length, JSON.stringify(steps, null, 1)).toBeGreaterThan(0);
    expect(steps.length, JSON.stringify(steps, null, 1)).toBeLessThanOrEqual(mutant.maxSteps ?? 5);
  });
});
