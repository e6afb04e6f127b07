/**
 * A queue goes from SSE-KMS to SSE-SQS in one SetQueueAttributes call that clears KmsMasterKeyId
 * ("") and sets SqsManagedSseEnabled "true": the call succeeds (an empty key is no second SSE type,
 * so the mutual-exclusion error does not apply) and the queue then reads SqsManagedSseEnabled
 * "true" with neither KMS attribute. AWS documents one SSE type at a time and how to clear the key,
 * not this request; it was seen on AWS in Terraform's acceptance test, whose update sends exactly
 * the changed attributes (with a reuse period, as Terraform resets it to its default). Whether
 * SqsManagedSseEnabled "true" alone, with the key left set, is refused or switches is not known,
 * and not asserted here. The queue starts with the default reuse period or another one: a target that
 * keeps the period once SSE-KMS is off shows only when it is not the default that Terraform sends. The
 * three attributes are checked independently, each its own deviation.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb, nonDefaultReusePeriodArb } from '../../../src/arbitraries/queues.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-sqs.switch-from-sse-kms-to-sse-sqs',
  title: 'Clearing KmsMasterKeyId and setting SqsManagedSseEnabled "true" in one call switches a queue from SSE-KMS to SSE-SQS',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-24', url: PAGES.terraformSqsQueueTest, evidence: 'OBS' },
    { fact: 'SQS-24', url: PAGES.terraformSqsAttributeMap, evidence: 'INF' },
    { fact: 'SQS-1', url: PAGES.sqsSetQueueAttributes, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'sse-sqs', 'attributes'],
  shares: ['aws-managed-keys'],
  generates:
    'SSE-KMS queues (standard or FIFO, any key string, the default or another reuse period) switched in one call, with or without a reuse period in it (another period at the start on every seed)',
  arbitrary: fc.record({
    fifo: fc.boolean(),
    key: keyIdStringArb,
    reuse: fc.option(nonDefaultReusePeriodArb, { nil: undefined }),
    withReuse: fc.boolean(),
  }),
  examples: [
    { fifo: false, key: 'alias/aws/sqs', reuse: undefined, withReuse: true },
    { fifo: true, key: 'alias/aws/sqs', reuse: undefined, withReuse: false },
    { fifo: false, key: 'alias/aws/sqs', reuse: 3_600, withReuse: false },
    { fifo: true, key: 'alias/aws/sqs', reuse: 86_400, withReuse: true },
  ],
  scenario: async (s, { fifo, key, reuse, withReuse }) => {
    // Arrange
    const url = await createQueue(s, { KmsMasterKeyId: key, ...(reuse === undefined ? {} : { KmsDataKeyReusePeriodSeconds: String(reuse) }) }, fifo);
    // Act
    const attributes = { KmsMasterKeyId: '', SqsManagedSseEnabled: 'true', ...(withReuse ? { KmsDataKeyReusePeriodSeconds: '300' } : {}) };
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
    const attrs = await queueAttributes(s, url);
    // Assert: independent checks, each its own deviation
    s.check(attrs.SqsManagedSseEnabled === 'true', 'SqsManagedSseEnabled', 'true', attrs.SqsManagedSseEnabled);
    s.check(!('KmsMasterKeyId' in attrs), 'KmsMasterKeyId', '(absent)', attrs.KmsMasterKeyId);
    s.check(!('KmsDataKeyReusePeriodSeconds' in attrs), 'KmsDataKeyReusePeriodSeconds', '(absent)', attrs.KmsDataKeyReusePeriodSeconds);
  },
});
