/**
 * A key created without key material (Origin EXTERNAL) is in PendingImport until material is
 * imported, and may stay there indefinitely. In that state it cannot be used: GenerateDataKey and
 * Encrypt fail with KMSInvalidStateException ("<key ARN> is pending import"), and so do EnableKey
 * and DisableKey (the key-state table). A target whose CreateKey leases pooled keys instead (the
 * AWS target) cannot show this.
 */
import { DisableKeyCommand, EnableKeyCommand, EncryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKeyPendingImport } from '../../../src/steps.js';

type Op = 'GenerateDataKey' | 'Encrypt' | 'EnableKey' | 'DisableKey';
const OPS: Op[] = ['GenerateDataKey', 'Encrypt', 'EnableKey', 'DisableKey'];

export const clause = defineClause({
  id: 'kms.key-state.external-key-starts-pending-import',
  title: 'A key created with Origin EXTERNAL starts PendingImport, where use, EnableKey and DisableKey fail with KMSInvalidState',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-1', url: PAGES.kmsImportingKeysCreateKey, evidence: 'DOC' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-15', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state'],
  requires: ['createKeyHonoursInput'],
  generates: 'GenerateDataKey, Encrypt, EnableKey or DisableKey on a new EXTERNAL key (all four on every seed)',
  arbitrary: fc.constantFrom(...OPS),
  examples: OPS,
  rule: (op) => (op === 'GenerateDataKey' || op === 'Encrypt' ? 'use' : 'state-change'),
  scenario: async (s, op) => {
    const key = await createKeyPendingImport(s, { asserted: true });
    const expect = fails('KMS.InvalidState');
    if (op === 'GenerateDataKey') await s.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }), { expect });
    if (op === 'Encrypt') await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new Uint8Array([1, 2, 3]) }), { expect });
    if (op === 'EnableKey') await s.send(new EnableKeyCommand({ KeyId: key.keyId }), { expect });
    if (op === 'DisableKey') await s.send(new DisableKeyCommand({ KeyId: key.keyId }), { expect });
  },
});
