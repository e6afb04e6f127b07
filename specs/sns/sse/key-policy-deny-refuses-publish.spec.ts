/**
 * A publisher to an encrypted topic needs kms:GenerateDataKey and kms:Decrypt on the topic's key.
 * When the key policy explicitly denies the publishing principal either action (or kms:*),
 * Publish fails with KMSAccessDenied, while a principal the policy does not deny publishes.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createTopic, denyKeyActions } from '../../../src/steps.js';

const DENIED = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:*'] as const;

export const clause = defineClause({
  id: 'sns.sse.key-policy-deny-refuses-publish',
  title: 'Publish by a principal the topic key policy denies kms:GenerateDataKey or kms:Decrypt fails with KMSAccessDenied',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SNS-9', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'SNS-10', url: PAGES.snsPublish, evidence: 'MODEL' },
  ],
  features: ['sns', 'sse-kms', 'fifo'],
  requires: [{ principals: 2 }],
  generates: 'a Deny on kms:GenerateDataKey, kms:Decrypt or kms:* for a second principal × standard / FIFO topics',
  arbitrary: fc.record({ action: fc.constantFrom(...DENIED), fifo: fc.boolean() }),
  examples: DENIED.map((action) => ({ action, fifo: false })),
  scenario: async (s, { action, fifo }) => {
    // Arrange
    const key = await createKey(s);
    await denyKeyActions(s, key, 1, [action]);
    const arn = await createTopic(s, { KmsMasterKeyId: key.keyId, ...(fifo ? { ContentBasedDeduplication: 'true' } : {}) }, fifo);
    const publish = (message: string) => new PublishCommand({ TopicArn: arn, Message: message, ...(fifo ? { MessageGroupId: 'g' } : {}) });
    // Act, Assert: the denied publisher is refused, an allowed one is not
    await s.send(publish('denied'), { principal: 1, expect: fails('KMS.AccessDenied') });
    await s.send(publish('allowed'));
  },
});
