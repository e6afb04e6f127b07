/**
 * SqsManagedSseEnabled can be set on an existing queue: SetQueueAttributes with "true" turns
 * SSE-SQS on for an unencrypted queue, and GetQueueAttributes then reads "true" with no KMS
 * attributes. Three starting queues: one created with SqsManagedSseEnabled "false" (unencrypted), one
 * created with no SSE attributes (on AWS already SSE-SQS, so "true" keeps it on), and one that had
 * SSE-KMS with a reuse period other than the default until its key was cleared (unencrypted, SQS-5),
 * where a target that keeps the old period or key shows it. A target that cannot create an unencrypted
 * queue, or whose cleared key stays set, has nothing to show from those starts; the default one shows
 * whether it takes the attribute at all. The three attributes are checked independently, each its own
 * deviation.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

const STARTS = ['unencrypted', 'default', 'cleared-kms'] as const;
type Start = (typeof STARTS)[number];
/** The reuse period the cleared queue had: not the default, so that a stale one shows. */
const OLD_REUSE = '3600';

export const clause = defineClause({
  id: 'sqs.sse-sqs.set-queue-attributes-turns-on-sse-sqs',
  title: 'SetQueueAttributes with SqsManagedSseEnabled "true" turns SSE-SQS on for an unencrypted or a default queue',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-1', url: PAGES.sqsSetQueueAttributes, evidence: 'DOC' },
    { fact: 'SQS-23', url: PAGES.terraformSqsQueueTest, evidence: 'OBS' },
    { fact: 'SQS-2', url: PAGES.sqsSseDefaultBlog, evidence: 'DOC' },
    { fact: 'SQS-5', url: PAGES.sqsDisableSse, evidence: 'DOC' },
    { fact: 'SQS-8', url: PAGES.sqsSetQueueAttributes, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-sqs', 'attributes'],
  shares: ['aws-managed-keys'],
  generates:
    'standard and FIFO queues created unencrypted (SqsManagedSseEnabled "false"), with no SSE attributes, or with SSE-KMS and a reuse period of 3600 then the key cleared, then given SqsManagedSseEnabled "true" (all six on every seed)',
  arbitrary: fc.record({ start: fc.constantFrom<Start>(...STARTS), fifo: fc.boolean() }),
  examples: STARTS.flatMap((start) => [false, true].map((fifo) => ({ start, fifo }))),
  maxRuns: 0,
  rule: ({ start }) => `from-${start}`,
  scenario: async (s, { start, fifo }) => {
    // Arrange
    const kms = { KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: OLD_REUSE };
    const url = await createQueue(s, start === 'unencrypted' ? { SqsManagedSseEnabled: 'false' } : start === 'cleared-kms' ? kms : {}, fifo);
    if (start === 'cleared-kms') await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: '' } }));
    // A target that does not keep "false", or keeps the cleared key, has no unencrypted queue to start from: this
    // start shows nothing there (sqs.sse-kms.empty-key-leaves-queue-unencrypted reports the key; the default start
    // still shows something, so the clause as a whole stays observable).
    if (start !== 'default') {
      const before = await queueAttributes(s, url);
      // Clearing the key leaves the queue unencrypted (SQS-5): a target that reads SSE-SQS on there has turned it on by
      // itself, which no other step of this clause would show (moto does).
      if (start === 'cleared-kms') s.check(before.SqsManagedSseEnabled === 'false', 'SqsManagedSseEnabled', 'false', before.SqsManagedSseEnabled);
      if (start === 'unencrypted' ? before.SqsManagedSseEnabled !== 'false' : 'KmsMasterKeyId' in before) return;
    }
    // Act
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { SqsManagedSseEnabled: 'true' } }));
    const attrs = await queueAttributes(s, url);
    // Assert: independent checks
    s.check(attrs.SqsManagedSseEnabled === 'true', 'SqsManagedSseEnabled', 'true', attrs.SqsManagedSseEnabled);
    s.check(!('KmsMasterKeyId' in attrs), 'KmsMasterKeyId', '(absent)', attrs.KmsMasterKeyId);
    s.check(!('KmsDataKeyReusePeriodSeconds' in attrs), 'KmsDataKeyReusePeriodSeconds', '(absent)', attrs.KmsDataKeyReusePeriodSeconds);
  },
});
