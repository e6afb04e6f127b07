/**
 * A malformed key identifier, an unknown key, an unknown alias and a key ARN of another Region are
 * all answered with NotFoundException.
 */
import { EncryptCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';

export const clause = defineClause({
  id: 'kms.key-identifiers.unknown-keys-are-not-found',
  title: 'Encrypt with a malformed, unknown or other-Region key identifier fails with NotFoundException',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [{ fact: 'KMS-6', url: PAGES.kmsEncrypt, evidence: 'OBS' }],
  features: ['kms', 'key-identifiers'],
  generates: 'random UUIDs, their key ARNs in this and another Region, unknown alias names and malformed strings',
  arbitrary: fc.oneof(
    fc.uuid(),
    fc.uuid().map((u) => `arn:aws:kms:us-east-1:123456789012:key/${u}`),
    fc.uuid().map((u) => `arn:aws:kms:ap-southeast-2:123456789012:key/${u}`),
    fc.stringMatching(/^[a-z]{6,12}$/).map((n) => `alias/ssec-missing-${n}`),
    fc.stringMatching(/^[a-z]{3,12}$/),
  ),
  scenario: async (s, keyId) => {
    await s.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }), { expect: fails('KMS.NotFound') });
  },
});
