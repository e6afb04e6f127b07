/**
 * Once a queue's key is deleted (after its waiting period), SendMessage fails with KmsNotFound.
 */
import { ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { DAY } from '../../../src/time.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.send-fails-when-key-deleted',
  title: 'SendMessage to a queue whose key has been deleted fails with KmsNotFound',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'KMS-4', url: PAGES.kmsDeletingKeys, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'key-state'],
  requires: ['virtualClock'],
  generates: 'waiting periods of 7 to 30 days, waited out in full',
  arbitrary: fc.integer({ min: 7, max: 30 }),
  maxRuns: 5,
  scenario: async (s, days) => {
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId });
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: days }));
    await s.wait(days * DAY);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm' }), { expect: fails('KMS.NotFound') });
  },
});
