/**
 * System attributes are message metadata, which SSE does not encrypt: on an SSE-KMS queue,
 * ReceiveMessage returns SenderId, SentTimestamp, ApproximateFirstReceiveTimestamp and
 * ApproximateReceiveCount in the clear and correct, and on FIFO queues MessageGroupId,
 * MessageDeduplicationId and SequenceNumber as sent. (SenderId's format is an IAM unique id on
 * AWS, not documented as such, so only its presence is checked.) Whether the two timestamps are the send and the
 * receive times is sqs.transparency.sent-timestamp-is-the-send-time's: here, with no time between the two calls,
 * comparing them showed a target that stamps both at receive time only when the millisecond turned in between.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, receiveDelivered } from '../../../src/steps.js';

const EPOCH_MS = /^\d{13}$/;

export const clause = defineClause({
  id: 'sqs.transparency.system-attributes-on-encrypted-queue',
  title: 'On an SSE-KMS queue received messages carry their system attributes in plaintext and as sent',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-22', url: PAGES.sqsMessage, evidence: 'DOC' },
    { fact: 'SQS-19', url: PAGES.snsFifoSecurity, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'transparency', 'fifo'],
  generates: 'standard and FIFO SSE-KMS queues, message group and deduplication ids',
  arbitrary: fc.record({ fifo: fc.boolean(), group: fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/), dedup: fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/) }),
  examples: [
    { fifo: false, group: 'g', dedup: 'd' },
    { fifo: true, group: 'g', dedup: 'd' },
  ],
  scenario: async (s, { fifo, group, dedup }) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    const sent = await s.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', ...(fifo ? { MessageGroupId: group, MessageDeduplicationId: dedup } : {}) }),
    );
    // Act
    const got = await receiveDelivered(s, { QueueUrl: url, MessageSystemAttributeNames: ['All'], AttributeNames: ['All'] }, 1);
    // Assert
    const m = got[0];
    s.require(got.length === 1, 'Messages', '1 message', got.length); // hard: the message is read next; the rest are independent
    const a = m!.Attributes ?? {};
    s.check(typeof a.SenderId === 'string' && a.SenderId.length > 0, 'SenderId', '(the sender)', a.SenderId);
    s.check(EPOCH_MS.test(a.SentTimestamp ?? ''), 'SentTimestamp', '(epoch milliseconds)', a.SentTimestamp);
    s.check(
      EPOCH_MS.test(a.ApproximateFirstReceiveTimestamp ?? ''),
      'ApproximateFirstReceiveTimestamp',
      '(epoch milliseconds)',
      a.ApproximateFirstReceiveTimestamp,
    );
    s.check(a.ApproximateReceiveCount === '1', 'ApproximateReceiveCount', '1', a.ApproximateReceiveCount);
    if (fifo) {
      s.check(a.MessageGroupId === group, 'MessageGroupId', group, a.MessageGroupId);
      s.check(a.MessageDeduplicationId === dedup, 'MessageDeduplicationId', dedup, a.MessageDeduplicationId);
      s.check(a.SequenceNumber === sent.SequenceNumber, 'SequenceNumber', sent.SequenceNumber, a.SequenceNumber);
    }
  },
});
