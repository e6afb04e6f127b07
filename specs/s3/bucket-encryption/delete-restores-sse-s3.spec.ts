/**
 * DeleteBucketEncryption puts a bucket back on SSE-S3, it does not leave it unencrypted: after a KMS default is
 * deleted, an object written without encryption headers is reported as AES256 with no key (rule `new-object`), and
 * GetBucketEncryption answers with the AES256 rule (rule `get-bucket-encryption`).
 */
import { GetBucketEncryptionCommand, DeleteBucketEncryptionCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { encryptionArb, objectKeyArb } from '../../../src/arbitraries/objects.js';
import { checkEncryption, createBucket, headObject, keyFor, putObject, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.bucket-encryption.delete-restores-sse-s3',
  title: "After DeleteBucketEncryption a bucket's new objects are SSE-S3 and GetBucketEncryption reads AES256",
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-6', url: PAGES.s3DeleteBucketEncryption, evidence: 'DOC' },
    { fact: 'S3-5', url: PAGES.s3PutBucketEncryption, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-encryption', 'sse-s3', 'sse-kms'],
  shares: ['aws-managed-keys'],
  generates: 'a KMS default (aws:kms or aws:kms:dsse, own key or aws/s3) deleted, then either a new object or GetBucketEncryption',
  arbitrary: fc.record({
    byDefault: encryptionArb.filter((e) => e.type !== 'AES256'),
    probe: fc.constantFrom('new-object' as const, 'get-bucket-encryption' as const),
    key: objectKeyArb,
  }),
  rule: ({ probe }) => probe,
  scenario: async (s, { byDefault, probe, key: objectKey }) => {
    // Arrange
    const bucket = await createBucket(s);
    await setBucketDefault(s, bucket, byDefault, (await keyFor(s, byDefault)).id);
    // Act
    await s.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
    // Assert
    if (probe === 'new-object') {
      await putObject(s, bucket, objectKey, 'after');
      checkEncryption(s, await headObject(s, bucket, objectKey), 'AES256', undefined);
    } else {
      const { ServerSideEncryptionConfiguration } = await s.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
      const algorithms = (ServerSideEncryptionConfiguration?.Rules ?? []).map((r) => r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm);
      s.check(algorithms.length === 1 && algorithms[0] === 'AES256', 'SSEAlgorithm', ['AES256'], algorithms);
    }
  },
});
