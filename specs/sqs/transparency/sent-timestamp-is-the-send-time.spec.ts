/**
 * A received message's SentTimestamp is when it was sent, and its ApproximateFirstReceiveTimestamp when it was
 * first received: on an SSE-KMS queue as on any other, since system attributes are metadata SSE does not encrypt.
 * Two seconds pass between the send and the receive, so the two stamps are at least a second apart (the second of
 * slack covers nothing AWS promises, only stamps taken a little late or early): a target that stamps SentTimestamp
 * when the message is received, or the first receive when it is sent, shows on every run instead of whenever the
 * clock's millisecond happens to turn. The stamps' format and the other system attributes belong to
 * sqs.transparency.system-attributes-on-encrypted-queue.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { SECOND } from '../../../src/time.js';
import { createKey, createQueue, receiveDelivered } from '../../../src/steps.js';

/** Time between the send and the receive. */
const APART_MS = 2 * SECOND;
/** The least difference of the two stamps the clause accepts. */
const AT_LEAST_MS = 1 * SECOND;

export const clause = defineClause({
  id: 'sqs.transparency.sent-timestamp-is-the-send-time',
  title: "On an SSE-KMS queue a message's SentTimestamp is its send time, before its first receive by the time between them",
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SQS-22', url: PAGES.sqsMessage, evidence: 'DOC' },
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'transparency', 'fifo'],
  generates: 'a standard or FIFO SSE-KMS queue, one message, received two seconds after it was sent',
  arbitrary: fc.boolean(),
  // Each run lets two real seconds pass on an emulator: one generated run and the FIFO example.
  maxRuns: 1,
  examples: [true],
  scenario: async (s, fifo) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', ...(fifo ? { MessageGroupId: 'g', MessageDeduplicationId: 'd' } : {}) }));
    await s.pause(APART_MS);
    // Act
    const got = await receiveDelivered(s, { QueueUrl: url, MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateFirstReceiveTimestamp'] }, 1);
    // Assert
    s.require(got.length === 1, 'Messages', '1 message', got.length);
    const a = got[0]!.Attributes ?? {};
    const apart = Number(a.ApproximateFirstReceiveTimestamp) - Number(a.SentTimestamp);
    s.check(
      Number.isFinite(apart) && apart >= AT_LEAST_MS,
      'SentTimestamp',
      `at least ${AT_LEAST_MS} ms before ApproximateFirstReceiveTimestamp ${a.ApproximateFirstReceiveTimestamp}`,
      a.SentTimestamp,
    );
  },
});
