/**
 * ScheduleKeyDeletion accepts a waiting period of 7 to 30 days and rejects any other with
 * ValidationException (the API model's 1–365 range is wider than what the service enforces).
 */
import { ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { pendingWindowArb } from '../../../src/arbitraries/keys.js';
import { createKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.key-state.pending-window-is-7-to-30-days',
  title: 'ScheduleKeyDeletion accepts 7 to 30 days and rejects other waiting periods with ValidationException',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-4', url: PAGES.kmsScheduleKeyDeletion, evidence: 'DOC' },
    { fact: 'KMS-4', url: PAGES.kmsDeletingKeys, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state', 'limits'],
  generates: 'waiting periods 6, 7, 30, 31 and anywhere from 1 to 365 days',
  arbitrary: pendingWindowArb,
  scenario: async (s, days) => {
    const key = await createKey(s);
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: days }), {
      expect: days >= 7 && days <= 30 ? OK : fails('KMS.Validation'),
    });
  },
});
