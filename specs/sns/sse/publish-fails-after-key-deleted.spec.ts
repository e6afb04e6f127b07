/**
 * Once a topic's key has been deleted (its waiting period over, its aliases gone with it),
 * Publish fails with KMSNotFound, whatever form of identifier the topic names the key by; while
 * the key was only pending deletion it failed with KMSInvalidState instead.
 */
import { ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { DAY } from '../../../src/time.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdFormArb, type KeyIdForm } from '../../../src/arbitraries/keys.js';
import { createKey, createTopic, nameKey } from '../../../src/steps.js';

const FORMS: KeyIdForm[] = ['key-id', 'key-arn', 'alias-name', 'alias-arn'];

export const clause = defineClause({
  id: 'sns.sse.publish-fails-after-key-deleted',
  title: 'Publish to a topic whose key has been deleted fails with KMSNotFound, not KMSInvalidState',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SNS-13', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'SNS-10', url: PAGES.snsPublish, evidence: 'MODEL' },
    { fact: 'KMS-2', url: PAGES.kmsDeletingKeys, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'key-state', 'key-identifiers'],
  requires: ['virtualClock'],
  generates: 'all four key identifier forms × waiting periods of 7 to 30 days, waited out in full',
  arbitrary: fc.record({ form: keyIdFormArb, days: fc.integer({ min: 7, max: 30 }) }),
  examples: FORMS.map((form) => ({ form, days: 7 })),
  maxRuns: 8,
  scenario: async (s, { form, days }) => {
    // Arrange
    const key = await createKey(s);
    const id = await nameKey(s, key, form);
    const arn = await createTopic(s, { KmsMasterKeyId: id });
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: days }));
    await s.wait(days * DAY);
    // Act, Assert
    await s.send(new PublishCommand({ TopicArn: arn, Message: 'm' }), { expect: fails('KMS.NotFound') });
  },
});
