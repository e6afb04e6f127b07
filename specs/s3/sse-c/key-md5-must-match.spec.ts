/**
 * A write whose SSECustomerKeyMD5 is not the MD5 of its SSECustomerKey is refused with InvalidArgument: the MD5 is
 * there to catch a key damaged in transit. The SDK computes the MD5 itself, so the clause puts the MD5 of another key
 * back after the SDK's SSE-C middleware (src/steps/s3.ts `withKeyMd5`); a script emitted by `replay --emit` cannot do
 * that, and sends the right MD5.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { objectKeyArb, twoCustomerKeysArb } from '../../../src/arbitraries/objects.js';
import { allowSseC, createBucket, customerKeyFields, customerKeyMd5, withKeyMd5 } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-c.key-md5-must-match',
  title: 'PutObject whose SSE-C key MD5 is not the MD5 of its key fails with InvalidArgument',
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-11', url: PAGES.s3SpecifyingSseC, evidence: 'DOC' },
    { fact: 'S3-11', url: PAGES.examProSseCKeyMd5, evidence: 'OBS' },
  ],
  features: ['s3', 'sse-c'],
  generates: 'a customer key and the MD5 of another × object keys',
  arbitrary: fc.record({ keys: twoCustomerKeysArb, key: objectKeyArb }),
  scenario: async (s, { keys: [key, other], key: objectKey }) => {
    // Arrange
    const bucket = await createBucket(s);
    await allowSseC(s, bucket);
    // Act, Assert
    const put = new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: 'sealed', ...customerKeyFields(key) });
    await s.send(withKeyMd5(put, customerKeyMd5(other)), { expect: fails('InvalidArgument') });
  },
});
