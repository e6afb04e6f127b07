/**
 * An object written to a new bucket without any encryption header is encrypted all the same, with SSE-S3: the
 * PutObject answer, HeadObject and GetObject all report ServerSideEncryption AES256 and no KMS key, and GetObject
 * returns the body as it was written.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { objectBodyArb, objectKeyArb } from '../../../src/arbitraries/objects.js';
import { checkEncryption, createBucket, getObjectText, headObject } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-s3.objects-encrypted-by-default',
  title: 'An object written without encryption headers is stored with SSE-S3 and reported as AES256',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'S3-1', url: PAGES.s3SseS3, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-s3'],
  generates: 'object keys of 1 to 5 segments and bodies (empty, Unicode text, up to 2 KiB) written to a new bucket',
  arbitrary: fc.record({ key: objectKeyArb, body: objectBodyArb }),
  scenario: async (s, { key, body }) => {
    // Arrange
    const bucket = await createBucket(s);
    // Act
    const put = await s.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    // Assert: the write, the metadata and the read all say SSE-S3, and the body comes back unchanged
    checkEncryption(s, put, 'AES256', undefined);
    checkEncryption(s, await headObject(s, bucket, key), 'AES256', undefined);
    const read = await getObjectText(s, bucket, key);
    s.check(read.sse === 'AES256', 'ServerSideEncryption', 'AES256', read.sse);
    s.check(read.text === body, 'Body', body, read.text);
  },
});
