/**
 * When the queue key of an SNS→SQS subscription refuses SNS (alias/aws/sqs, or a customer managed
 * key whose policy does not allow sns.amazonaws.com), Publish still succeeds and the message goes to
 * the subscription's dead-letter queue (RedrivePolicy deadLetterTargetArn; here an unencrypted or
 * SSE-SQS queue, which needs no key SNS can use). A dead-letter queue on alias/aws/sqs refuses SNS in
 * the same way (SNS-16): Publish still succeeds and the message reaches neither queue. AWS documents that undeliverable messages go to
 * the DLQ, client-side errors at once and server-side ones after up to 23 days of retries; that a
 * KMS refusal is a client-side error is an inference (aws-facts open question 8), hence OBSERVED.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { PAGES } from '../../src/pages.js';
import { createKey, createQueueForSns, createSubscribedQueue, createTopic, receiveDelivered, sseAttributes } from '../../src/steps.js';

type Refusing = 'aws-managed' | 'cmk-not-allowing-sns';

export const clause = defineClause({
  id: 'sns-to-sqs.refused-delivery-goes-to-dead-letter-queue',
  title: 'A delivery the queue key refuses goes to the dead-letter queue, unless its key refuses SNS too; Publish succeeds',
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'SNS-16', url: PAGES.snsDeadLetterQueues, evidence: 'DOC' },
    { fact: 'SNS-20', url: PAGES.snsDeadLetterQueues, evidence: 'INF' },
  ],
  features: ['sns', 'sns-to-sqs', 'sse-kms', 'aws-managed-keys'],
  shares: ['aws-managed-keys'],
  generates:
    'queues on alias/aws/sqs or a key that does not allow SNS × unencrypted, SSE-SQS or alias/aws/sqs dead-letter queues × raw or enveloped delivery (all twelve on every seed)',
  arbitrary: fc.record({
    refusing: fc.constantFrom<Refusing>('aws-managed', 'cmk-not-allowing-sns'),
    dlqMode: fc.constantFrom('none' as const, 'sse-sqs' as const, 'sse-kms' as const),
    raw: fc.boolean(),
  }),
  // The whole input space (12 cases), once each: every run waits out the target's bound for what must not arrive.
  examples: (['aws-managed', 'cmk-not-allowing-sns'] as const).flatMap((refusing) =>
    (['none', 'sse-sqs', 'sse-kms'] as const).flatMap((dlqMode) => [false, true].map((raw) => ({ refusing, dlqMode, raw }))),
  ),
  maxRuns: 0,
  scenario: async (s, { refusing, dlqMode, raw }) => {
    // Arrange: a subscription whose queue key refuses SNS, with a dead-letter queue SNS can write to
    const topic = await createTopic(s);
    const dlq = await createQueueForSns(s, topic, sseAttributes(dlqMode));
    const queueKey = refusing === 'aws-managed' ? 'alias/aws/sqs' : (await createKey(s)).keyId;
    await createSubscribedQueue(s, topic, {
      attributes: { KmsMasterKeyId: queueKey },
      subscription: { RawMessageDelivery: String(raw), RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) },
    });
    // Act: Publish succeeds whatever the queue keys allow
    await s.send(new PublishCommand({ TopicArn: topic, Message: 'dead-lettered' }));
    // Assert: the message is in the dead-letter queue (as published, or inside its notification envelope),
    // unless that queue is on alias/aws/sqs, whose key refuses SNS too
    const expected = dlqMode === 'sse-kms' ? [] : ['dead-lettered'];
    const got = await receiveDelivered(s, { QueueUrl: dlq.url }, expected.length);
    const messages = got.map((m) => {
      try {
        const env = JSON.parse(m.Body ?? '') as { Type?: string; Message?: string };
        return env.Type === 'Notification' ? env.Message : m.Body;
      } catch {
        return m.Body;
      }
    });
    s.check(JSON.stringify(messages) === JSON.stringify(expected), 'Messages', expected, messages);
  },
});
