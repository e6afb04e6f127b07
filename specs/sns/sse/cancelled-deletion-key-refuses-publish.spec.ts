/**
 * Cancelling a key's deletion does not make it usable: the key is Disabled, so Publish to a topic
 * using it fails with KMSDisabled (no longer KMSInvalidState) until the key is enabled. The topic
 * is created after the cancellation, so no cached data key can hide the refusal.
 */
import { CancelKeyDeletionCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createTopic } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.sse.cancelled-deletion-key-refuses-publish',
  title: 'Publish to a topic whose key had its deletion cancelled fails with KMSDisabled',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsCancelKeyDeletion, evidence: 'DOC' },
    { fact: 'SNS-10', url: PAGES.snsKeyManagement, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'key-state', 'fifo'],
  generates: "standard and FIFO topics (both on every seed) created after the key's deletion was scheduled and cancelled",
  arbitrary: fc.boolean(),
  examples: [false, true],
  scenario: async (s, fifo) => {
    const key = await createKey(s);
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
    await s.send(new CancelKeyDeletionCommand({ KeyId: key.keyId }));
    const arn = await createTopic(s, { KmsMasterKeyId: key.keyId, ...(fifo ? { ContentBasedDeduplication: 'true' } : {}) }, fifo);
    await s.send(new PublishCommand({ TopicArn: arn, Message: 'm', ...(fifo ? { MessageGroupId: 'g' } : {}) }), { expect: fails('KMS.Disabled') });
  },
});
