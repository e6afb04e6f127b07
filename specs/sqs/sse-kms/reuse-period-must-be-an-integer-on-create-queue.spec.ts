/**
 * CreateQueue refuses a KmsDataKeyReusePeriodSeconds that is not a whole number of seconds (a
 * decimal, a word) with InvalidAttributeValue, as SetQueueAttributes does. AWS does not say what an
 * empty value does; it is not an integer, so the clause expects the same error, as its own rule.
 * Kept apart from the range clause: an emulator that cannot parse such a value (moto answers HTTP
 * 500) would otherwise hide whether it checks the range.
 */
import fc from 'fast-check';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.reuse-period-must-be-an-integer-on-create-queue',
  title: 'CreateQueue refuses a KmsDataKeyReusePeriodSeconds that is not an integer with InvalidAttributeValue',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-8', url: PAGES.sqsCreateQueue, evidence: 'DOC' },
    { fact: 'SQS-8', url: PAGES.sqsCreateQueue, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'attributes', 'limits'],
  shares: ['aws-managed-keys'],
  generates: '"1.5", "abc" and "" first, then decimals and words, on CreateQueue with a key',
  arbitrary: fc.oneof(
    fc.integer({ min: -100, max: 200_000 }).map((n) => `${n}.5`),
    fc.stringMatching(/^[a-z]{1,8}$/),
  ),
  examples: ['1.5', 'abc', ''],
  maxRuns: 5,
  rule: (value) => (value === '' ? 'empty' : 'not-an-integer'),
  scenario: async (s, value) => {
    const create = new CreateQueueCommand({ QueueName: s.name('queue'), Attributes: { KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: value } });
    await s.send(create, { expect: fails('InvalidAttributeValue') });
  },
});
