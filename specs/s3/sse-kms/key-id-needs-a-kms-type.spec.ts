/**
 * SSEKMSKeyId names the key of a KMS encryption type, and a write that sends it without one is refused: PutObject with
 * an SSEKMSKeyId (an existing key of the clause's own, by key ID, key ARN or alias name) and no ServerSideEncryption,
 * or ServerSideEncryption AES256, fails with InvalidArgument ("Server Side Encryption with AWS KMS managed key requires
 * HTTP header x-amz-server-side-encryption : aws:kms"), into a bucket whose default is SSE-S3. The refusal is recorded
 * for a write without ServerSideEncryption; that AES256 is refused alike is read from the error's text. Whether
 * anything was stored is not asserted; the HTTP status is not compared.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { createKey, nameKey } from '../../../src/steps.js';
import { createBucket } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-kms.key-id-needs-a-kms-type',
  title: 'PutObject with an SSEKMSKeyId but no KMS encryption type fails with InvalidArgument',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'S3-2', url: PAGES.amazonicaKmsKeyIdWithoutType, evidence: 'OBS' },
    { fact: 'S3-2', url: PAGES.s3PutObject, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-kms', 'sse-s3', 'key-identifiers'],
  generates: 'no ServerSideEncryption or AES256 × an SSEKMSKeyId naming an own key by key ID, key ARN or alias name × object keys',
  arbitrary: fc.record({ sse: fc.constantFrom('none' as const, 'AES256' as const), form: s3KeyFormArb, key: objectKeyArb }),
  examples: (['none', 'AES256'] as const).map((sse) => ({ sse, form: 'key-id' as const, key: 'a' })),
  rule: ({ sse }) => (sse === 'none' ? 'no-type' : 'sse-s3'),
  scenario: async (s, { sse, form, key: objectKey }) => {
    // Arrange: a key that exists, so that only the missing type can be refused
    const bucket = await createBucket(s);
    const id = await nameKey(s, await createKey(s), form);
    // Act, Assert
    await s.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: objectKey,
        Body: 'refused',
        SSEKMSKeyId: id,
        ...(sse === 'AES256' ? { ServerSideEncryption: 'AES256' } : {}),
      }),
      { expect: fails('InvalidArgument') },
    );
  },
});
