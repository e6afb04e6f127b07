/**
 * An object stored with SSE-C cannot be read without its key: GetObject fails with InvalidRequest, and HeadObject
 * with 400 Bad Request. HeadObject's errors have no body, so the SDK names every one but 404 `Unknown`, and the
 * clause tells this one by its status, 400 (a wrong key would be 403, S3-13).
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { customerKeyArb, objectKeyArb } from '../../../src/arbitraries/objects.js';
import { allowSseC, createBucket, customerKeyFields, getObjectRefused, putObject } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-c.read-without-key-is-refused',
  title: 'GetObject of an SSE-C object without its key fails with InvalidRequest, and HeadObject with 400',
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-13', url: PAGES.s3HeadObject, evidence: 'DOC' },
    { fact: 'S3-13', url: PAGES.boto3SseCGetWithoutKey, evidence: 'OBS' },
    { fact: 'S3-13', url: PAGES.djangoStoragesSseCHead, evidence: 'OBS' },
  ],
  features: ['s3', 'sse-c'],
  generates: 'customer keys × object keys',
  arbitrary: fc.record({ customerKey: customerKeyArb, key: objectKeyArb }),
  scenario: async (s, { customerKey, key: objectKey }) => {
    // Arrange
    const bucket = await createBucket(s);
    await allowSseC(s, bucket);
    await putObject(s, bucket, objectKey, 'sealed', customerKeyFields(customerKey));
    // Act, Assert
    await getObjectRefused(s, { Bucket: bucket, Key: objectKey }, 'InvalidRequest', { independent: true });
    const head = await s.attempt(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
    if (s.expectLast(head, [fails('Unknown')], { independent: true }) && !head.ok)
      s.check(head.httpStatus === 400, 'HeadObject HTTP status', 400, head.httpStatus);
  },
});
