/**
 * Encrypt with a symmetric key accepts 1 to 4,096 bytes of plaintext and rejects more, or none,
 * with ValidationException.
 */
import { EncryptCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.encrypt.plaintext-limit-4096-bytes',
  title: 'Encrypt accepts 1 to 4,096 bytes of plaintext and rejects 4,097 or more, or an empty plaintext, with ValidationException',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [{ fact: 'KMS-5', url: PAGES.kmsEncrypt, evidence: 'DOC' }],
  features: ['kms', 'limits'],
  generates: 'plaintext sizes 0, 1, 4,095, 4,096, 4,097 and anywhere from 0 to 8,192 bytes',
  arbitrary: fc.oneof(fc.constantFrom(0, 1, 4095, 4096, 4097), fc.integer({ min: 0, max: 8192 })),
  scenario: async (s, size) => {
    const key = await createKey(s);
    await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new Uint8Array(size).fill(65) }), {
      expect: size >= 1 && size <= 4096 ? OK : fails('KMS.Validation'),
    });
  },
});
