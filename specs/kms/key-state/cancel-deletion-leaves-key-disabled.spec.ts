/**
 * Scheduling deletion puts an Enabled or Disabled key into PendingDeletion with a DeletionDate;
 * cancelling returns it to Disabled (not Enabled) without a DeletionDate.
 */
import { CancelKeyDeletionCommand, DescribeKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.key-state.cancel-deletion-leaves-key-disabled',
  title: 'CancelKeyDeletion returns a key pending deletion to Disabled, not Enabled',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsCancelKeyDeletion, evidence: 'DOC' },
    { fact: 'KMS-1', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state'],
  generates: 'keys Enabled or Disabled before scheduling, waiting periods 7 to 30 days',
  arbitrary: fc.record({ disabledFirst: fc.boolean(), days: fc.integer({ min: 7, max: 30 }) }),
  // Both starting states on every seed: from an Enabled key, a target that restores the state before the deletion shows.
  examples: [
    { disabledFirst: false, days: 7 },
    { disabledFirst: true, days: 30 },
  ],
  scenario: async (s, { disabledFirst, days }) => {
    const key = await createKey(s);
    if (disabledFirst) await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: days }));
    const pending = (await s.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata!;
    // Soft: a key that CancelKeyDeletion accepts shows what the cancellation leaves, even if it read wrong while pending.
    s.check(
      pending.KeyState === 'PendingDeletion' && pending.DeletionDate !== undefined,
      'KeyState, DeletionDate',
      'PendingDeletion with a DeletionDate',
      pending,
    );
    await s.send(new CancelKeyDeletionCommand({ KeyId: key.keyId }));
    const after = (await s.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata!;
    s.check(
      after.KeyState === 'Disabled' && after.Enabled === false && after.DeletionDate === undefined,
      'KeyState',
      'Disabled, Enabled false, no DeletionDate',
      after,
    );
  },
});
