/**
 * A key pending deletion can only be cancelled: EnableKey and DisableKey on it are refused with
 * KMSInvalidStateException ("<key ARN> is pending deletion"), and the key stays PendingDeletion
 * with its DeletionDate, whether it was Enabled or Disabled when deletion was scheduled.
 */
import { DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

type Op = 'EnableKey' | 'DisableKey';

export const clause = defineClause({
  id: 'kms.key-state.enable-and-disable-refused-while-pending-deletion',
  title: 'EnableKey and DisableKey on a key pending deletion fail with KMSInvalidState and the key stays pending deletion',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-2', url: PAGES.kmsEnablingKeys, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state'],
  generates: 'EnableKey or DisableKey × a key Enabled or Disabled before deletion was scheduled (all four on every seed)',
  arbitrary: fc.record({ op: fc.constantFrom<Op>('EnableKey', 'DisableKey'), disabledFirst: fc.boolean() }),
  examples: [
    { op: 'EnableKey', disabledFirst: false },
    { op: 'DisableKey', disabledFirst: false },
    { op: 'EnableKey', disabledFirst: true },
    { op: 'DisableKey', disabledFirst: true },
  ],
  rule: ({ op }) => op,
  scenario: async (s, { op, disabledFirst }) => {
    const key = await createKey(s);
    if (disabledFirst) await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
    const command = op === 'EnableKey' ? new EnableKeyCommand({ KeyId: key.keyId }) : new DisableKeyCommand({ KeyId: key.keyId });
    await s.send(command, { expect: fails('KMS.InvalidState') });
    const after = (await s.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata!;
    s.check(after.KeyState === 'PendingDeletion' && after.DeletionDate !== undefined, 'KeyState', 'PendingDeletion with a DeletionDate', {
      KeyState: after.KeyState,
      DeletionDate: after.DeletionDate,
    });
  },
});
