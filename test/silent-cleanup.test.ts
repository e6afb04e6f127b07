/**
 * A target that goes silent while a scenario's deletes are pending costs two request timeouts (the first delete's
 * and the runner's probe), as docs/cli.md promises, not one per delete; the clause is an error naming the timeout,
 * the rest of the run is not run, exit code 3.
 */
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineClause } from '../src/clause.js';
import { exitCodeOf } from '../app/index.js';
import { runConformance } from '../src/runner.js';
import { FaultyTarget } from '../test-targets/faulty/index.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const QUEUES = 3;
const TOPICS = 2;
/** A clause that creates five resources in five requests and passes: every later request is cleanup. */
const creates = defineClause({
  id: 'sqs.sse-sqs.test-creates-five',
  title: 'Creates three queues and two topics',
  level: 'MUST',
  theme: 'configuration',
  sources: [{ fact: 'SQS-2', url: 'https://example.invalid/', evidence: 'DOC' }],
  features: ['sqs', 'sns'],
  generates: 'nothing',
  arbitrary: fc.constant(0),
  scenario: async (s) => {
    for (let i = 0; i < QUEUES; i++) await s.send(new CreateQueueCommand({ QueueName: s.name('queue') }));
    for (let i = 0; i < TOPICS; i++) await s.send(new CreateTopicCommand({ Name: s.name('topic') }));
  },
});
const second = { ...creates, id: 'sqs.sse-sqs.test-creates-five-again' };

describe('silence with deletes pending', () => {
  it('ends the run within two request timeouts, not one per delete', async () => {
    const TIMEOUT_MS = 1_000;
    const t = new FaultyTarget(new ReferenceTarget(), { silentAfter: QUEUES + TOPICS, requestTimeoutMs: TIMEOUT_MS });
    const started = Date.now();
    const report = await runConformance(t, { clauses: [creates, second], runs: 1, seed: 7 });
    const ms = Date.now() - started;
    expect(t.injected.silence).toBe(2); // the first delete, then the probe: no other delete is sent into the silence
    expect(ms).toBeLessThan(2 * TIMEOUT_MS + 1_500);
    expect(report.clauses[0]!.verdict).toBe('error');
    expect(report.clauses[0]!.reason).toMatch(/cleanup could not delete what the scenario created, so the clause stops: topic topic#1 .*requestTimeout/);
    expect(report.clauses[1]!.reason).toMatch(/^not run: target .* stopped answering during sqs\.sse-sqs\.test-creates-five$/);
    expect(exitCodeOf(report)).toBe(3);
  });
});
