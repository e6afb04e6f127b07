/**
 * CreateQueue checks KmsDataKeyReusePeriodSeconds as SetQueueAttributes does
 * (sqs.sse-kms.reuse-period-range): whole seconds from 60 to 86,400 are accepted and read back;
 * a value below 60, above 86,400 or not an integer fails the request with InvalidAttributeValue
 * (the CreateQueue reference documents the range and lists that error). AWS does not say what an
 * empty value does; it is not an integer, so the clause expects the same error, as its own rule.
 * Source: SQS-8.
 */
import fc from 'fast-check';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { queueAttributes } from '../../../src/steps.js';

type Rule = 'in-range' | 'below-60' | 'above-86400' | 'not-an-integer' | 'empty';

function ruleOf(value: string): Rule {
  if (value === '') return 'empty';
  if (!/^-?\d+$/.test(value)) return 'not-an-integer';
  const n = Number(value);
  return n < 60 ? 'below-60' : n > 86_400 ? 'above-86400' : 'in-range';
}

export const clause = defineClause({
  id: 'sqs.sse-kms.reuse-period-range-on-create-queue',
  title: 'CreateQueue accepts KmsDataKeyReusePeriodSeconds from 60 to 86,400 and refuses other values with InvalidAttributeValue',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-8', url: PAGES.sqsCreateQueue, evidence: 'DOC' },
    { fact: 'SQS-8', url: PAGES.sqsCreateQueue, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'attributes', 'limits'],
  generates: 'the boundaries 59/60/86,400/86,401, "1.5", "abc" and "" first, then integers from -100 to 200,000, decimals and words, on CreateQueue with a key',
  arbitrary: fc.oneof(
    fc.integer({ min: -100, max: 200_000 }).map(String),
    fc.integer({ min: -100, max: 200_000 }).map((n) => `${n}.5`),
    fc.stringMatching(/^[a-z]{1,8}$/),
  ),
  examples: ['59', '60', '86400', '86401', '1.5', 'abc', ''],
  rule: ruleOf,
  check: async (s, value) => {
    const accepted = ruleOf(value) === 'in-range';
    const create = new CreateQueueCommand({ QueueName: s.name('queue'), Attributes: { KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: value } });
    if (!accepted) {
      await s.send(create, { expect: fails('InvalidAttributeValue') });
      return;
    }
    const { QueueUrl } = await s.send(create);
    const attrs = await queueAttributes(s, QueueUrl!);
    s.check(attrs.KmsDataKeyReusePeriodSeconds === value, 'KmsDataKeyReusePeriodSeconds', value, attrs.KmsDataKeyReusePeriodSeconds);
  },
});
