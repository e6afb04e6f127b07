/**
 * The reuse period is returned only while SSE-KMS is active; sending it to an SSE-SQS or
 * unencrypted queue neither enables encryption nor makes it appear.
 * Terraform had to special-case this (PR #41234). Both attributes are checked independently, each its own
 * deviation; every mode meets the period at CreateQueue and later on every seed.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createQueue, queueAttributes, sseAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.reuse-period-shown-only-with-kms',
  title: 'KmsDataKeyReusePeriodSeconds is absent on SSE-SQS and unencrypted queues even when it was set',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-8', url: PAGES.localstackSqsSnapshot, evidence: 'OBS' },
    { fact: 'SQS-8', url: PAGES.sqsSetQueueAttributes, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'sse-sqs', 'attributes'],
  generates: 'standard and FIFO SSE-SQS or unencrypted queues given a valid reuse period at create or later (each mode at each time on every seed)',
  arbitrary: fc.record({
    mode: fc.constantFrom('none' as const, 'sse-sqs' as const),
    seconds: fc.integer({ min: 60, max: 86_400 }),
    onCreate: fc.boolean(),
    fifo: fc.boolean(),
  }),
  examples: (['none', 'sse-sqs'] as const).flatMap((mode) => [true, false].map((onCreate) => ({ mode, seconds: 600, onCreate, fifo: !onCreate }))),
  scenario: async (s, { mode, seconds, onCreate, fifo }) => {
    const reuse = { KmsDataKeyReusePeriodSeconds: String(seconds) };
    const url = await createQueue(s, { ...sseAttributes(mode), ...(onCreate ? reuse : {}) }, fifo);
    if (!onCreate) await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: reuse }));
    const attrs = await queueAttributes(s, url);
    // Independent checks
    s.check(!('KmsDataKeyReusePeriodSeconds' in attrs), 'KmsDataKeyReusePeriodSeconds', '(absent)', attrs.KmsDataKeyReusePeriodSeconds);
    const managed = mode === 'sse-sqs' ? 'true' : 'false';
    s.check(attrs.SqsManagedSseEnabled === managed, 'SqsManagedSseEnabled', managed, attrs.SqsManagedSseEnabled);
  },
});
