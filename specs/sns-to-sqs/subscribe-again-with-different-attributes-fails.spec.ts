/**
 * Subscribe is idempotent for a queue already subscribed to an encrypted topic: the same attributes
 * give back the same subscription; a different RawMessageDelivery fails with InvalidParameter
 * ("Subscription already exists with different attributes"). Observed on AWS (LocalStack's
 * AWS-validated tests, traces of real AWS in public issue trackers), not documented.
 */
import { SubscribeCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { fails, OK } from '../../src/outcome.js';
import { PAGES } from '../../src/pages.js';
import { createQueue, createTopic, queueAttributes } from '../../src/steps.js';

export const clause = defineClause({
  id: 'sns-to-sqs.subscribe-again-with-different-attributes-fails',
  title: 'Subscribing a queue again returns its subscription for the same attributes and fails for different ones',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SNS-18', url: PAGES.localstackSnsSnapshot, evidence: 'OBS' },
    { fact: 'SNS-16', url: PAGES.snsSqsEncrypted, evidence: 'DOC' },
  ],
  features: ['sns-to-sqs', 'sns', 'sqs', 'attributes'],
  shares: ['aws-managed-keys'],
  generates: 'a queue subscribed to an encrypted topic with raw delivery on or off, subscribed again with the same or the other setting',
  arbitrary: fc.record({ raw: fc.boolean(), same: fc.boolean() }),
  examples: [false, true].flatMap((raw) => [true, false].map((same) => ({ raw, same }))),
  maxRuns: 0,
  rule: ({ same }) => (same ? 'same-attributes' : 'different-attributes'),
  scenario: async (s, { raw, same }) => {
    // Arrange
    const topic = await createTopic(s, { KmsMasterKeyId: 'alias/aws/sns' });
    const queue = await createQueue(s);
    const endpoint = (await queueAttributes(s, queue)).QueueArn!;
    const first = await s.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: endpoint, Attributes: { RawMessageDelivery: String(raw) } }));
    // Act
    const again = await s.send(
      new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: endpoint, Attributes: { RawMessageDelivery: String(same ? raw : !raw) } }),
      { expect: same ? OK : fails('InvalidParameter') },
    );
    // Assert
    if (same) s.check(again?.SubscriptionArn === first.SubscriptionArn, 'SubscriptionArn', first.SubscriptionArn, again?.SubscriptionArn);
  },
});
