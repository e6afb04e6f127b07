/**
 * Rotating a key leaves what it encrypted before readable: after RotateKeyOnDemand, or after
 * EnableKeyRotation (GetKeyRotationStatus then answers KeyRotationEnabled true), Decrypt of a
 * ciphertext made before gives the plaintext back, and a ciphertext made after decrypts too. On a
 * target with a virtual clock the automatic case also lets the rotation period pass, so that the key
 * really rotates; elsewhere it cannot wait the 90 days at least. Rotating a key cannot be undone and
 * on-demand rotations are limited to 25 a key, so the clause needs a disposable account (the AWS
 * target's pooled keys are not rotated).
 */
import { DecryptCommand, EnableKeyRotationCommand, EncryptCommand, GetKeyRotationStatusCommand, RotateKeyOnDemandCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

type Kind = 'on-demand' | 'automatic';
const DAY_MS = 86_400_000;
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

export const clause = defineClause({
  id: 'kms.rotation.earlier-material-still-decrypts',
  title: 'After an on-demand or automatic rotation, ciphertexts made before it still decrypt, and so do those made after',
  level: 'MUST',
  theme: 'persistence',
  sources: [
    { fact: 'KMS-27', url: PAGES.kmsRotateKeys, evidence: 'DOC' },
    { fact: 'KMS-27', url: PAGES.kmsRotateKeyOnDemand, evidence: 'DOC' },
    { fact: 'KMS-27', url: PAGES.kmsEnableKeyRotation, evidence: 'DOC' },
  ],
  features: ['kms', 'key-rotation'],
  requires: ['disposableAccount'],
  generates: 'on-demand rotation or automatic rotation every 90 days, with plaintexts of 1 to 64 bytes (both kinds on every seed)',
  arbitrary: fc.record({ kind: fc.constantFrom<Kind>('on-demand', 'automatic'), text: fc.string({ minLength: 1, maxLength: 64 }) }),
  examples: [
    { kind: 'on-demand', text: 'before' },
    { kind: 'automatic', text: 'before' },
  ],
  maxRuns: 4,
  rule: ({ kind }) => kind,
  scenario: async (s, { kind, text }) => {
    // Arrange: a ciphertext made before the rotation
    const key = await createKey(s);
    const plaintext = new TextEncoder().encode(text);
    const before = await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: plaintext }));
    // Act: rotate
    if (kind === 'on-demand') await s.send(new RotateKeyOnDemandCommand({ KeyId: key.keyId }));
    else {
      await s.send(new EnableKeyRotationCommand({ KeyId: key.keyId, RotationPeriodInDays: 90 }));
      const { KeyRotationEnabled } = await s.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));
      // Soft, like the two decryptions: each is judged whatever the others show.
      s.check(KeyRotationEnabled === true, 'KeyRotationEnabled', true, KeyRotationEnabled);
      await s.waitIfVirtual(91 * DAY_MS); // automatic rotation happens after 90 days: only a virtual clock gets there
    }
    const after = await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: plaintext }));
    // Assert: both decrypt
    const old = await s.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
    s.check(decode(old.Plaintext) === text, 'Plaintext (sealed before the rotation)', text, decode(old.Plaintext));
    const fresh = await s.send(new DecryptCommand({ CiphertextBlob: after.CiphertextBlob }));
    s.check(decode(fresh.Plaintext) === text, 'Plaintext (sealed after the rotation)', text, decode(fresh.Plaintext));
  },
});
