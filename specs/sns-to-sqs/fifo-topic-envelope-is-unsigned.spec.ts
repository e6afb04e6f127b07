/**
 * A FIFO topic's notification envelope is not the standard one: delivered without raw message
 * delivery into a FIFO or a standard queue, it carries Type "Notification", the MessageId and the
 * SequenceNumber that Publish returned, the TopicArn, the published Message (and Subject), a
 * Timestamp and the UnsubscribeURL, and none of the signature fields a standard topic's envelope
 * has (SignatureVersion, Signature, SigningCertURL). Recorded on AWS, not documented: no AWS page
 * shows a FIFO topic's envelope.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { PAGES } from '../../src/pages.js';
import { subjectArb } from '../../src/arbitraries/messages.js';
import { createSubscribedQueue, createTopic, receiveDelivered } from '../../src/steps.js';

/** The fields a standard topic signs its notifications with, and a FIFO topic's envelope lacks (SNS-19). */
const SIGNATURE_FIELDS = ['SignatureVersion', 'Signature', 'SigningCertURL'] as const;
// "The time (GMT)": ISO 8601 in UTC, written with Z or an offset of +00:00, as for standard topics.
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$/;

export const clause = defineClause({
  id: 'sns-to-sqs.fifo-topic-envelope-is-unsigned',
  title: "A FIFO topic's notification envelope carries the Publish SequenceNumber and no signature fields",
  level: 'OBSERVED',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SNS-19', url: PAGES.localstackSnsSnapshot, evidence: 'OBS' },
    { fact: 'SNS-22', url: PAGES.snsFifoMessageDelivery, evidence: 'DOC' },
  ],
  features: ['sns', 'sns-to-sqs', 'fifo', 'sse-kms', 'transparency'],
  shares: ['aws-managed-keys'],
  generates: 'FIFO topics on alias/aws/sns delivering, enveloped, to a FIFO or a standard queue, with or without a subject',
  arbitrary: fc.record({ fifoQueue: fc.boolean(), subject: fc.option(subjectArb, { nil: undefined }) }),
  // Both kinds of queue on every seed.
  examples: [
    { fifoQueue: true, subject: undefined },
    { fifoQueue: false, subject: 'Subject' },
  ],
  scenario: async (s, { fifoQueue, subject }) => {
    // Arrange
    const topic = await createTopic(s, { KmsMasterKeyId: 'alias/aws/sns', ContentBasedDeduplication: 'true' }, true);
    const url = await createSubscribedQueue(s, topic, {
      fifo: fifoQueue,
      ...(fifoQueue ? { attributes: { ContentBasedDeduplication: 'true' } } : {}),
      subscription: { RawMessageDelivery: 'false' },
    });
    // Act
    const { MessageId, SequenceNumber } = await s.send(
      new PublishCommand({ TopicArn: topic, Message: 'enveloped', MessageGroupId: 'g', ...(subject ? { Subject: subject } : {}) }),
    );
    const got = await receiveDelivered(s, { QueueUrl: url }, 1);
    // Assert
    s.require(got.length >= 1, 'Messages', 'at least 1 message', got.length); // hard: the message is read next; the rest are independent
    let env: Record<string, unknown> = {};
    try {
      env = JSON.parse(got[0]!.Body ?? '') as Record<string, unknown>;
    } catch {
      s.require(false, 'Body', 'an SNS notification (JSON)', got[0]!.Body); // hard: no envelope, no fields to check
    }
    s.check(env.Type === 'Notification', 'Type', 'Notification', env.Type);
    s.check(env.MessageId === MessageId, 'MessageId', MessageId, env.MessageId);
    const sequence = SequenceNumber ?? '(a sequence number; Publish returned none)';
    s.check(typeof env.SequenceNumber === 'string' && env.SequenceNumber === SequenceNumber, 'SequenceNumber', sequence, env.SequenceNumber);
    s.check(env.TopicArn === topic, 'TopicArn', topic, env.TopicArn);
    s.check(env.Message === 'enveloped', 'Message', 'enveloped', env.Message);
    s.check(env.Subject === subject, 'Subject', subject, env.Subject);
    s.check(typeof env.Timestamp === 'string' && ISO_UTC.test(env.Timestamp), 'Timestamp', '(ISO 8601, UTC)', env.Timestamp);
    s.check(typeof env.UnsubscribeURL === 'string' && env.UnsubscribeURL !== '', 'UnsubscribeURL', '(present)', env.UnsubscribeURL);
    const signed = SIGNATURE_FIELDS.filter((f) => f in env);
    s.check(signed.length === 0, 'signature fields', '(none)', Object.fromEntries(signed.map((f) => [f, env[f]])));
  },
});
