/**
 * A copy onto itself is how an existing object gets the bucket key its bucket turned on after it was written: an
 * SSE-KMS object written without a bucket key, copied onto itself once the bucket's SSE-KMS default has
 * BucketKeyEnabled true, is a new write that names no bucket key of its own, and takes the bucket's: the CopyObject
 * answer and HeadObject report BucketKeyEnabled true, and the body reads back unchanged. The copy asks for SSE-KMS with
 * the same key by its headers, or only replaces the metadata (so that the default applies); a copy that names
 * BucketKeyEnabled itself is another clause's (the header decides, S3-18).
 */
import { CopyObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { objectBodyArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { checkBucketKey, copySourceOf, createBucket, encryptionFields, getObjectText, headObject, keyFor, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.bucket-keys.copy-onto-itself-adopts-bucket-key',
  title: 'An SSE-KMS object copied onto itself after its bucket turned on a bucket key is reported with BucketKeyEnabled',
  level: 'MUST',
  theme: 'backlog',
  sources: [
    { fact: 'S3-20', url: PAGES.s3BucketKey, evidence: 'DOC' },
    { fact: 'S3-18', url: PAGES.s3BucketKeyObject, evidence: 'DOC' },
    { fact: 'S3-16', url: PAGES.s3CopyObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-keys', 'backlog', 'copy', 'bucket-encryption', 'sse-kms'],
  shares: ['aws-managed-keys'],
  generates:
    'an SSE-KMS object (aws/s3 or an own key by key ID, key ARN or alias name) written without a bucket key, the default turning one on, and a copy onto itself by aws:kms headers or REPLACE metadata × object keys and bodies',
  arbitrary: fc.record({
    copy: fc.constantFrom('replace-metadata' as const, 'kms-headers' as const),
    kmsKey: fc.constantFrom('aws-managed' as const, 'own' as const),
    form: s3KeyFormArb,
    key: objectKeyArb,
    body: objectBodyArb,
  }),
  // Both kinds of copy, on every seed
  examples: (['replace-metadata', 'kms-headers'] as const).map((copy) => ({
    copy,
    kmsKey: 'aws-managed' as const,
    form: 'key-id' as const,
    key: 'a',
    body: 'body',
  })),
  scenario: async (s, { copy, kmsKey, form, key: objectKey, body }) => {
    // Arrange: an SSE-KMS object without a bucket key, then the default, SSE-KMS under the same key with a bucket key
    const bucket = await createBucket(s);
    const encryption = { type: 'aws:kms' as const, key: kmsKey };
    const { id } = await keyFor(s, encryption, form);
    await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ...encryptionFields(encryption, id) }));
    await setBucketDefault(s, bucket, encryption, id, true);
    // Act: the copy onto itself, which must change something: its encryption, or its metadata
    const changes = copy === 'kms-headers' ? encryptionFields(encryption, id) : { MetadataDirective: 'REPLACE' as const, Metadata: { copied: 'yes' } };
    const copied = await s.send(new CopyObjectCommand({ Bucket: bucket, Key: objectKey, CopySource: copySourceOf(bucket, objectKey), ...changes }));
    // Assert
    checkBucketKey(s, copied, true);
    checkBucketKey(s, await headObject(s, bucket, objectKey), true);
    const read = await getObjectText(s, bucket, objectKey);
    s.check(read.text === body, 'Body', body, read.text);
  },
});
