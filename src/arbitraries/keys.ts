/** Generators for KMS keys: identifier forms, unusable states, alias names, deletion windows. */
import fc from 'fast-check';

/** The four ways to name a key (KMS-6). */
export type KeyIdForm = 'key-id' | 'key-arn' | 'alias-name' | 'alias-arn';
export const keyIdFormArb = fc.constantFrom<KeyIdForm>('key-id', 'key-arn', 'alias-name', 'alias-arn');

/** States in which a key refuses cryptographic use, reachable without waiting (KMS-3). */
export type UnusableState = 'Disabled' | 'PendingDeletion';
export const unusableStateArb = fc.constantFrom<UnusableState>('Disabled', 'PendingDeletion');

/** Alias names: valid, missing the prefix, with bad characters, too long, or reserved (KMS-7). */
export type AliasCase = { name: string; kind: 'valid' | 'no-prefix' | 'bad-char' | 'too-long' | 'reserved' };
const aliasChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-'.split(''));
const aliasBody = fc.string({ unit: aliasChar, minLength: 1, maxLength: 24 }).filter((s) => !s.startsWith('aws/'));
export const aliasCaseArb: fc.Arbitrary<AliasCase> = fc.oneof(
  aliasBody.map((b) => ({ name: `alias/${b}`, kind: 'valid' as const })),
  aliasBody.map((b) => ({ name: b.replace(/^alias\//, ''), kind: 'no-prefix' as const })),
  fc.tuple(aliasBody, fc.constantFrom(' ', '!', '*', '@', 'é', '.')).map(([b, c]) => ({ name: `alias/${b}${c}x`, kind: 'bad-char' as const })),
  fc.integer({ min: 251, max: 300 }).map((n) => ({ name: `alias/${'a'.repeat(n)}`, kind: 'too-long' as const })),
  aliasBody.map((b) => ({ name: `alias/aws/${b}`, kind: 'reserved' as const })),
);

/** PendingWindowInDays around and inside the service range 7..30 (KMS-4). */
export const pendingWindowArb = fc.oneof(fc.constantFrom(6, 7, 30, 31), fc.integer({ min: 1, max: 365 }));
