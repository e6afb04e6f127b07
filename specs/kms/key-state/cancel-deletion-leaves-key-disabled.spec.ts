/**
 * Scheduling deletion puts an Enabled or Disabled key into PendingDeletion with a DeletionDate;
 * cancelling returns it to Disabled (not Enabled) without a DeletionDate.
 * Source: KMS-2, KMS-1.
 */
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

type Md = { KeyMetadata: { KeyState?: string; DeletionDate?: Date; Enabled?: boolean } };

export const clause = defineClause({
  id: 'kms.key-state.cancel-deletion-leaves-key-disabled',
  title: 'CancelKeyDeletion returns a key pending deletion to Disabled, not Enabled',
  level: 'MUST',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsCancelKeyDeletion, evidence: 'DOC' },
    { fact: 'KMS-1', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state'],
  generates: 'keys Enabled or Disabled before scheduling, waiting periods 7 to 30 days',
  arbitrary: fc.record({ disabledFirst: fc.boolean(), days: fc.integer({ min: 7, max: 30 }) }),
  check: async (s, { disabledFirst, days }) => {
    const key = await createKey(s);
    if (disabledFirst) await s.call('kms', 'DisableKey', { KeyId: key.keyId });
    await s.call('kms', 'ScheduleKeyDeletion', { KeyId: key.keyId, PendingWindowInDays: days });
    const pending = await s.call<Md>('kms', 'DescribeKey', { KeyId: key.keyId });
    s.check(pending.KeyMetadata.KeyState === 'PendingDeletion' && pending.KeyMetadata.DeletionDate !== undefined, 'KeyState, DeletionDate', 'PendingDeletion with a DeletionDate', pending.KeyMetadata);
    await s.call('kms', 'CancelKeyDeletion', { KeyId: key.keyId });
    const after = await s.call<Md>('kms', 'DescribeKey', { KeyId: key.keyId });
    s.check(after.KeyMetadata.KeyState === 'Disabled' && after.KeyMetadata.Enabled === false && after.KeyMetadata.DeletionDate === undefined, 'KeyState', 'Disabled, Enabled false, no DeletionDate', after.KeyMetadata);
  },
});
