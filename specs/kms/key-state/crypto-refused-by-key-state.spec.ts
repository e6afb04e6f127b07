/**
 * Cryptographic operations on a disabled key fail with DisabledException; on a key pending
 * deletion, with KMSInvalidStateException. Re-enabling a disabled key makes it usable again.
 */
import { EncryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { unusableStateArb } from '../../../src/arbitraries/keys.js';
import { createKey, errorForState, makeUnusable } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.key-state.crypto-refused-by-key-state',
  title: 'GenerateDataKey and Encrypt fail with DisabledException if disabled, KMSInvalidStateException if pending deletion',
  level: 'MUST',
  theme: 'key-state',
  sources: [{ fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' }],
  features: ['kms', 'key-state'],
  generates: 'Disabled / PendingDeletion keys, GenerateDataKey or Encrypt',
  arbitrary: fc.record({ state: unusableStateArb, op: fc.constantFrom('GenerateDataKey' as const, 'Encrypt' as const) }),
  scenario: async (s, { state, op }) => {
    const key = await createKey(s);
    await makeUnusable(s, key, state);
    // KMS-specific canonical codes: DisabledException → KMS.Disabled, KMSInvalidStateException → KMS.InvalidState.
    const expect = fails(errorForState(state));
    if (op === 'Encrypt') await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new Uint8Array([1, 2, 3]) }), { expect });
    else await s.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }), { expect });
  },
});
