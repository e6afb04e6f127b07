/**
 * A symmetric ciphertext is bound to the encryption context it was made with: Decrypt with exactly
 * the same pairs (in any order) gives the plaintext back; a changed value, a key in other case, a
 * missing or an extra pair fails with InvalidCiphertextException. SNS and SQS choose their own
 * context; this is the KMS rule their sealed messages rest on.
 */
import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

const CASES = ['same', 'reordered', 'value-changed', 'key-case', 'pair-missing', 'pair-added'] as const;
type Case = (typeof CASES)[number];

function variant(c: Case, ctx: Record<string, string>): Record<string, string> {
  const entries = Object.entries(ctx);
  if (c === 'same') return { ...ctx };
  if (c === 'reordered') return Object.fromEntries([...entries].reverse());
  if (c === 'value-changed') return { ...ctx, [entries[0]![0]]: `${entries[0]![1]}x` };
  if (c === 'key-case') return Object.fromEntries(entries.map(([k, v], i) => [i === 0 ? k.toUpperCase() : k, v]));
  if (c === 'pair-missing') return Object.fromEntries(entries.slice(1));
  return { ...ctx, extra: 'pair' };
}

export const clause = defineClause({
  id: 'kms.encryption-context.decrypt-needs-the-same-context',
  title: 'Decrypt needs exactly the encryption context the ciphertext was made with, in any order',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'KMS-12', url: PAGES.kmsEncryptionContext, evidence: 'DOC' },
    { fact: 'KMS-12', url: PAGES.localstackKmsSnapshot, evidence: 'OBS' },
  ],
  features: ['kms'],
  generates: 'two-pair encryption contexts with lower-case keys, decrypted with the same pairs, reordered, or with a value, key case or pair changed',
  arbitrary: fc.record({
    ctx: fc
      .tuple(
        fc.stringMatching(/^[a-z]{1,8}$/),
        fc.stringMatching(/^[a-z]{1,8}$/),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.string({ minLength: 1, maxLength: 12 }),
      )
      .filter(([a, b]) => a !== b && a !== 'extra' && b !== 'extra')
      .map(([a, b, va, vb]) => ({ [a]: va, [b]: vb })),
    case: fc.constantFrom<Case>(...CASES),
  }),
  examples: CASES.map((c) => ({ ctx: { queue: 'orders', service: 'sqs' }, case: c })),
  maxRuns: 6,
  rule: (i) => i.case,
  scenario: async (s, { ctx, case: c }) => {
    // Arrange
    const key = await createKey(s);
    const plaintext = new TextEncoder().encode('sealed');
    const { CiphertextBlob } = await s.send(new EncryptCommand({ KeyId: key.keyId, Plaintext: plaintext, EncryptionContext: ctx }));
    // Act
    const matches = c === 'same' || c === 'reordered';
    const out = await s.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: variant(c, ctx) }), {
      expect: matches ? OK : fails('KMS.InvalidCiphertext'),
    });
    // Assert
    if (matches) {
      const text = new TextDecoder().decode(out?.Plaintext);
      s.check(text === 'sealed', 'Plaintext', 'sealed', text);
    }
  },
});
