/**
 * Setting KmsMasterKeyId to "" turns SSE-KMS off: the queue becomes unencrypted; it does not fall
 * back to SSE-SQS, and neither KMS attribute is returned any more.
 * Recorded on AWS 2025-12-10; it contradicts LocalStack PR #13780. The queue starts with the default reuse
 * period or another one (a target that keeps a stale period shows only from another one); the three
 * attributes are checked independently, each its own deviation.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb, nonDefaultReusePeriodArb } from '../../../src/arbitraries/queues.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.empty-key-leaves-queue-unencrypted',
  title: 'Clearing KmsMasterKeyId leaves the queue unencrypted, with SqsManagedSseEnabled "false" and no KMS attributes',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-5', url: PAGES.sqsDisableSse, evidence: 'DOC' },
    { fact: 'SQS-5', url: PAGES.localstackSqsSnapshot, evidence: 'OBS' },
  ],
  features: ['sqs', 'sse-kms', 'attributes'],
  shares: ['aws-managed-keys'],
  generates:
    'SSE-KMS queues (standard or FIFO, any key string, the default or another reuse period) whose key is then set to "" (another period on every seed)',
  arbitrary: fc.record({ fifo: fc.boolean(), key: keyIdStringArb, reuse: fc.option(nonDefaultReusePeriodArb, { nil: undefined }) }),
  examples: [
    { fifo: false, key: 'alias/aws/sqs', reuse: undefined },
    { fifo: true, key: 'alias/aws/sqs', reuse: 3_600 },
  ],
  scenario: async (s, { fifo, key, reuse }) => {
    const url = await createQueue(s, { KmsMasterKeyId: key, ...(reuse === undefined ? {} : { KmsDataKeyReusePeriodSeconds: String(reuse) }) }, fifo);
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: '' } }));
    const attrs = await queueAttributes(s, url);
    // Independent checks, each its own deviation
    s.check(attrs.SqsManagedSseEnabled === 'false', 'SqsManagedSseEnabled', 'false', attrs.SqsManagedSseEnabled);
    s.check(!('KmsMasterKeyId' in attrs), 'KmsMasterKeyId', '(absent)', attrs.KmsMasterKeyId);
    s.check(!('KmsDataKeyReusePeriodSeconds' in attrs), 'KmsDataKeyReusePeriodSeconds', '(absent)', attrs.KmsDataKeyReusePeriodSeconds);
  },
});
