/**
 * ServerSideEncryption takes only AES256, aws:kms and aws:kms:dsse: PutObject, or CopyObject of an existing object to
 * another key, with any other value (a misspelling in case or form, such as aes256, AES-256, AES128 or aws:KMS, or
 * another word) fails with InvalidArgument, and writes nothing: HeadObject of the key the write named answers 404 (the
 * SDK names it NotFound). The code and text are recorded for PutObject; the 400 and the write that does not happen
 * are documented for CopyObject, and held of PutObject alike. The HTTP status of the refusal is not compared.
 */
import { CopyObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { objectKeyArb } from '../../../src/arbitraries/objects.js';
import { copySourceOf, createBucket, putObject } from '../../../src/steps/s3.js';

const SUPPORTED = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Values S3 does not take: the supported ones misspelt, and other words (safe header characters only). */
const unsupportedArb = fc
  .oneof(
    fc.constantFrom('aes256', 'AES-256', 'AES128', 'AES', 'aws:KMS', 'kms', 'aws:kms:DSSE', 'aws:dsse', 'SSE-S3', 'true'),
    fc.stringMatching(/^[A-Za-z0-9:_-]{1,20}$/),
  )
  .filter((v) => !SUPPORTED.includes(v));

export const clause = defineClause({
  id: 's3.requests.unsupported-encryption-is-refused',
  title: 'PutObject or CopyObject with an unsupported ServerSideEncryption value fails with InvalidArgument and writes nothing',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'S3-26', url: PAGES.s3CopyObject, evidence: 'DOC' },
    { fact: 'S3-26', url: PAGES.paperclipUnsupportedSse, evidence: 'OBS' },
    { fact: 'S3-2', url: PAGES.s3PutObject, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-s3', 'sse-kms'],
  generates: 'PutObject or CopyObject × ServerSideEncryption values that are not AES256, aws:kms or aws:kms:dsse × object keys',
  arbitrary: fc.record({ write: fc.constantFrom('put' as const, 'copy' as const), value: unsupportedArb, key: objectKeyArb }),
  examples: (['put', 'copy'] as const).flatMap((write) => ['aes256', 'AES128', 'aws:KMS'].map((value) => ({ write, value, key: 'a' }))),
  rule: ({ write }) => write,
  scenario: async (s, { write, value, key: objectKey }) => {
    // Arrange: the bucket, and for a copy its source
    const bucket = await createBucket(s);
    const target = write === 'copy' ? `${objectKey}.copy` : objectKey;
    if (write === 'copy') await putObject(s, bucket, objectKey, 'source');
    // Act, Assert: refused (the check of what was written goes on either way)
    const sse = { ServerSideEncryption: value as 'AES256' };
    const request =
      write === 'put'
        ? new PutObjectCommand({ Bucket: bucket, Key: target, Body: 'refused', ...sse })
        : new CopyObjectCommand({ Bucket: bucket, Key: target, CopySource: copySourceOf(bucket, objectKey), ...sse });
    await s.send(request as PutObjectCommand, { expect: fails('InvalidArgument'), independent: true });
    await s.send(new HeadObjectCommand({ Bucket: bucket, Key: target }), { expect: fails('NotFound') });
  },
});
