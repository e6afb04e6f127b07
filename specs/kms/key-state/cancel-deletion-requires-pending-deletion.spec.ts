/**
 * CancelKeyDeletion only applies to a key pending deletion: on an Enabled or Disabled key it is
 * refused with KMSInvalidStateException ("<key ARN> is not pending deletion") and the key keeps
 * its state. The key-state table gives this error for every state but PendingDeletion.
 */
import { CancelKeyDeletionCommand, DescribeKeyCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

type State = 'Enabled' | 'Disabled';

export const clause = defineClause({
  id: 'kms.key-state.cancel-deletion-requires-pending-deletion',
  title: 'CancelKeyDeletion on a key that is not pending deletion fails with KMSInvalidState and leaves its state unchanged',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-2', url: PAGES.kmsCancelKeyDeletion, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state'],
  generates: 'an Enabled or a Disabled key (both on every seed)',
  arbitrary: fc.constantFrom<State>('Enabled', 'Disabled'),
  examples: ['Enabled', 'Disabled'],
  scenario: async (s, state) => {
    const key = await createKey(s);
    if (state === 'Disabled') await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    await s.send(new CancelKeyDeletionCommand({ KeyId: key.keyId }), { expect: fails('KMS.InvalidState') });
    const after = (await s.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata!;
    s.check(after.KeyState === state, 'KeyState', state, after.KeyState);
  },
});
