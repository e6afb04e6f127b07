/**
 * An object stored with SSE-C cannot be read with another key: GetObject fails with AccessDenied, and HeadObject with
 * 403 Forbidden (told by its status: the SDK names HeadObject's bodiless errors `Unknown`, S3-13).
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { objectKeyArb, twoCustomerKeysArb } from '../../../src/arbitraries/objects.js';
import { allowSseC, createBucket, customerKeyFields, getObjectRefused, putObject } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-c.read-with-another-key-is-refused',
  title: 'GetObject of an SSE-C object with another key fails with AccessDenied, and HeadObject with 403',
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-13', url: PAGES.s3SpecifyingSseC, evidence: 'DOC' },
    { fact: 'S3-13', url: PAGES.minioSseCHeadWrongKey, evidence: 'OBS' },
  ],
  features: ['s3', 'sse-c'],
  generates: 'two different customer keys × object keys',
  arbitrary: fc.record({ keys: twoCustomerKeysArb, key: objectKeyArb }),
  scenario: async (s, { keys: [written, other], key: objectKey }) => {
    // Arrange
    const bucket = await createBucket(s);
    await allowSseC(s, bucket);
    await putObject(s, bucket, objectKey, 'sealed', customerKeyFields(written));
    const withOther = { Bucket: bucket, Key: objectKey, ...customerKeyFields(other) };
    // Act, Assert
    await getObjectRefused(s, withOther, 'AccessDenied', { independent: true });
    const head = await s.attempt(new HeadObjectCommand(withOther));
    if (s.expectLast(head, [fails('Unknown')], { independent: true }) && !head.ok)
      s.check(head.httpStatus === 403, 'HeadObject HTTP status', 403, head.httpStatus);
  },
});
