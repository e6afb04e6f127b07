/**
 * Choosing a KMS key selects SSE-KMS: SqsManagedSseEnabled reads "false", the key is echoed and the
 * reuse period appears with its default of 300 seconds. The key is set at CreateQueue, or later on a
 * queue that starts with SSE-SQS by default, with SSE-SQS asked for explicitly (so that a target whose
 * default is unencrypted still has SSE-SQS to clear), or unencrypted. The two attributes are checked
 * independently: a target that gets both wrong shows two deviations. A reuse period set before the key
 * is not used here: whether it reappears once a key is set is not documented (SQS-8).
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb } from '../../../src/arbitraries/queues.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

/** Where the key is set: at CreateQueue, or later on a queue that starts SSE-SQS by default, SSE-SQS as asked, or unencrypted. */
const FROM = ['create', 'default', 'sse-sqs', 'unencrypted'] as const;
type From = (typeof FROM)[number];
const START: Record<Exclude<From, 'create'>, Record<string, string>> = {
  default: {},
  'sse-sqs': { SqsManagedSseEnabled: 'true' },
  unencrypted: { SqsManagedSseEnabled: 'false' },
};

export const clause = defineClause({
  id: 'sqs.sse-kms.setting-a-key-clears-sqs-managed-sse',
  title: 'A queue given a KMS key reads SqsManagedSseEnabled "false" and KmsDataKeyReusePeriodSeconds "300"',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-4', url: PAGES.localstackSqsSnapshot, evidence: 'OBS' },
    { fact: 'SQS-8', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-2', url: PAGES.sqsSseDefaultBlog, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'sse-sqs', 'attributes'],
  shares: ['aws-managed-keys'],
  generates:
    'a key string set at CreateQueue, or later on a queue that is SSE-SQS by default, SSE-SQS as asked or unencrypted, standard or FIFO (each start on every seed)',
  arbitrary: fc.record({ from: fc.constantFrom<From>(...FROM), fifo: fc.boolean(), key: keyIdStringArb }),
  examples: FROM.map((from, i) => ({ from, fifo: i % 2 === 1, key: 'alias/aws/sqs' })),
  scenario: async (s, { from, fifo, key }) => {
    // Arrange, Act
    const url = await createQueue(s, from === 'create' ? { KmsMasterKeyId: key } : START[from], fifo);
    if (from !== 'create') await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: key } }));
    const attrs = await queueAttributes(s, url);
    // Assert: independent checks, each its own deviation
    s.check(attrs.SqsManagedSseEnabled === 'false', 'SqsManagedSseEnabled', 'false', attrs.SqsManagedSseEnabled);
    s.check(attrs.KmsDataKeyReusePeriodSeconds === '300', 'KmsDataKeyReusePeriodSeconds', '300', attrs.KmsDataKeyReusePeriodSeconds);
  },
});
