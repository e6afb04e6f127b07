/**
 * Whether a topic is FIFO is decided when it is created: SetTopicAttributes with FifoTopic, "true"
 * or "false", on an encrypted standard or FIFO topic, fails with InvalidParameter, and
 * GetTopicAttributes then shows the topic as it was (FifoTopic "true" on the FIFO topic, absent or
 * "false" on the standard one). AWS lists FifoTopic among CreateTopic's attributes only; the refusal
 * is recorded on AWS for a standard topic and "false", not documented. The refusal and the flag the topic
 * then shows are judged independently: a target that wrongly takes the call may still keep the flag, or not.
 */
import { SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createTopic, topicAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.fifo.fifo-flag-fixed-at-creation',
  title: 'SetTopicAttributes refuses FifoTopic with InvalidParameter, and the topic stays standard or FIFO as created',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SNS-21', url: PAGES.localstackSnsSnapshot, evidence: 'OBS' },
    { fact: 'SNS-21', url: PAGES.snsCreateTopic, evidence: 'DOC' },
    { fact: 'SNS-21', url: PAGES.snsSetTopicAttributes, evidence: 'DOC' },
  ],
  features: ['sns', 'fifo', 'attributes', 'sse-kms'],
  shares: ['aws-managed-keys'],
  generates: 'standard and FIFO topics on alias/aws/sns, then SetTopicAttributes FifoTopic "true" or "false" (all four on every seed)',
  arbitrary: fc.record({ fifo: fc.boolean(), value: fc.constantFrom('true', 'false') }),
  examples: [false, true].flatMap((fifo) => ['false', 'true'].map((value) => ({ fifo, value }))),
  maxRuns: 0,
  rule: ({ fifo }) => (fifo ? 'fifo-topic' : 'standard-topic'),
  scenario: async (s, { fifo, value }) => {
    // Arrange
    const arn = await createTopic(s, { KmsMasterKeyId: 'alias/aws/sns', ...(fifo ? { ContentBasedDeduplication: 'true' } : {}) }, fifo);
    // Act
    await s.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'FifoTopic', AttributeValue: value }), {
      expect: fails('InvalidParameter'),
      independent: true,
    });
    // Assert: the topic is what it was created as
    const shown = (await topicAttributes(s, arn)).FifoTopic;
    const kept = fifo ? shown === 'true' : shown === undefined || shown === 'false';
    s.check(kept, 'FifoTopic', fifo ? 'true' : '(absent or "false")', shown ?? '(absent)');
  },
});
