/**
 * Publish measures body and message attributes together against the topic's own MaximumMessageSize,
 * on an encrypted topic as on any other: a body of exactly the limit is accepted, one byte more is
 * refused with InvalidParameter, and attributes count towards the limit.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createTopic } from '../../../src/steps.js';

const CASES = ['body-at-limit', 'body-over-limit', 'attributes-push-over'] as const;
type Case = (typeof CASES)[number];

export const clause = defineClause({
  id: 'sns.limits.publish-checks-the-topic-maximum-message-size',
  title: 'Publish to an encrypted topic accepts its MaximumMessageSize and refuses one byte more, attributes included',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SNS-17', url: PAGES.snsLargeMessages, evidence: 'DOC' },
    { fact: 'SNS-1', url: PAGES.snsSse, evidence: 'DOC' },
  ],
  features: ['sns', 'limits', 'sse-kms'],
  generates:
    'topics encrypted with a customer managed key and a MaximumMessageSize from 1,024 to 1,048,576 bytes, a body of the limit or one byte more, or a body under it with attributes that push it over',
  arbitrary: fc.record({ limit: fc.integer({ min: 1024, max: 1_048_576 }), case: fc.constantFrom<Case>(...CASES) }),
  examples: [1024, 1_048_576].flatMap((limit) => CASES.map((c) => ({ limit, case: c }))),
  maxRuns: 6,
  rule: (i) => i.case,
  scenario: async (s, { limit, case: c }) => {
    // Arrange
    const key = await createKey(s);
    const arn = await createTopic(s, { KmsMasterKeyId: key.keyId, MaximumMessageSize: String(limit) });
    // Act, Assert: the attribute counts at least its 100-byte value, whatever the exact formula
    const input =
      c === 'body-at-limit'
        ? { Message: 'a'.repeat(limit) }
        : c === 'body-over-limit'
          ? { Message: 'a'.repeat(limit + 1) }
          : { Message: 'a'.repeat(limit - 50), MessageAttributes: { note: { DataType: 'String', StringValue: 'x'.repeat(100) } } };
    await s.send(new PublishCommand({ TopicArn: arn, ...input }), { expect: c === 'body-at-limit' ? OK : fails('InvalidParameter') });
  },
});
