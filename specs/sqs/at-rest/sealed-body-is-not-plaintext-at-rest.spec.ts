/**
 * What SSE-KMS protects is the stored body: on a target whose stored messages can be inspected,
 * every message sent to an SSE-KMS queue is stored sealed, and nothing stored for it contains its
 * plaintext body (a flag saying "sealed" beside a readable body is not encryption at rest). Two
 * messages are sent: the second is sealed with the data key SQS cached for the first (SQS-9), which
 * seals just the same.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, fifoFields } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.at-rest.sealed-body-is-not-plaintext-at-rest',
  title: 'At rest, every message sent to an SSE-KMS queue is stored sealed, and its stored form does not contain its body',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-1', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-9', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
  ],
  features: ['sqs', 'at-rest', 'sse-kms', 'fifo'],
  requires: ['atRestInspection'],
  generates: 'distinctive bodies of 12 to 200 characters × standard / FIFO SSE-KMS queues',
  // A body that cannot occur by chance in identifiers, digests or timestamps of the stored record.
  arbitrary: fc.record({ secret: fc.stringMatching(/^[a-z]{12,200}$/).map((b) => `secret-${b}`), fifo: fc.boolean() }),
  examples: [
    { secret: 'secret-plaintext-body', fifo: false },
    { secret: 'secret-plaintext-body', fifo: true },
  ],
  scenario: async (s, { secret, fifo }) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    // Act
    // The second send finds the data key cached by the first (SQS-9): reusing a key must not skip sealing.
    for (const dedup of ['d', 'e']) await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: secret, ...fifoFields(fifo, dedup) }));
    // Assert: two stored messages, both sealed, with no trace of the plaintext
    const stored = await s.inspect(url);
    s.check(
      stored.length === 2 && stored.every((m) => m.sealed),
      'sealed at rest',
      [{ sealed: true }, { sealed: true }],
      stored.map((m) => ({ sealed: m.sealed })),
    );
    // Among the messages stored sealed: one stored in the clear holds its body by definition, which the check above
    // already reports; a second deviation would say the same.
    const exposed = stored.filter((m) => m.sealed && JSON.stringify(m).includes(secret));
    s.check(exposed.length === 0, 'plaintext at rest', '(no stored message contains the body)', exposed);
  },
});
