/**
 * A FIFO topic supports SSE exactly like a standard topic: a message published to an encrypted
 * FIFO topic reaches a subscribed FIFO queue unchanged, and publishing the same content again
 * within the deduplication window is accepted but not delivered a second time. (Whether the
 * duplicate's Publish returns the first message id is not documented and not asserted.)
 * Nor is order across several messages asserted: one ReceiveMessage need not return every message
 * of a group, on AWS either.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createSubscribedQueue, createTopic, receiveDelivered } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.fifo.encrypted-fifo-topic-delivers-once-unchanged',
  title: 'An encrypted FIFO topic delivers a message unchanged, once, even when the same content is published twice',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SNS-14', url: PAGES.snsFifoSecurity, evidence: 'DOC' },
    { fact: 'SNS-2', url: PAGES.snsSse, evidence: 'DOC' },
  ],
  features: ['sns', 'fifo', 'sse-kms', 'transparency', 'sns-to-sqs'],
  shares: ['aws-managed-keys'],
  generates: 'bodies of every kind but white space alone, published once or twice with content-based deduplication',
  arbitrary: fc.record({ body: bodyArb, twice: fc.boolean() }),
  scenario: async (s, { body, twice }) => {
    // Arrange
    const topic = await createTopic(s, { KmsMasterKeyId: 'alias/aws/sns', ContentBasedDeduplication: 'true' }, true);
    const url = await createSubscribedQueue(s, topic, {
      fifo: true,
      attributes: { ContentBasedDeduplication: 'true' },
      subscription: { RawMessageDelivery: 'true' },
    });
    // Act
    await s.send(new PublishCommand({ TopicArn: topic, Message: body, MessageGroupId: 'g' }));
    if (twice) await s.send(new PublishCommand({ TopicArn: topic, Message: body, MessageGroupId: 'g' }));
    const received = (await receiveDelivered(s, { QueueUrl: url }, 1)).map((m) => m.Body);
    // Assert
    s.check(received.length === 1 && received[0] === body, 'Bodies', [body], received);
  },
});
