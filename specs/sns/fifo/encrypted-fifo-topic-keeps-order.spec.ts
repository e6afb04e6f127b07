/**
 * An encrypted FIFO topic delivers to a FIFO queue in publish order, deduplicates by content, and
 * the bodies arrive as published.
 * Source: SNS-14, SNS-2, SQS-19.
 */
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createSubscribedQueue, createTopic } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.fifo.encrypted-fifo-topic-keeps-order',
  title: 'An encrypted FIFO topic delivers unique messages in order, unchanged, to a FIFO queue',
  level: 'MUST',
  sources: [
    { fact: 'SNS-14', url: PAGES.snsFifoSecurity, evidence: 'DOC' },
  ],
  features: ['sns', 'fifo', 'sse-kms', 'transparency', 'sns-to-sqs'],
  generates: '1 to 4 bodies (duplicates included) published to one message group',
  arbitrary: fc.array(bodyArb, { minLength: 1, maxLength: 4 }),
  check: async (s, bodies) => {
    const topic = await createTopic(s, { KmsMasterKeyId: 'alias/aws/sns', ContentBasedDeduplication: 'true' }, true);
    const url = await createSubscribedQueue(s, topic, { fifo: true, attributes: { SqsManagedSseEnabled: 'true', ContentBasedDeduplication: 'true' }, subscription: { RawMessageDelivery: 'true' } });
    for (const b of bodies) await s.call('sns', 'Publish', { TopicArn: topic, Message: b, MessageGroupId: 'g' });
    await s.settle();
    const got = await s.call<{ Messages?: { Body?: string }[] }>('sqs', 'ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 });
    const expected = [...new Set(bodies)];
    const received = (got.Messages ?? []).map((m) => m.Body);
    s.check(JSON.stringify(received) === JSON.stringify(expected), 'Bodies', expected, received);
  },
});
