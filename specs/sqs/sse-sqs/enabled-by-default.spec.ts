/**
 * A new queue gets SSE-SQS unless the request says otherwise, and shows no KMS attributes.
 * SSE-SQS is the default (announced by AWS in Oct 2022, in effect by Sep 2022); the defaults were recorded on AWS in Dec 2025.
 * The three attributes are checked independently, each its own deviation.
 */
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-sqs.enabled-by-default',
  title: 'A queue created without SSE attributes has SqsManagedSseEnabled "true" and no KMS attributes',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-2', url: PAGES.sqsSseDefaultBlog, evidence: 'DOC' },
    { fact: 'SQS-2', url: PAGES.localstackSqsSnapshot, evidence: 'OBS' },
  ],
  features: ['sqs', 'sse-sqs', 'attributes'],
  generates: 'standard and FIFO queues created with no SSE attributes (both on every seed)',
  arbitrary: fc.boolean(),
  examples: [false, true],
  maxRuns: 0,
  scenario: async (s, fifo) => {
    // Arrange, Act
    const url = await createQueue(s, {}, fifo);
    const attrs = await queueAttributes(s, url);
    // Assert: independent checks
    s.check(attrs.SqsManagedSseEnabled === 'true', 'SqsManagedSseEnabled', 'true', attrs.SqsManagedSseEnabled);
    s.check(!('KmsMasterKeyId' in attrs), 'KmsMasterKeyId', '(absent)', attrs.KmsMasterKeyId);
    s.check(!('KmsDataKeyReusePeriodSeconds' in attrs), 'KmsDataKeyReusePeriodSeconds', '(absent)', attrs.KmsDataKeyReusePeriodSeconds);
  },
});
