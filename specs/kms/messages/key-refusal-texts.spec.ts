/**
 * The texts AWS was recorded giving for refusals about the key a request names: NotFoundException
 * "Invalid keyId '<value>'" for a value that is not a key ID, "Key '<key ARN>' does not exist" for a
 * well-formed key ID (a UUID, or mrk- and 32 hex digits) or key ARN that names no key (a key ID is
 * turned into the key ARN of the caller's account and Region); InvalidKeyUsageException "<key ARN> key
 * usage is SIGN_VERIFY which is not valid for Encrypt."; and IncorrectKeyException "The key ID in the
 * request does not identify a CMK that can perform this operation." for a Decrypt naming another key.
 * These are recorded, not documented, so the clause is OBSERVED; the codes are stated at MUST by
 * kms.key-identifiers.unknown-keys-are-not-found, kms.key-usage.encrypt-and-data-keys-need-encrypt-decrypt
 * and kms.decrypt.key-id-must-name-the-encrypting-key.
 */
import { DecryptCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createKeyOfKind } from '../../../src/steps.js';

type Input =
  | { kind: 'malformed-key-id'; value: string }
  | { kind: 'unknown-key-id'; value: string }
  | { kind: 'unknown-key-arn'; value: string }
  | { kind: 'key-usage' }
  | { kind: 'incorrect-key' };

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
/** Strings that are no key ID: lower-case words, or 32 hex digits without the UUID's dashes (recorded). */
const malformed = fc.oneof(
  fc.stringMatching(/^[a-z][a-z-]{2,15}$/).filter((v) => !v.startsWith('mrk-') && !v.startsWith('alias')),
  hex(32),
);
/** Well-formed key IDs: UUIDs and multi-Region key IDs. */
const wellFormed = fc.oneof(
  fc.uuid(),
  hex(32).map((h) => `mrk-${h}`),
);

const INCORRECT_KEY = 'The key ID in the request does not identify a CMK that can perform this operation.';

export const clause = defineClause({
  id: 'kms.messages.key-refusal-texts',
  title: 'NotFound tells a malformed key ID from an unknown one, and key usage and incorrect-key refusals read as AWS was recorded',
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-30', url: PAGES.localstackKmsSnapshot, evidence: 'OBS' },
    { fact: 'KMS-6', url: PAGES.localstackKmsSnapshot, evidence: 'OBS' },
  ],
  features: ['kms', 'key-identifiers', 'error-messages'],
  generates: 'malformed key IDs, unknown UUIDs and mrk- IDs, unknown key ARNs, Encrypt with a signing key, Decrypt naming another key',
  arbitrary: fc.oneof<fc.Arbitrary<Input>[]>(
    malformed.map((value) => ({ kind: 'malformed-key-id' as const, value })),
    wellFormed.map((value) => ({ kind: 'unknown-key-id' as const, value })),
    fc.uuid().map((value) => ({ kind: 'unknown-key-arn' as const, value })),
    fc.constant({ kind: 'key-usage' as const }),
    fc.constant({ kind: 'incorrect-key' as const }),
  ),
  examples: <Input[]>[
    { kind: 'malformed-key-id', value: 'fake-key-id' },
    { kind: 'malformed-key-id', value: '134f2428cec14b25a1ae9048164dba47' },
    { kind: 'unknown-key-id', value: '00000000-0000-4000-8000-000000000000' },
    { kind: 'unknown-key-id', value: 'mrk-d3b95762d3b95762d3b95762d3b95762' },
    { kind: 'unknown-key-arn', value: '00000000-0000-4000-8000-000000000000' },
    { kind: 'key-usage' },
    { kind: 'incorrect-key' },
  ],
  maxRuns: 12,
  rule: (i) => i.kind,
  scenario: async (s, input) => {
    // The key ARNs a message names are built from the account and Region of a key of the run.
    const key = await createKey(s);
    const arnOf = (id: string) => key.arn.replace(/key\/.*$/, `key/${id}`);
    if (input.kind === 'key-usage') {
      const signing = await createKeyOfKind(s, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }, ['KeyUsage'], (md) => md.KeyUsage === 'SIGN_VERIFY');
      const observed = await s.attempt(new EncryptCommand({ KeyId: signing.keyId, Plaintext: new Uint8Array([1]) }));
      s.expectLast(observed, [fails('KMS.InvalidKeyUsage')]);
      const expected = `${signing.arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`;
      s.check(!observed.ok && observed.message === expected, 'message', expected, observed.ok ? undefined : observed.message);
      return;
    }
    if (input.kind === 'incorrect-key') {
      const other = await createKey(s);
      const { CiphertextBlob } = await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: new Uint8Array([1]) }));
      const observed = await s.attempt(new DecryptCommand({ CiphertextBlob, KeyId: other.keyId }));
      s.expectLast(observed, [fails('KMS.IncorrectKey')]);
      s.check(!observed.ok && observed.message === INCORRECT_KEY, 'message', INCORRECT_KEY, observed.ok ? undefined : observed.message);
      return;
    }
    const keyId = input.kind === 'unknown-key-arn' ? arnOf(input.value) : input.value;
    const expected = input.kind === 'malformed-key-id' ? `Invalid keyId '${input.value}'` : `Key '${arnOf(input.value)}' does not exist`;
    // Act
    const observed = await s.attempt(new DescribeKeyCommand({ KeyId: keyId }));
    // Assert: the refusal, then its text
    s.expectLast(observed, [fails('KMS.NotFound')]);
    s.check(!observed.ok && observed.message === expected, 'message', expected, observed.ok ? undefined : observed.message);
  },
});
