/**
 * Choosing a KMS key selects SSE-KMS: SqsManagedSseEnabled reads "false", the key is echoed and the
 * reuse period appears with its default of 300 seconds.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb } from '../../../src/arbitraries/queues.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.setting-a-key-clears-sqs-managed-sse',
  title: 'A queue given a KMS key reads SqsManagedSseEnabled "false" and KmsDataKeyReusePeriodSeconds "300"',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-4', url: PAGES.localstackSqsSnapshot, evidence: 'OBS' },
    { fact: 'SQS-8', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'sse-sqs', 'attributes'],
  shares: ['aws-managed-keys'],
  generates: 'a key string set at CreateQueue or later on an SSE-SQS queue, standard or FIFO',
  arbitrary: fc.record({ onCreate: fc.boolean(), fifo: fc.boolean(), key: keyIdStringArb }),
  check: async (s, { onCreate, fifo, key }) => {
    // Arrange, Act
    const url = await createQueue(s, onCreate ? { KmsMasterKeyId: key } : {}, fifo);
    if (!onCreate) await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: key } }));
    const attrs = await queueAttributes(s, url);
    // Assert
    s.check(attrs.SqsManagedSseEnabled === 'false', 'SqsManagedSseEnabled', 'false', attrs.SqsManagedSseEnabled);
    s.check(attrs.KmsDataKeyReusePeriodSeconds === '300', 'KmsDataKeyReusePeriodSeconds', '300', attrs.KmsDataKeyReusePeriodSeconds);
  },
});
