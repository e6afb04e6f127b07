/**
 * Subscribers of an encrypted topic get plaintext: a queue subscription receives the body as
 * published (raw) or inside the notification envelope, with subject and message attributes
 * unchanged, because only the stored body is encrypted.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { PAGES } from '../../src/pages.js';
import { messageAttributesArb, bodyArb, subjectArb } from '../../src/arbitraries/messages.js';
import { createKey, createSubscribedQueue, createTopic, receiveDelivered, sseAttributes } from '../../src/steps.js';

export const clause = defineClause({
  id: 'sns-to-sqs.encrypted-topic-delivers-plaintext',
  title: 'A queue subscribed to an encrypted topic receives the published body, subject and attributes unchanged',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SNS-2', url: PAGES.snsSse, evidence: 'DOC' },
    { fact: 'SNS-1', url: PAGES.snsSse, evidence: 'DOC' },
  ],
  features: ['sns', 'sns-to-sqs', 'transparency', 'sse-kms'],
  shares: ['aws-managed-keys'],
  generates:
    'topics on alias/aws/sns or a customer managed key, unencrypted or SSE-SQS queues, raw or enveloped delivery, bodies (none of white space alone), subjects, attributes',
  arbitrary: fc.record({
    cmk: fc.boolean(),
    queueMode: fc.constantFrom('none' as const, 'sse-sqs' as const),
    raw: fc.boolean(),
    body: bodyArb,
    subject: fc.option(subjectArb, { nil: undefined }),
    attributes: messageAttributesArb,
  }),
  scenario: async (s, { cmk, queueMode, raw, body, subject, attributes }) => {
    // Arrange
    const key = cmk ? (await createKey(s)).keyId : 'alias/aws/sns';
    const topic = await createTopic(s, { KmsMasterKeyId: key });
    const url = await createSubscribedQueue(s, topic, { attributes: sseAttributes(queueMode), subscription: { RawMessageDelivery: String(raw) } });
    const withAttrs = Object.keys(attributes).length > 0;
    // Act
    await s.send(
      new PublishCommand({ TopicArn: topic, Message: body, ...(subject ? { Subject: subject } : {}), ...(withAttrs ? { MessageAttributes: attributes } : {}) }),
    );
    const got = await receiveDelivered(s, { QueueUrl: url, MessageAttributeNames: ['All'] }, 1);
    // Assert
    const m = got[0];
    s.require(got.length === 1, 'Messages', '1 message', got.length); // hard: the message is read next; the rest are independent
    if (raw) {
      s.check(m!.Body === body, 'Body', body, m!.Body);
      for (const [k, v] of Object.entries(attributes))
        s.check(m!.MessageAttributes?.[k]?.StringValue === v.StringValue, `MessageAttributes.${k}`, v.StringValue, m!.MessageAttributes?.[k]?.StringValue);
    } else {
      let env: { Message?: string; Subject?: string; MessageAttributes?: Record<string, { Value?: string }> } = {};
      try {
        env = JSON.parse(m!.Body ?? '');
      } catch {
        s.require(false, 'Body', 'an SNS notification (JSON)', m!.Body); // hard: no envelope, no fields to check
      }
      s.check(env.Message === body, 'Message', body, env.Message);
      if (subject) s.check(env.Subject === subject, 'Subject', subject, env.Subject);
      for (const [k, v] of Object.entries(attributes))
        s.check(env.MessageAttributes?.[k]?.Value === v.StringValue, `MessageAttributes.${k}`, v.StringValue, env.MessageAttributes?.[k]?.Value);
    }
  },
});
