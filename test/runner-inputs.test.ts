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
    sources: [],
    features: ['sqs'],
    generates: 'a record without a prototype',
    arbitrary: fc.record({ n: fc.integer({ min: 0, max: 3 }) }, { noNullPrototype: false }).map((r) => Object.assign(Object.create(null) as object, r) as { n: number }),
    check: async (s, { n }) => {
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
