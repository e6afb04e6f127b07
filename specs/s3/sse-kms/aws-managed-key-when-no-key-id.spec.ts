/**
 * An object written with aws:kms or aws:kms:dsse and no SSEKMSKeyId is protected by the account's AWS managed key
 * aws/s3: HeadObject reports the ARN of the key alias/aws/s3 names, which KMS reports as managed by AWS. Whether the
 * alias existed before the first such write is not checked (it needs an account where S3 never used it).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { kmsAlgorithmArb, objectBodyArb, objectKeyArb } from '../../../src/arbitraries/objects.js';
import { awsManagedS3Key, checkEncryption, createBucket, headObject } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-kms.aws-managed-key-when-no-key-id',
  title: 'An object written with a KMS type and no key ID is protected by the AWS managed key aws/s3',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-3', url: PAGES.s3PutObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
    { fact: 'KMS-8', url: PAGES.kmsAwsManagedKeys, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-kms', 'aws-managed-keys'],
  shares: ['aws-managed-keys'],
  generates: 'aws:kms or aws:kms:dsse without a key ID × object keys and bodies, written to a new bucket',
  arbitrary: fc.record({ type: kmsAlgorithmArb, key: objectKeyArb, body: objectBodyArb }),
  scenario: async (s, { type, key, body }) => {
    // Arrange
    const bucket = await createBucket(s);
    // Act
    await s.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ServerSideEncryption: type }));
    // Assert: after the write, alias/aws/s3 names an AWS managed key, and the object reports it
    const managed = await awsManagedS3Key(s);
    s.check(managed.manager === 'AWS', 'KeyManager', 'AWS', managed.manager);
    checkEncryption(s, await headObject(s, bucket, key), type, managed.arn);
  },
});
