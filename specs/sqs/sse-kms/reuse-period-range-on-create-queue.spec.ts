/**
 * CreateQueue checks KmsDataKeyReusePeriodSeconds as SetQueueAttributes does
 * (sqs.sse-kms.reuse-period-range): whole seconds from 60 to 86,400 are accepted and read back; a
 * value below 60 or above 86,400 fails the request with InvalidAttributeValue (the CreateQueue
 * reference documents the range and lists that error). Values that are not integers are
 * sqs.sse-kms.reuse-period-must-be-an-integer-on-create-queue.
 */
import fc from 'fast-check';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { queueAttributes } from '../../../src/steps.js';

type Rule = 'in-range' | 'below-60' | 'above-86400';

function ruleOf(value: string): Rule {
  const n = Number(value);
  return n < 60 ? 'below-60' : n > 86_400 ? 'above-86400' : 'in-range';
}

export const clause = defineClause({
  id: 'sqs.sse-kms.reuse-period-range-on-create-queue',
  title: 'CreateQueue accepts KmsDataKeyReusePeriodSeconds from 60 to 86,400 and refuses other integers with InvalidAttributeValue',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-8', url: PAGES.sqsCreateQueue, evidence: 'DOC' },
    { fact: 'SQS-8', url: PAGES.sqsCreateQueue, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'attributes', 'limits'],
  shares: ['aws-managed-keys'],
  generates: 'the boundaries 59/60/86,400/86,401 and the default 300 first, then integers from -100 to 200,000, on CreateQueue with a key',
  arbitrary: fc.integer({ min: -100, max: 200_000 }).map(String),
  examples: ['59', '60', '86400', '86401', '300'],
  rule: ruleOf,
  scenario: async (s, value) => {
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
