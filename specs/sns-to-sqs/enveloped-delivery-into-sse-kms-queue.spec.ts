/**
 * Without raw message delivery, a standard topic delivers into an SQS queue the JSON notification
 * envelope: Type "Notification", the MessageId Publish returned, the TopicArn, the published Message (and
 * Subject), a Timestamp, the signature fields and the message attributes as { Type, Value }. The
 * queue's encryption changes nothing in it: an SSE-KMS queue whose key allows SNS gets the same
 * envelope as an SSE-SQS or unencrypted one.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { PAGES } from '../../src/pages.js';
import { messageAttributesArb, subjectArb, type MessageAttributes } from '../../src/arbitraries/messages.js';
import type { QueueMode } from '../../src/arbitraries/queues.js';
import { allowSnsToUseKey, createKey, createSubscribedQueue, createTopic, receiveDelivered, sseAttributes } from '../../src/steps.js';

interface Envelope {
  Type?: unknown;
  MessageId?: unknown;
  TopicArn?: unknown;
  Subject?: unknown;
  Message?: unknown;
  Timestamp?: unknown;
  SignatureVersion?: unknown;
  Signature?: unknown;
  SigningCertURL?: unknown;
  UnsubscribeURL?: unknown;
  MessageAttributes?: Record<string, { Type?: unknown; Value?: unknown }>;
}

const MODES: QueueMode[] = ['none', 'sse-sqs', 'sse-kms'];
// "The time (GMT)" (SNS-19): ISO 8601 in UTC, written with Z (as in every AWS example) or an offset of +00:00.
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$/;

export const clause = defineClause({
  id: 'sns-to-sqs.enveloped-delivery-into-sse-kms-queue',
  title: 'SNS delivers into SSE-KMS, SSE-SQS and unencrypted queues the same notification envelope of the published message',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SNS-19', url: PAGES.snsNotificationJson, evidence: 'DOC' },
    { fact: 'SNS-16', url: PAGES.snsSqsEncrypted, evidence: 'DOC' },
  ],
  features: ['sns', 'sns-to-sqs', 'sse-kms', 'transparency'],
  generates: 'a standard topic, unencrypted, SSE-SQS and SSE-KMS queues (a key that allows SNS), with and without a subject, 0–4 attributes',
  arbitrary: fc.record({ mode: fc.constantFrom(...MODES), subject: fc.option(subjectArb, { nil: undefined }), attributes: messageAttributesArb }),
  // Every mode on every seed, SSE-KMS with a subject and an attribute.
  examples: [
    { mode: 'none', subject: undefined, attributes: {} },
    { mode: 'sse-sqs', subject: undefined, attributes: {} },
    { mode: 'sse-kms', subject: 'Subject', attributes: { a: { DataType: 'String', StringValue: 'v' } } as MessageAttributes },
  ],
  scenario: async (s, { mode, subject, attributes }) => {
    // Arrange
    const key = mode === 'sse-kms' ? await createKey(s) : undefined;
    if (key) await allowSnsToUseKey(s, key);
    const topic = await createTopic(s);
    const url = await createSubscribedQueue(s, topic, { attributes: sseAttributes(mode, key?.keyId), subscription: { RawMessageDelivery: 'false' } });
    const withAttrs = Object.keys(attributes).length > 0;
    // Act
    const { MessageId } = await s.send(
      new PublishCommand({
        TopicArn: topic,
        Message: 'enveloped',
        ...(subject ? { Subject: subject } : {}),
        ...(withAttrs ? { MessageAttributes: attributes } : {}),
      }),
    );
    const got = await receiveDelivered(s, { QueueUrl: url }, 1);
    // Assert
    s.require(got.length === 1, 'Messages', '1 message', got.length); // hard: the message is read next; the rest are independent
    let env: Envelope = {};
    try {
      env = JSON.parse(got[0]!.Body ?? '') as Envelope;
    } catch {
      s.require(false, 'Body', 'an SNS notification (JSON)', got[0]!.Body); // hard: no envelope, no fields to check
    }
    s.check(env.Type === 'Notification', 'Type', 'Notification', env.Type);
    s.check(env.MessageId === MessageId, 'MessageId', MessageId, env.MessageId);
    s.check(env.TopicArn === topic, 'TopicArn', topic, env.TopicArn);
    s.check(env.Message === 'enveloped', 'Message', 'enveloped', env.Message);
    s.check(env.Subject === subject, 'Subject', subject, env.Subject);
    s.check(typeof env.Timestamp === 'string' && ISO_UTC.test(env.Timestamp), 'Timestamp', '(ISO 8601, UTC)', env.Timestamp);
    for (const f of ['SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL'] as const)
      s.check(typeof env[f] === 'string' && env[f] !== '', f, '(present)', env[f]);
    const expected = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue }]));
    const observed = Object.fromEntries(Object.entries(env.MessageAttributes ?? {}).map(([k, v]) => [k, { Type: v.Type, Value: v.Value }]));
    s.check(JSON.stringify(sorted(observed)) === JSON.stringify(sorted(expected)), 'MessageAttributes', expected, env.MessageAttributes ?? {});
  },
});

const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
