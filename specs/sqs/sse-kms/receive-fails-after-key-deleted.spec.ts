/**
 * A message sealed under a key that has since been deleted can no longer be received: once the
 * waiting period is over, ReceiveMessage fails with a KMS error. AWS does not say which: SQS lists
 * KmsNotFound, and KMS answers a Decrypt whose ciphertext names a key that no longer exists with
 * AccessDeniedException, so KmsNotFound and KmsAccessDenied are both allowed.
 */
import { ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { DAY } from '../../../src/time.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, fifoFields } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.receive-fails-after-key-deleted',
  title: 'ReceiveMessage of a message whose key has been deleted fails with KmsNotFound or KmsAccessDenied',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsReceiveMessage, evidence: 'MODEL' },
    { fact: 'SQS-21', url: PAGES.kmsDecrypt, evidence: 'OBS' },
  ],
  features: ['sqs', 'sse-kms', 'key-state', 'fifo'],
  requires: ['virtualClock'],
  generates: 'waiting periods of 7 to 13 days (inside the 14-day retention), waited out in full × standard / FIFO queues',
  arbitrary: fc.record({ days: fc.integer({ min: 7, max: 13 }), fifo: fc.boolean() }),
  examples: [
    { days: 7, fifo: false },
    { days: 13, fifo: true },
  ],
  maxRuns: 6,
  scenario: async (s, { days, fifo }) => {
    // Arrange: a message kept 14 days, sealed under the key; then the key is deleted (every
    // data-key cache, at most 24 h, has long expired)
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId, MessageRetentionPeriod: '1209600' }, fifo);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'sealed', ...fifoFields(fifo, 'd') }));
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: days }));
    await s.wait(days * DAY);
    // Act, Assert
    await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }), { expect: [fails('KMS.NotFound'), fails('KMS.AccessDenied')] });
  },
});
