/**
 * Faults during cleanup, on the in-process reference through the faulty target (its per-operation faults): a single
 * fault on any cleanup call is retried away (the clause keeps its verdict and nothing is left behind), and a delete
 * that keeps failing makes the clause an error naming what it left, never a pass that hides it or a deviation that a
 * later scenario meets.
 */
import { ListAliasesCommand } from '@aws-sdk/client-kms';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Clause } from '../src/clause.js';
import type { Report } from '../src/report.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { FaultyTarget, type FaultSpec } from '../test-targets/faulty/index.js';
import { QUICK_CLAUSES } from '../test-targets/faulty/quick-clauses.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

/** The cleanup calls of what the quick clauses create (src/services/: each resource kind's `cleanup.operation`; no bucket). */
const CLEANUP_CALLS = ['DeleteQueue', 'DeleteTopic', 'DeleteAlias', 'ScheduleKeyDeletion'] as const;
const FAULTS = [
  ['server-error', { serverErrorRate: 1 }],
  ['throttle', { throttleRate: 1 }],
  ['reset', { resetRate: 1 }],
  ['truncate', { truncateRate: 1 }],
] as const;

/** The reference, listing what the run left in the model before it is thrown away. */
class Watched extends ReferenceTarget {
  left: string[] = [];
  override async dispose(): Promise<void> {
    const c = this.clients(0);
    const queues = (await c.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    const topics = ((await c.sns.send(new ListTopicsCommand({}))).Topics ?? []).map((t) => t.TopicArn!);
    const aliases = ((await c.kms.send(new ListAliasesCommand({}))).Aliases ?? []).map((a) => a.AliasName!).filter((a) => !a.startsWith('alias/aws/'));
    // The model lists keys itself (it does not serve ListKeys).
    const keys = [...this.model.kms.keys.values()].filter((k) => k.keyManager === 'CUSTOMER' && k.state !== 'PendingDeletion').map((k) => k.arn);
    this.left = [...queues, ...topics, ...aliases, ...keys];
    await super.dispose();
  }
}

const verdicts = (r: Report) => r.clauses.map((c) => `${c.id}: ${c.verdict}${c.verdict === 'error' ? ` (${c.reason})` : ''}`);

describe('faults on cleanup calls', () => {
  let clauses: Clause[];
  let control: Report;
  const run = (t: Watched | FaultyTarget, cs = clauses) => runConformance(t, { clauses: cs, runs: 3, seed: 7 });

  beforeAll(async () => {
    const all = await loadClauses();
    clauses = QUICK_CLAUSES.map((id) => all.find((c) => c.id === id)!);
    const t = new Watched();
    control = await run(t);
    expect(t.left).toEqual([]);
  });

  for (const operation of CLEANUP_CALLS)
    for (const [fault, rate] of FAULTS)
      it(`one ${fault} on ${operation}: retried, every clause keeps its verdict and nothing is left behind`, async () => {
        const inner = new Watched();
        const t = new FaultyTarget(inner, { ...rate, operation, maxFaults: 1 } as FaultSpec);
        const report = await run(t);
        expect(Object.values(t.injected).reduce((a, b) => a + b, 0)).toBe(1); // the quick clauses make this call
        expect(verdicts(report)).toEqual(verdicts(control));
        expect(inner.left).toEqual([]);
      });

  it('a delete that keeps failing makes the clause an error naming the leftover, after four attempts', async () => {
    const few = clauses.filter((c) => c.id === 'sqs.sse-sqs.enabled-by-default' || c.id === 'kms.aliases.duplicate-alias-refused');
    const inner = new Watched();
    const t = new FaultyTarget(inner, { serverErrorRate: 1, operation: 'DeleteAlias' });
    const report = await run(t, few);
    expect(report.clauses.map((c) => c.verdict)).toEqual(['pass', 'error']);
    expect(report.clauses[1]!.reason).toMatch(
      /cleanup could not delete what the scenario created, so the clause stops: alias alias\/.+ \(alias\/\S+\): \w+: injected by the faulty target \(server-error\) \(after 4 attempts\)/,
    );
    expect(t.requests).toBe(4); // the first scenario's delete, tried four times; no later scenario ran
    expect(report.target.unavailable).toBeUndefined(); // a fault of one call, not a target gone
    expect(report.leftovers).toBeUndefined(); // a disposable account: the error says it, the report lists real accounts' only
  });
});
