/**
 * Cancelling a key's deletion does not make it usable: the key is Disabled, so SendMessage to a
 * queue using it fails with KmsDisabled (no longer KmsInvalidState) until the key is enabled. The
 * queue is created after the cancellation, so no principal holds a data key for it.
 */
import { CancelKeyDeletionCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, fifoFields } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.cancelled-deletion-key-refuses-send',
  title: 'SendMessage to a queue whose key had its deletion cancelled fails with KmsDisabled',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsCancelKeyDeletion, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'key-state', 'fifo'],
  generates: "standard and FIFO queues (both on every seed) created after the key's deletion was scheduled and cancelled",
  arbitrary: fc.boolean(),
  examples: [false, true],
  scenario: async (s, fifo) => {
    const key = await createKey(s);
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
    await s.send(new CancelKeyDeletionCommand({ KeyId: key.keyId }));
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', ...fifoFields(fifo, 'd') }), { expect: fails('KMS.Disabled') });
  },
});
