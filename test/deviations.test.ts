/**
 * Every distinct deviation of a clause is found and shrunk on its own, and a baseline hides only the
 * deviations it names: a variant of the reference whose CreateAlias accepts every name breaks four
 * rules of kms.aliases.alias-name-rules at once.
 */
import { describe, expect, it } from 'vitest';
import type { ReferenceClients } from '../reference/index.js';
import type { Baseline } from '../src/runner.js';
import { runClause } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

/** CreateAlias succeeds whatever the name (the rules are not checked). */
const acceptsAnyAlias = ({ kms }: ReferenceClients) =>
  kms.middlewareStack.add((next, context) => async (args) => ((context as { commandName?: string }).commandName === 'CreateAliasCommand' ? { output: { $metadata: {} }, response: {} } : next(args)) as never, { step: 'initialize', name: 'accept-any-alias' });

const run = async (baseline?: Baseline, prefix = 'dev') => {
  const clause = (await loadClauses()).find((c) => c.id === 'kms.aliases.alias-name-rules')!;
  const target = new ReferenceTarget({ decorate: acceptsAnyAlias });
  await target.start();
  return runClause(target, clause, { seed: 7, runs: 60, prefix, ...(baseline ? { baseline } : {}) });
};

describe('deviations', () => {
  it('finds each broken rule of a clause as its own deviation, each with a short counterexample', async () => {
    const r = await run();
    expect(r.verdict).toBe('fail');
    const sigs = r.deviations!.map((d) => d.signature);
    expect(sigs.map((s) => /^\[([a-z-]+)\]/.exec(s)![1]).sort()).toEqual(['bad-char', 'no-prefix', 'reserved', 'too-long']);
    expect(new Set(sigs).size).toBe(sigs.length);
    for (const d of r.deviations!) expect(d.counterexample.steps.length, d.signature).toBeLessThanOrEqual(3);
  });

  it('is deterministic: the same seed finds the same deviations with the same counterexamples, whatever the run prefix', async () => {
    const [a, b] = [await run(undefined, 'ssec-abc123'), await run(undefined, 'ssec-xyz789')];
    expect(JSON.stringify(b.deviations)).toBe(JSON.stringify(a.deviations));
    expect(JSON.stringify(a.deviations)).not.toMatch(/abc123/);
  });

  it('a baseline that names some deviations fails on the others, and names them', async () => {
    const all = (await run()).deviations!.map((d) => d.signature);
    const partial = await run({ 'kms.aliases.alias-name-rules': { reason: 'r', since: '2026-01-01', deviations: [all[0]!] } });
    expect(partial.verdict).toBe('fail');
    expect(partial.reason).toMatch(/a deviation the baseline does not name/);
    expect(partial.counterexample).toBe(partial.deviations!.find((d) => d.signature !== all[0])!.counterexample);
    const complete = await run({ 'kms.aliases.alias-name-rules': { reason: 'r', since: '2026-01-01', deviations: all } });
    expect(complete.verdict).toBe('expected-fail');
    const stale = await run({ 'kms.aliases.alias-name-rules': { reason: 'r', since: '2026-01-01', deviations: [...all, 'kms:CreateAlias something else'] } });
    expect(stale.verdict).toBe('unexpected-pass');
    expect(stale.reason).toMatch(/no longer show: kms:CreateAlias something else/);
  });
});
