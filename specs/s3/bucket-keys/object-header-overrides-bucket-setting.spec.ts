/**
 * The BucketKeyEnabled header of an SSE-KMS PutObject decides for that object alone: the object uses a bucket key when
 * the header says true and none when it says false, whatever the bucket's default says (SSE-S3, or SSE-KMS with its
 * bucket key on or off), and the bucket's own setting is left as it was: GetBucketEncryption afterwards reads the
 * BucketKeyEnabled it had before the write. An object without a bucket key may be answered with BucketKeyEnabled false
 * or without it.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import {
  bucketDefault,
  checkBucketKey,
  checkEncryption,
  createBucket,
  encryptionFields,
  expectedKeyArn,
  headObject,
  keyFor,
  setBucketDefault,
} from '../../../src/steps/s3.js';

/** The bucket's default: SSE-S3 as every bucket has it, or an SSE-KMS default with its bucket key off or on. */
type BucketSetting = 'sse-s3' | 'kms-without-bucket-key' | 'kms-with-bucket-key';
const bucketKeyOf = (setting: BucketSetting) => setting === 'kms-with-bucket-key';

export const clause = defineClause({
  id: 's3.bucket-keys.object-header-overrides-bucket-setting',
  title: "PutObject's BucketKeyEnabled header decides for that SSE-KMS object alone, and leaves the bucket's setting as it was",
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-18', url: PAGES.s3BucketKeyObject, evidence: 'DOC' },
    { fact: 'S3-18', url: PAGES.s3PutObject, evidence: 'DOC' },
    { fact: 'S3-17', url: PAGES.s3BucketKey, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-keys', 'bucket-encryption', 'sse-kms'],
  shares: ['aws-managed-keys'],
  generates:
    'a bucket default of SSE-S3 or SSE-KMS with its bucket key off or on × an aws:kms PutObject (aws/s3 or an own key by key ID, key ARN or alias name) whose BucketKeyEnabled says the opposite of the bucket, or the same × object keys',
  arbitrary: fc.record({
    bucket: fc.constantFrom<BucketSetting>('sse-s3', 'kms-without-bucket-key', 'kms-with-bucket-key'),
    header: fc.boolean(),
    writeKey: fc.constantFrom('aws-managed' as const, 'own' as const),
    form: s3KeyFormArb,
    key: objectKeyArb,
  }),
  // The header overriding each setting of the bucket, on every seed
  examples: (['sse-s3', 'kms-without-bucket-key', 'kms-with-bucket-key'] as const).map((bucket) => ({
    bucket,
    header: !bucketKeyOf(bucket),
    writeKey: 'aws-managed' as const,
    form: 'key-id' as const,
    key: 'a',
  })),
  scenario: async (s, { bucket: setting, header, writeKey, form, key: objectKey }) => {
    // Arrange: the bucket's default (an SSE-KMS one under aws/s3), and the write's key
    const bucket = await createBucket(s);
    if (setting !== 'sse-s3') await setBucketDefault(s, bucket, { type: 'aws:kms', key: 'aws-managed' }, undefined, bucketKeyOf(setting));
    const written = { type: 'aws:kms' as const, key: writeKey };
    const { key, id } = await keyFor(s, written, form);
    // The key's ARN the object should report, looked up before the write so that the checks judge its answer
    const arn = await expectedKeyArn(s, written, key, bucket);
    // Act
    const put = await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: 'b', ...encryptionFields(written, id), BucketKeyEnabled: header }));
    // Assert: the object as its header said, the bucket as it was
    checkEncryption(s, put, 'aws:kms', arn);
    checkBucketKey(s, put, header);
    const rule = await bucketDefault(s, bucket);
    const before = bucketKeyOf(setting);
    s.check((rule?.BucketKeyEnabled === true) === before, 'BucketKeyEnabled', before, rule?.BucketKeyEnabled ?? 'none');
    checkBucketKey(s, await headObject(s, bucket, objectKey), header);
  },
});
