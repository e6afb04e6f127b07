/**
 * A topic's MaximumMessageSize is an integer number of bytes from 1,024 to 1,048,576 (default
 * 262,144). CreateTopic and SetTopicAttributes accept every value in that range, and GetTopicAttributes
 * shows it, and refuse anything else with InvalidParameter.
 */
import { CreateTopicCommand, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createTopic, topicAttributes } from '../../../src/steps.js';

const classOf = (v: string) => (!/^\d+$/.test(v) ? 'not-an-integer' : +v >= 1024 && +v <= 1_048_576 ? 'in-range' : 'out-of-range');
const BOUNDARIES = ['1023', '1024', '262144', '1048576', '1048577', '0', '1.5', 'abc'];

export const clause = defineClause({
  id: 'sns.limits.maximum-message-size-range',
  title: "A topic's MaximumMessageSize accepts 1,024 to 1,048,576 bytes and refuses anything else",
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SNS-17', url: PAGES.snsLargeMessages, evidence: 'DOC' },
    { fact: 'SNS-17', url: PAGES.snsSetTopicAttributes, evidence: 'DOC' },
  ],
  features: ['sns', 'limits', 'sse-kms', 'attributes'],
  shares: ['aws-managed-keys'],
  generates: 'encrypted topics given MaximumMessageSize on CreateTopic or SetTopicAttributes: the boundaries, non-integers and any integer up to 2,000,000',
  arbitrary: fc.record({
    value: fc.oneof(fc.constantFrom(...BOUNDARIES), fc.integer({ min: 0, max: 2_000_000 }).map(String)),
    via: fc.constantFrom('CreateTopic' as const, 'SetTopicAttributes' as const),
  }),
  examples: BOUNDARIES.flatMap((value) => (['CreateTopic', 'SetTopicAttributes'] as const).map((via) => ({ value, via }))),
  maxRuns: 10,
  rule: ({ value }) => classOf(value),
  scenario: async (s, { value, via }) => {
    const valid = classOf(value) === 'in-range';
    const expect = valid ? OK : fails('InvalidParameter');
    const sse = { KmsMasterKeyId: 'alias/aws/sns' };
    let arn: string | undefined;
    if (via === 'CreateTopic') {
      arn = (await s.send(new CreateTopicCommand({ Name: s.name('topic'), Attributes: { ...sse, MaximumMessageSize: value } }), { expect }))?.TopicArn;
    } else {
      arn = await createTopic(s, sse);
      await s.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'MaximumMessageSize', AttributeValue: value }), { expect });
    }
    if (valid) {
      const shown = (await topicAttributes(s, arn!)).MaximumMessageSize;
      s.check(shown === value, 'MaximumMessageSize', value, shown);
    }
  },
});
