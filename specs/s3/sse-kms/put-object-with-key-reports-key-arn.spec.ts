/**
 * An object written with aws:kms or aws:kms:dsse and a KMS key named by key ID, key ARN or alias name is stored under
 * that key: the PutObject answer and HeadObject report the encryption type asked for and the key's ARN as
 * SSEKMSKeyId, whatever form named it, and GetObject returns the body unchanged.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { kmsAlgorithmArb, objectBodyArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { createKey, nameKey } from '../../../src/steps.js';
import { checkEncryption, createBucket, getObjectText, headObject } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-kms.put-object-with-key-reports-key-arn',
  title: 'An object written with aws:kms or aws:kms:dsse and a key is reported with that type and the key ARN',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-2', url: PAGES.s3PutObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
    { fact: 'KMS-6', url: PAGES.kmsAliasUsing, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-kms', 'key-identifiers'],
  generates: 'aws:kms or aws:kms:dsse × the key named by key ID, key ARN or alias name × object keys and bodies',
  arbitrary: fc.record({ type: kmsAlgorithmArb, form: s3KeyFormArb, key: objectKeyArb, body: objectBodyArb }),
  scenario: async (s, { type, form, key: objectKey, body }) => {
    // Arrange
    const bucket = await createBucket(s);
    const key = await createKey(s);
    const id = await nameKey(s, key, form);
    // Act
    const put = await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ServerSideEncryption: type, SSEKMSKeyId: id }));
    // Assert
    checkEncryption(s, put, type, key.arn);
    checkEncryption(s, await headObject(s, bucket, objectKey), type, key.arn);
    const read = await getObjectText(s, bucket, objectKey);
    s.check(read.text === body, 'Body', body, read.text);
  },
});
