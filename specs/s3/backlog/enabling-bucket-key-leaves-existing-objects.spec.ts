/**
 * Turning on a bucket key in a bucket's default encryption applies to objects written afterwards, not to the objects
 * already there: an SSE-KMS object written without a bucket key (by its own aws:kms headers or by an SSE-KMS default
 * without one) is still reported by HeadObject without BucketKeyEnabled true after the default gains
 * BucketKeyEnabled true, while an SSE-KMS object written after it is reported with it (so a target that reports no
 * bucket key at all is not taken for one that leaves the old object alone).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { checkBucketKey, createBucket, encryptionFields, headObject, keyFor, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.backlog.enabling-bucket-key-leaves-existing-objects',
  title: "Turning on a bucket key in a bucket's default leaves its existing objects without one; new objects get it",
  level: 'MUST',
  theme: 'backlog',
  sources: [
    { fact: 'S3-20', url: PAGES.s3BucketKey, evidence: 'DOC' },
    { fact: 'S3-20', url: PAGES.s3SseRule, evidence: 'DOC' },
    { fact: 'S3-17', url: PAGES.s3BucketKey, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-keys', 'backlog', 'bucket-encryption', 'sse-kms'],
  shares: ['aws-managed-keys'],
  generates:
    'an SSE-KMS object (aws/s3 or an own key by key ID, key ARN or alias name) written by its headers or by the default, then the default with a bucket key turned on × object keys',
  arbitrary: fc.record({
    via: fc.constantFrom('headers' as const, 'default' as const),
    kmsKey: fc.constantFrom('aws-managed' as const, 'own' as const),
    form: s3KeyFormArb,
    key: objectKeyArb,
  }),
  scenario: async (s, { via, kmsKey, form, key: objectKey }) => {
    // Arrange: an SSE-KMS object without a bucket key
    const bucket = await createBucket(s);
    const encryption = { type: 'aws:kms' as const, key: kmsKey };
    const { id } = await keyFor(s, encryption, form);
    if (via === 'default') await setBucketDefault(s, bucket, encryption, id);
    await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: 'before', ...(via === 'headers' ? encryptionFields(encryption, id) : {}) }));
    // Act: the default, SSE-KMS under the same key, now with a bucket key
    await setBucketDefault(s, bucket, encryption, id, true);
    // Assert: the old object as it was; a new one with the bucket key
    checkBucketKey(s, await headObject(s, bucket, objectKey), false);
    const later = await s.send(new PutObjectCommand({ Bucket: bucket, Key: `${objectKey}-after`, Body: 'after' }));
    checkBucketKey(s, later, true);
  },
});
