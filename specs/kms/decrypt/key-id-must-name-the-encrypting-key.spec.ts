/**
 * Decrypt's optional KeyId must name the key that encrypted the ciphertext: naming another key fails
 * with IncorrectKeyException, while naming the right key, by its key ID, key ARN or an alias, decrypts.
 * (For a symmetric ciphertext KeyId may be left out: KMS reads the key from the ciphertext.)
 */
import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, nameKey } from '../../../src/steps.js';

type Named = 'other-key-id' | 'other-key-arn' | 'same-key-id' | 'same-key-arn' | 'same-alias-name';
const CASES: Named[] = ['other-key-id', 'other-key-arn', 'same-key-id', 'same-key-arn', 'same-alias-name'];

export const clause = defineClause({
  id: 'kms.decrypt.key-id-must-name-the-encrypting-key',
  title: 'Decrypt with a KeyId naming another key than the encrypting one fails with IncorrectKeyException',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-21', url: PAGES.kmsDecrypt, evidence: 'DOC' },
    { fact: 'KMS-6', url: PAGES.kmsAliasUsing, evidence: 'DOC' },
  ],
  features: ['kms', 'key-identifiers'],
  generates: 'a KeyId naming another key (key ID or ARN) or the encrypting key (key ID, ARN or alias name), all five on every seed',
  arbitrary: fc.constantFrom(...CASES),
  examples: CASES,
  maxRuns: 0,
  rule: (c) => (c.startsWith('other') ? 'another-key' : 'the-encrypting-key'),
  scenario: async (s, c) => {
    // Arrange: a ciphertext under one key, and the identifier the Decrypt names
    const key = await createKey(s);
    const { CiphertextBlob } = await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new TextEncoder().encode('sealed') }));
    const named = c.startsWith('other') ? await createKey(s) : key;
    const KeyId = c.endsWith('arn') ? named.arn : c === 'same-alias-name' ? await nameKey(s, key, 'alias-name') : named.keyId;
    // Act, Assert
    const other = c.startsWith('other');
    const out = await s.send(new DecryptCommand({ CiphertextBlob, KeyId }), { expect: other ? fails('KMS.IncorrectKey') : OK });
    if (!other) {
      const text = new TextDecoder().decode(out?.Plaintext);
      s.check(text === 'sealed', 'Plaintext', 'sealed', text);
    }
  },
});
