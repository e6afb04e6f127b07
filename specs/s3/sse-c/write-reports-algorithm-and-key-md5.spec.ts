/**
 * An object written with SSE-C (a customer key, algorithm AES256) is reported as such: the PutObject answer, and
 * HeadObject and GetObject given the same key, carry SSECustomerAlgorithm AES256 and SSECustomerKeyMD5, the base64
 * MD5 of the key; GetObject returns the body unchanged. Whether they also carry ServerSideEncryption is not asserted
 * (AWS does not say). The SDK computes the key's MD5 itself, so the request's MD5 always matches.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { customerKeyArb, objectBodyArb, objectKeyArb } from '../../../src/arbitraries/objects.js';
import { allowSseC, checkCustomerKey, createBucket, customerKeyFields } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-c.write-reports-algorithm-and-key-md5',
  title: 'An SSE-C object is reported with SSECustomerAlgorithm AES256 and the MD5 of its key, and reads back unchanged',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-11', url: PAGES.s3SpecifyingSseC, evidence: 'DOC' },
    { fact: 'S3-11', url: PAGES.s3HeadObject, evidence: 'DOC' },
    { fact: 'S3-14', url: PAGES.s3BlockingSseC, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-c', 'transparency'],
  generates: 'customer keys × object keys and bodies',
  arbitrary: fc.record({ customerKey: customerKeyArb, key: objectKeyArb, body: objectBodyArb }),
  scenario: async (s, { customerKey, key: objectKey, body }) => {
    // Arrange
    const bucket = await createBucket(s);
    await allowSseC(s, bucket);
    const withKey = { Bucket: bucket, Key: objectKey, ...customerKeyFields(customerKey) };
    // Act
    const put = await s.send(new PutObjectCommand({ ...withKey, Body: body }));
    // Assert
    checkCustomerKey(s, put, customerKey);
    checkCustomerKey(s, await s.send(new HeadObjectCommand(withKey)), customerKey);
    const read = await s.send(new GetObjectCommand(withKey));
    checkCustomerKey(s, read, customerKey);
    const text = (await read.Body?.transformToString('utf8')) ?? '';
    s.check(text === body, 'Body', body, text);
  },
});
