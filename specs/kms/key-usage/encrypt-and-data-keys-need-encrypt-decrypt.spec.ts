/**
 * KMS itself refuses to encrypt or make a data key with a key that is not for encryption: Encrypt
 * and GenerateDataKey called directly with an HMAC key (KeyUsage GENERATE_VERIFY_MAC) or a signing
 * key (SIGN_VERIFY) fail with InvalidKeyUsageException. This is the refusal SQS passes on as
 * KmsInvalidKeyUsage when such a key is a queue's key. The message text is
 * kms.messages.key-refusal-texts's, not asserted here. A target that hands out keys of its own
 * instead of the type asked for (the AWS target's key pool) cannot show this; any other target that
 * answers another type of key deviates in its KeySpec and KeyUsage.
 */
import { EncryptCommand, GenerateDataKeyCommand, type KeySpec, type KeyUsageType } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKeyOfKind } from '../../../src/steps.js';

type Op = 'Encrypt' | 'GenerateDataKey';
/** Keys whose KeyUsage is not ENCRYPT_DECRYPT: HMAC, asymmetric signing (elliptic curve and RSA). */
const KEY_TYPES: { KeySpec: KeySpec; KeyUsage: KeyUsageType }[] = [
  { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
  { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' },
];
const OPS: Op[] = ['Encrypt', 'GenerateDataKey'];

export const clause = defineClause({
  id: 'kms.key-usage.encrypt-and-data-keys-need-encrypt-decrypt',
  title: 'Encrypt and GenerateDataKey with an HMAC or signing key fail with InvalidKeyUsageException',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-20', url: PAGES.kmsEncrypt, evidence: 'DOC' },
    { fact: 'KMS-20', url: PAGES.kmsGenerateDataKey, evidence: 'MODEL' },
    { fact: 'KMS-14', url: PAGES.kmsKeyTypes, evidence: 'DOC' },
  ],
  features: ['kms'],
  generates: 'Encrypt or GenerateDataKey × an HMAC_256, ECC_NIST_P256 signing or RSA_2048 signing key (all six on every seed)',
  arbitrary: fc.record({ op: fc.constantFrom(...OPS), type: fc.constantFrom(...KEY_TYPES) }),
  examples: OPS.flatMap((op) => KEY_TYPES.map((type) => ({ op, type }))),
  maxRuns: 0,
  rule: ({ op }) => op,
  scenario: async (s, { op, type }) => {
    // Arrange: a key of that type
    const key = await createKeyOfKind(s, type, ['KeySpec', 'KeyUsage'], (md) => md.KeySpec === type.KeySpec && md.KeyUsage === type.KeyUsage);
    // Act, Assert
    const expect = fails('KMS.InvalidKeyUsage');
    if (op === 'Encrypt') await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new Uint8Array([1, 2, 3]) }), { expect });
    else await s.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }), { expect });
  },
});
