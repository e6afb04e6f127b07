/**
 * KmsDataKeyReusePeriodSeconds accepts whole seconds from 60 to 86,400 and rejects anything else
 * with InvalidAttributeValue. The outcome and the period the queue then shows are judged independently: a
 * target that wrongly accepts a period out of range may keep the old one or store the new one, and that
 * shows too (the period an in-range set was refused shows nothing more).
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { reusePeriodArb } from '../../../src/arbitraries/queues.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.reuse-period-range',
  title: 'KmsDataKeyReusePeriodSeconds is accepted from 60 to 86,400 and otherwise rejected with InvalidAttributeValue',
  level: 'MUST',
  theme: 'key-reuse',
  sources: [
    { fact: 'SQS-8', url: PAGES.sqsSetQueueAttributes, evidence: 'MODEL' },
    { fact: 'SQS-8', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'attributes', 'limits'],
  shares: ['aws-managed-keys'],
  generates:
    'reuse periods at 59/60/61, 86,399/86,400/86,401, 0, -1 and the default 300 on every seed, then anywhere from -100 to 200,000, on an SSE-KMS queue',
  arbitrary: reusePeriodArb,
  // On every seed: each bound from both sides, zero, a negative period, and the default itself (LocalStack stops
  // showing a period set to 300), so that each way an emulator breaks the rule shows whatever the seed.
  examples: [59, 60, 61, 86_399, 86_400, 86_401, 0, -1, 300],
  scenario: async (s, seconds) => {
    const inRange = seconds >= 60 && seconds <= 86_400;
    const url = await createQueue(s, { KmsMasterKeyId: 'alias/aws/sqs' });
    const set = await s.attempt(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsDataKeyReusePeriodSeconds: String(seconds) } }));
    if (!s.expectLast(set, [inRange ? OK : fails('InvalidAttributeValue')], { independent: true }) && inRange) return;
    const attrs = await queueAttributes(s, url);
    const expected = inRange ? String(seconds) : '300';
    s.check(attrs.KmsDataKeyReusePeriodSeconds === expected, 'KmsDataKeyReusePeriodSeconds', expected, attrs.KmsDataKeyReusePeriodSeconds);
  },
});
