/** Generators for S3 objects and their encryption: object keys, bodies, encryption choices (specs/facts.md S3-2). */
import fc from 'fast-check';
import { unusableStateArb } from './keys.js';

/**
 * Object keys: safe characters and `/` separators (S3 object key naming guidelines), up to 5 segments, never starting
 * or ending with `/`, and never `.` or `..` as a segment (the SDK would normalise such a path).
 */
const segment = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!-_.*()'.split('')), minLength: 1, maxLength: 12 })
  .filter((s) => s !== '.' && s !== '..');
export const objectKeyArb: fc.Arbitrary<string> = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));

/** Object bodies: empty, text of any Unicode, or bytes (as a string: S3 stores the UTF-8 bytes and returns them). */
export const objectBodyArb: fc.Arbitrary<string> = fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 64 }), fc.string({ maxLength: 2048 }));

/** The two KMS encryption types (S3-2). */
export type KmsAlgorithm = 'aws:kms' | 'aws:kms:dsse';
export const kmsAlgorithmArb = fc.constantFrom<KmsAlgorithm>('aws:kms', 'aws:kms:dsse');

/** How a write or a bucket default names its KMS key: by key ID, key ARN or alias name (S3-2 lists these three). */
export type S3KeyForm = 'key-id' | 'key-arn' | 'alias-name';
export const s3KeyFormArb = fc.constantFrom<S3KeyForm>('key-id', 'key-arn', 'alias-name');

/**
 * An encryption to ask for: SSE-S3, or a KMS type with a key the clause creates (`own`) or none (the AWS managed key
 * aws/s3, S3-3). Shrinks towards SSE-S3, then aws/s3: the fewest calls.
 */
export type Encryption = { type: 'AES256' } | { type: KmsAlgorithm; key: 'own' | 'aws-managed' };
export const encryptionArb: fc.Arbitrary<Encryption> = fc.oneof(
  fc.constant({ type: 'AES256' as const }),
  fc.record({ type: kmsAlgorithmArb, key: fc.constantFrom('aws-managed' as const, 'own' as const) }),
);

/**
 * An SSE-C customer key (S3-11): 256 random bits, in base64 as the SSE-C header carries it. Not shrunk: a key is opaque,
 * so no smaller one explains a deviation better, and shrinking two keys a byte at a time cost hundreds of scenarios per
 * failing clause (576 for s3.multipart.sse-c-parts-need-the-key on fauxqs, fakecloud and SeaweedFS).
 */
export const customerKeyArb: fc.Arbitrary<string> = fc.noShrink(
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('base64')),
);

/** Two different SSE-C customer keys. */
export const twoCustomerKeysArb: fc.Arbitrary<[string, string]> = fc.tuple(customerKeyArb, customerKeyArb).filter(([a, b]) => a !== b);

/**
 * The S3 key-state clauses' case: a key of either KMS type, named in any form, made unusable, and named by a request's
 * headers or by the bucket default, for an object key.
 */
export const unusableKeyCaseArb = fc.record({
  state: unusableStateArb,
  type: kmsAlgorithmArb,
  form: s3KeyFormArb,
  via: fc.constantFrom('headers' as const, 'default' as const),
  key: objectKeyArb,
});
export type UnusableKeyCase = typeof unusableKeyCaseArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Every combination of state, type, form and route (24), each with an object key of its own: what an emulator does
 * wrong often depends on the combination (SeaweedFS answers InvalidArgument for some), so the key-state clauses run
 * them all, on every seed.
 */
export const UNUSABLE_KEY_CASES: readonly UnusableKeyCase[] = (['Disabled', 'PendingDeletion'] as const)
  .flatMap((state) =>
    (['aws:kms', 'aws:kms:dsse'] as const).flatMap((type) =>
      (['key-id', 'key-arn', 'alias-name'] as const).flatMap((form) => (['headers', 'default'] as const).map((via) => ({ state, type, form, via }))),
    ),
  )
  .map((c, i) => ({ ...c, key: `case-${i}` }));
