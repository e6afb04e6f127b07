/**
 * A multipart upload whose CreateMultipartUpload names no encryption is encrypted by the bucket's default, as a
 * PutObject without headers is: SSE-S3, or SSE-KMS or DSSE-KMS under the default's key (the clause's own, by key ID,
 * key ARN or alias name) or aws/s3 when the default names none, and for an SSE-KMS default with BucketKeyEnabled true,
 * with a bucket key. The answers of CreateMultipartUpload, UploadPart and CompleteMultipartUpload report that type,
 * key ARN and bucket key, and so does HeadObject of the completed object. (An object without a bucket key may be
 * answered with BucketKeyEnabled false or without it.)
 */
import { UploadPartCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { encryptionArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import {
  checkBucketKey,
  checkEncryption,
  completeUpload,
  createBucket,
  createUpload,
  expectedKeyArn,
  headObject,
  keyFor,
  setBucketDefault,
} from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.multipart.bucket-default-applies',
  title: "A multipart upload that names no encryption is encrypted by the bucket's default, bucket key included",
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-22', url: PAGES.s3CreateMultipartUpload, evidence: 'DOC' },
    { fact: 'S3-22', url: PAGES.s3CompleteMultipartUpload, evidence: 'DOC' },
    { fact: 'S3-4', url: PAGES.s3SseByDefault, evidence: 'DOC' },
    { fact: 'S3-17', url: PAGES.s3SseRule, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'multipart', 'bucket-encryption', 'bucket-keys', 'sse-kms', 'sse-s3'],
  shares: ['aws-managed-keys'],
  generates:
    'a bucket default of AES256, or aws:kms / aws:kms:dsse with aws/s3 or an own key (by key ID, key ARN or alias name), aws:kms with or without a bucket key × a one-part upload naming no encryption × object keys and bodies',
  arbitrary: fc.record({
    byDefault: encryptionArb,
    form: s3KeyFormArb,
    // Meant for an aws:kms default only: DSSE-KMS has no bucket keys (another clause asks for one there)
    bucketKey: fc.boolean(),
    key: objectKeyArb,
    body: fc.string({ minLength: 1, maxLength: 64 }),
  }),
  // SSE-KMS defaults with a bucket key (under aws/s3, and under the clause's own key: a target that cannot name aws/s3
  // still shows what it does with a bucket key), and a DSSE-KMS one, on every seed
  examples: [
    { byDefault: { type: 'aws:kms', key: 'aws-managed' }, form: 'key-id', bucketKey: true, key: 'a', body: 'body' },
    { byDefault: { type: 'aws:kms', key: 'own' }, form: 'key-id', bucketKey: true, key: 'a', body: 'body' },
    { byDefault: { type: 'aws:kms:dsse', key: 'own' }, form: 'key-id', bucketKey: false, key: 'a', body: 'body' },
  ],
  scenario: async (s, { byDefault, form, bucketKey: asked, key: objectKey, body }) => {
    // Arrange: the default, and the ARN every answer should report (looked up first, so that each check judges its call)
    const bucket = await createBucket(s);
    const bucketKey = asked && byDefault.type === 'aws:kms';
    const { key, id } = await keyFor(s, byDefault, form);
    await setBucketDefault(s, bucket, byDefault, id, byDefault.type === 'aws:kms' ? bucketKey : undefined);
    const arn = await expectedKeyArn(s, byDefault, key, bucket);
    // Act, Assert: each step of an upload that names no encryption reports the default's
    const created = await createUpload(s, bucket, objectKey);
    checkEncryption(s, created, byDefault.type, arn);
    checkBucketKey(s, created, bucketKey);
    const part = await s.send(new UploadPartCommand({ Bucket: bucket, Key: objectKey, UploadId: created.UploadId, PartNumber: 1, Body: body }));
    checkEncryption(s, part, byDefault.type, arn);
    checkBucketKey(s, part, bucketKey);
    const done = await completeUpload(s, bucket, objectKey, created.UploadId, [part.ETag]);
    checkEncryption(s, done, byDefault.type, arn);
    checkBucketKey(s, done, bucketKey);
    const head = await headObject(s, bucket, objectKey);
    checkEncryption(s, head, byDefault.type, arn);
    checkBucketKey(s, head, bucketKey);
  },
});
