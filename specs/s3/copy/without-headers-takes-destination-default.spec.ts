/**
 * A copy whose request names no encryption is encrypted by the destination bucket's default, not as its source was:
 * an object written by its own headers under one encryption (SSE-S3, or SSE-KMS or DSSE-KMS with aws/s3 or a key of
 * the clause's own), copied without encryption headers to another key of the same bucket or of another bucket, is
 * reported by the CopyObject answer and by HeadObject with the destination's default: SSE-S3 when the bucket has none
 * of its owner's, else the default's type and key ARN. The copy replaces nothing of the source, which still reports
 * its own encryption. (A copy onto itself with nothing new is refused, so the copy goes to another key.)
 */
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { type Encryption, encryptionArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import {
  checkEncryption,
  copySourceOf,
  createBucket,
  encryptionFields,
  expectedKeyArn,
  headObject,
  keyFor,
  putObject,
  setBucketDefault,
} from '../../../src/steps/s3.js';

const sseS3 = { type: 'AES256' } as const satisfies Encryption;

export const clause = defineClause({
  id: 's3.copy.without-headers-takes-destination-default',
  title: "CopyObject without encryption headers stores the copy under the destination bucket's default, not the source's",
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-25', url: PAGES.s3CopyObject, evidence: 'DOC' },
    { fact: 'S3-4', url: PAGES.s3SseByDefault, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'copy', 'bucket-encryption', 'sse-kms', 'sse-s3', 'key-identifiers'],
  shares: ['aws-managed-keys'],
  generates:
    'an encryption the source is written with by its headers (SSE-S3, SSE-KMS or DSSE-KMS with aws/s3 or an own key by key ID, key ARN or alias name) × the same bucket or another × its default, or none (SSE-S3) × object keys',
  arbitrary: fc.record({
    from: encryptionArb,
    destinationDefault: fc.option(encryptionArb, { nil: undefined }),
    form: s3KeyFormArb,
    sameBucket: fc.boolean(),
    key: objectKeyArb,
  }),
  // A KMS source copied where the default is SSE-S3 (in its own bucket, or another), and a source copied to a
  // default of another key (an own one named by each form, and aws/s3): a copy that keeps the source's encryption, or
  // misreports the default's key, shows on every seed. The fewest steps first: a deviation's counterexample is the
  // first input that shows it, and examples are not shrunk to fewer calls
  examples: [
    { from: { type: 'aws:kms', key: 'own' }, destinationDefault: undefined, form: 'key-id', sameBucket: true, key: 'a' },
    { from: sseS3, destinationDefault: { type: 'aws:kms', key: 'aws-managed' }, form: 'key-id', sameBucket: true, key: 'a' },
    { from: { type: 'aws:kms:dsse', key: 'aws-managed' }, destinationDefault: sseS3, form: 'key-id', sameBucket: false, key: 'a' },
    { from: { type: 'aws:kms', key: 'own' }, destinationDefault: { type: 'aws:kms', key: 'own' }, form: 'key-arn', sameBucket: false, key: 'a' },
    { from: { type: 'aws:kms', key: 'own' }, destinationDefault: { type: 'aws:kms', key: 'own' }, form: 'alias-name', sameBucket: true, key: 'a' },
    { from: sseS3, destinationDefault: { type: 'aws:kms:dsse', key: 'own' }, form: 'alias-name', sameBucket: true, key: 'a' },
  ],
  scenario: async (s, { from, destinationDefault, form, sameBucket, key: objectKey }) => {
    // Arrange: the source, written by its own headers; then the destination's default (in the source's own bucket,
    // set after the write, which the header overrode anyway)
    const source = await createBucket(s);
    const fromKey = await keyFor(s, from, form);
    await putObject(s, source, objectKey, 'copied', encryptionFields(from, fromKey.id));
    const destination = sameBucket ? source : await createBucket(s);
    const defaultKey = destinationDefault ? await keyFor(s, destinationDefault, form) : {};
    if (destinationDefault) await setBucketDefault(s, destination, destinationDefault, defaultKey.id);
    // The ARNs the answers should report, looked up first so that each check judges the step that answered
    const expected = destinationDefault ?? sseS3;
    const arn = await expectedKeyArn(s, expected, defaultKey.key, source);
    const fromArn = await expectedKeyArn(s, from, fromKey.key, source);
    // Act: a copy to another key that names no encryption
    const copyKey = `${objectKey}.copy`;
    const copy = await s.send(new CopyObjectCommand({ Bucket: destination, Key: copyKey, CopySource: copySourceOf(source, objectKey) }));
    // Assert: the copy under the destination's default; the source as it was written
    checkEncryption(s, copy, expected.type, arn);
    checkEncryption(s, await headObject(s, destination, copyKey), expected.type, arn);
    const before = await headObject(s, source, objectKey);
    s.check(before.ServerSideEncryption === from.type, 'source ServerSideEncryption', from.type, before.ServerSideEncryption ?? 'none');
    s.check(before.SSEKMSKeyId === fromArn, 'source SSEKMSKeyId', fromArn ?? 'none', before.SSEKMSKeyId ?? 'none');
  },
});
