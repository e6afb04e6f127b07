/**
 * S3 Bucket Keys are not supported with DSSE-KMS, so an object written with aws:kms:dsse never uses one: asked for a
 * bucket key by the write's BucketKeyEnabled header or by a DSSE-KMS bucket default with BucketKeyEnabled true, S3
 * either refuses (any error the table maps), or stores the object as DSSE-KMS without a bucket key, and then neither
 * the PutObject answer nor HeadObject reports BucketKeyEnabled true, and both report aws:kms:dsse. The pages do not
 * say which of the two AWS does (one public report saw the write accepted and the bucket key ignored), so both are
 * allowed, at PutBucketEncryption and at PutObject.
 */
import { PutBucketEncryptionCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { ANY_ERROR, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { objectBodyArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { bucketDefaultRule, checkBucketKey, createBucket, encryptionFields, headObject, keyFor } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.bucket-keys.not-used-with-dsse-kms',
  title: 'A DSSE-KMS object asked to use a bucket key, by its header or the bucket default, is never reported with one',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-19', url: PAGES.s3BucketKey, evidence: 'DOC' },
    { fact: 'S3-19', url: PAGES.s3Dsse, evidence: 'DOC' },
    { fact: 'S3-19', url: PAGES.nextcloudDsseBucketKey, evidence: 'OBS' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-keys', 'bucket-encryption', 'sse-kms'],
  shares: ['aws-managed-keys'],
  generates:
    "aws:kms:dsse with a bucket key asked by PutObject's header or by the bucket default × aws/s3 or an own key by key ID, key ARN or alias name × object keys and bodies",
  arbitrary: fc.record({
    via: fc.constantFrom('headers' as const, 'default' as const),
    kmsKey: fc.constantFrom('aws-managed' as const, 'own' as const),
    form: s3KeyFormArb,
    key: objectKeyArb,
    body: objectBodyArb,
  }),
  // Both ways of asking, on every seed
  examples: (['headers', 'default'] as const).map((via) => ({ via, kmsKey: 'aws-managed' as const, form: 'key-id' as const, key: 'a', body: 'body' })),
  scenario: async (s, { via, kmsKey, form, key: objectKey, body }) => {
    // Arrange: DSSE-KMS, and a bucket key asked for by the bucket's default (refused there: nothing more to see)
    const bucket = await createBucket(s);
    const encryption = { type: 'aws:kms:dsse' as const, key: kmsKey };
    const { id } = await keyFor(s, encryption, form);
    if (via === 'default') {
      const rule = bucketDefaultRule(encryption, id, true);
      const set = await s.attempt(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [rule] } }));
      if (!s.expectLast(set, [OK, ANY_ERROR]) || !set.ok) return;
    }
    // Act: the write, asking for the bucket key itself when the default does not
    const headers = via === 'headers' ? { ...encryptionFields(encryption, id), BucketKeyEnabled: true } : {};
    const put = await s.attempt(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ...headers }));
    if (!s.expectLast(put, [OK, ANY_ERROR]) || !put.ok) return;
    // Assert: stored as DSSE-KMS, without a bucket key
    s.check(put.value.ServerSideEncryption === 'aws:kms:dsse', 'ServerSideEncryption', 'aws:kms:dsse', put.value.ServerSideEncryption);
    checkBucketKey(s, put.value, false);
    const head = await headObject(s, bucket, objectKey);
    s.check(head.ServerSideEncryption === 'aws:kms:dsse', 'ServerSideEncryption', 'aws:kms:dsse', head.ServerSideEncryption);
    checkBucketKey(s, head, false);
  },
});
