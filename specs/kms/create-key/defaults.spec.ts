/**
 * CreateKey with no parameters makes a customer managed symmetric encryption key, and says so in its
 * KeyMetadata: KeyUsage ENCRYPT_DECRYPT, KeySpec SYMMETRIC_DEFAULT and the deprecated
 * CustomerMasterKeySpec SYMMETRIC_DEFAULT, Origin AWS_KMS, KeyManager CUSTOMER, Enabled true, KeyState
 * Enabled, MultiRegion false. Each field is its own rule, so that each field a target answers wrongly
 * shows as its own deviation.
 */
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';

/** Each field of the answer and the value a key made without parameters has (KMS-22). */
const DEFAULTS = {
  KeyUsage: 'ENCRYPT_DECRYPT',
  KeySpec: 'SYMMETRIC_DEFAULT',
  CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
  Origin: 'AWS_KMS',
  KeyManager: 'CUSTOMER',
  Enabled: true,
  KeyState: 'Enabled',
  MultiRegion: false,
} as const;
type Field = keyof typeof DEFAULTS;
const FIELDS = Object.keys(DEFAULTS) as Field[];

export const clause = defineClause({
  id: 'kms.create-key.defaults',
  title: 'CreateKey without parameters answers an enabled customer managed single-Region symmetric encryption key of AWS KMS',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-22', url: PAGES.kmsCreateKey, evidence: 'DOC' },
    { fact: 'KMS-22', url: PAGES.localstackKmsSnapshot, evidence: 'OBS' },
    { fact: 'KMS-1', url: PAGES.kmsDescribeKey, evidence: 'MODEL' },
  ],
  features: ['kms'],
  generates: 'one CreateKey without parameters per field of KeyMetadata checked (all eight fields on every seed)',
  arbitrary: fc.constantFrom(...FIELDS),
  examples: FIELDS,
  maxRuns: 0,
  rule: (field) => field,
  scenario: async (s, field) => {
    // Act
    const { KeyMetadata } = await s.send(new CreateKeyCommand({}));
    // Assert: one field per run
    const observed = KeyMetadata?.[field];
    s.check(observed === DEFAULTS[field], field, DEFAULTS[field], observed);
  },
});
