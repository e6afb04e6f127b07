/**
 * Every part of a multipart upload started with SSE-C must carry the upload's customer key: an UploadPart without the
 * SSE-C headers is refused with InvalidRequest, and one with another customer key is refused too (which error is not
 * recorded, so any error the table maps will do); with the upload's key the part is taken and its answer reports
 * SSECustomerAlgorithm AES256 and the key's MD5, as CreateMultipartUpload's does. Completed (with the key, which the
 * completion needs only in some cases the clause does not try to tell apart), the object reads back with its key.
 * The bucket allows SSE-C first (new buckets block it); SSE-C over plain HTTP is judged as AWS's answers over HTTPS
 * are, as the other SSE-C clauses do.
 */
import { GetObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { ANY_ERROR, fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { objectBodyArb, objectKeyArb, twoCustomerKeysArb } from '../../../src/arbitraries/objects.js';
import { allowSseC, checkCustomerKey, completeUpload, createBucket, createUpload, customerKeyFields } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.multipart.sse-c-parts-need-the-key',
  title: "UploadPart of an SSE-C multipart upload is refused without the upload's customer key or with another",
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-23', url: PAGES.s3UploadPart, evidence: 'DOC' },
    { fact: 'S3-23', url: PAGES.s3CreateMultipartUpload, evidence: 'DOC' },
    { fact: 'S3-23', url: PAGES.awsSdkGoSseCMultipart, evidence: 'OBS' },
    { fact: 'S3-11', url: PAGES.s3SpecifyingSseC, evidence: 'DOC' },
    { fact: 'S3-14', url: PAGES.s3BlockingSseC, evidence: 'DOC' },
  ],
  features: ['s3', 'multipart', 'sse-c'],
  generates: "two customer keys (the upload's and another) × object keys and part bodies",
  arbitrary: fc.record({ keys: twoCustomerKeysArb, key: objectKeyArb, body: objectBodyArb.filter((b) => b.length > 0) }),
  scenario: async (s, { keys: [customerKey, other], key: objectKey, body }) => {
    // Arrange: an SSE-C upload in a bucket that allows SSE-C
    const bucket = await createBucket(s);
    await allowSseC(s, bucket);
    const created = await createUpload(s, bucket, objectKey, customerKeyFields(customerKey));
    checkCustomerKey(s, created, customerKey);
    const part = (fields: object) =>
      new UploadPartCommand({ Bucket: bucket, Key: objectKey, UploadId: created.UploadId, PartNumber: 1, Body: body, ...fields });
    // Act, Assert: a part without the key, and one with another key, are refused; one with the key is taken
    await s.send(part({}), { expect: fails('InvalidRequest'), independent: true });
    await s.send(part(customerKeyFields(other)), { expect: ANY_ERROR, independent: true });
    const uploaded = await s.send(part(customerKeyFields(customerKey)));
    checkCustomerKey(s, uploaded, customerKey);
    await completeUpload(s, bucket, objectKey, created.UploadId, [uploaded.ETag], customerKeyFields(customerKey));
    const read = await s.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey, ...customerKeyFields(customerKey) }));
    checkCustomerKey(s, read, customerKey);
    const text = (await read.Body?.transformToString('utf8')) ?? '';
    s.check(text === body, 'Body', body, text);
  },
});
