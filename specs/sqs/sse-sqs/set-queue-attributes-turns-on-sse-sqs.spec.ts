/**
 * SqsManagedSseEnabled can be set on an existing queue: SetQueueAttributes with "true" turns
 * SSE-SQS on for an unencrypted queue, and GetQueueAttributes then reads "true" with no KMS
 * attributes. Two starting queues: one created with SqsManagedSseEnabled "false" (unencrypted), and
 * one created with no SSE attributes (on AWS already SSE-SQS, so "true" keeps it on). A target that
 * cannot create an unencrypted queue has nothing to show from the first; the second shows whether
 * it takes the attribute at all.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

const STARTS = ['unencrypted', 'default'] as const;
type Start = (typeof STARTS)[number];

export const clause = defineClause({
  id: 'sqs.sse-sqs.set-queue-attributes-turns-on-sse-sqs',
  title: 'SetQueueAttributes with SqsManagedSseEnabled "true" turns SSE-SQS on for an unencrypted or a default queue',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-1', url: PAGES.sqsSetQueueAttributes, evidence: 'DOC' },
    { fact: 'SQS-23', url: PAGES.terraformSqsQueueTest, evidence: 'OBS' },
    { fact: 'SQS-2', url: PAGES.sqsSseDefaultBlog, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-sqs', 'attributes'],
  generates:
    'standard and FIFO queues created unencrypted (SqsManagedSseEnabled "false") or with no SSE attributes, then given SqsManagedSseEnabled "true" (all four on every seed)',
  arbitrary: fc.record({ start: fc.constantFrom<Start>(...STARTS), fifo: fc.boolean() }),
  examples: STARTS.flatMap((start) => [false, true].map((fifo) => ({ start, fifo }))),
  maxRuns: 0,
  rule: ({ start }) => `from-${start}`,
  check: async (s, { start, fifo }) => {
    // Arrange
    const url = await createQueue(s, start === 'unencrypted' ? { SqsManagedSseEnabled: 'false' } : {}, fifo);
    // A target that does not keep "false" has no unencrypted queue to start from: this start shows
    // nothing there (the default start still does, so the clause as a whole stays observable).
    if (start === 'unencrypted' && (await queueAttributes(s, url)).SqsManagedSseEnabled !== 'false') return;
    // Act
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { SqsManagedSseEnabled: 'true' } }));
    const attrs = await queueAttributes(s, url);
    // Assert
    s.check(attrs.SqsManagedSseEnabled === 'true', 'SqsManagedSseEnabled', 'true', attrs.SqsManagedSseEnabled);
    s.check(!('KmsMasterKeyId' in attrs), 'KmsMasterKeyId', '(absent)', attrs.KmsMasterKeyId);
  },
});
