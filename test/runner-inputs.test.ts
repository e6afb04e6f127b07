/** Generated inputs are printed safely whatever their prototype (fast-check builds records without one). */
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { defineClause } from '../src/clause.js';
import { runClause } from '../src/runner.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

it('a failing clause over a prototype-less record reports the real failure and its input', async () => {
  const clause = defineClause({
    id: 'test.null-prototype-input',
    title: 'fails on purpose',
    level: 'MUST',
    theme: 'encryption-scope',
    sources: [],
    features: ['sqs'],
    generates: 'a record without a prototype',
    arbitrary: fc
      .record({ n: fc.integer({ min: 0, max: 3 }) }, { noNullPrototype: false })
      .map((r) => Object.assign(Object.create(null) as object, r) as { n: number }),
    scenario: async (s, { n }) => {
      await s.send(new ListQueuesCommand({}));
      s.check(n < 0, 'n', 'negative', n);
    },
  });
  const target = new ReferenceTarget();
  await target.start();
  const r = await runClause(target, clause, { seed: 1, runs: 5, prefix: 't' });
  expect(r.verdict, r.reason).toBe('fail');
  expect(r.counterexample!.input).toEqual({ n: 0 });
});

it("runs a clause's examples first, on every seed, so a boundary deviation shows whatever the seed", async () => {
  const seen: number[] = [];
  const clause = defineClause({
    id: 'test.examples-first',
    title: 'fails only at the boundary',
    level: 'MUST',
    theme: 'encryption-scope',
    sources: [],
    features: ['sqs'],
    generates: 'small integers, and the boundary as an example',
    arbitrary: fc.integer({ min: 0, max: 100 }),
    examples: [1000],
    scenario: async (s, n) => {
      seen.push(n);
      await s.send(new ListQueuesCommand({}));
      s.check(n !== 1000, 'n', 'below the boundary', n);
    },
  });
  const target = new ReferenceTarget();
  await target.start();
  for (const seed of [1, 2, 3]) {
    seen.length = 0;
    const r = await runClause(target, clause, { seed, runs: 3, prefix: 't' });
    expect(seen[0]).toBe(1000);
    expect(r.verdict, r.reason).toBe('fail');
    expect(r.counterexample!.input).toBe(1000);
  }
});
