/**
 * A key ID, key ARN, alias name and alias ARN all name the same key in cryptographic operations,
 * which report the key ARN.
 */
import { GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdFormArb } from '../../../src/arbitraries/keys.js';
import { createKey, nameKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.key-identifiers.all-forms-name-the-same-key',
  title: 'GenerateDataKey accepts key ID, key ARN, alias name and alias ARN and answers with the key ARN',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-6', url: PAGES.kmsGenerateDataKey, evidence: 'DOC' },
    { fact: 'KMS-6', url: PAGES.kmsAliasUsing, evidence: 'DOC' },
  ],
  features: ['kms', 'key-identifiers', 'aliases'],
  generates: 'each of the four identifier forms',
  arbitrary: keyIdFormArb,
  scenario: async (s, form) => {
    const key = await createKey(s);
    const id = await nameKey(s, key, form);
    const out = await s.send(new GenerateDataKeyCommand({ KeyId: id, KeySpec: 'AES_256' }));
    // Independent checks
    s.check(out.KeyId === key.arn, 'KeyId', key.arn, out.KeyId);
    s.check(out.Plaintext?.length === 32, 'Plaintext length', 32, out.Plaintext?.length);
  },
});
