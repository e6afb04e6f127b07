/**
 * A bucket whose default encryption is SSE-KMS with BucketKeyEnabled true gives the SSE-KMS objects written to it
 * afterwards an S3 Bucket Key: an object written without encryption headers, or with aws:kms headers of its own (the
 * default's key, another key of the clause's own, or no key ID when the default names none, so aws/s3) but no
 * BucketKeyEnabled, is reported with
 * BucketKeyEnabled true by the PutObject answer and by HeadObject, beside its type and key; and GetBucketEncryption
 * reads the setting back. An object without a bucket key may be answered with BucketKeyEnabled false or without it:
 * only true is asserted here.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { objectBodyArb, objectKeyArb, s3KeyFormArb, type Encryption } from '../../../src/arbitraries/objects.js';
import type { Key } from '../../../src/steps.js';
import {
  bucketDefault,
  checkBucketKey,
  checkEncryption,
  createBucket,
  encryptionFields,
  expectedKeyArn,
  headObject,
  keyFor,
  setBucketDefault,
} from '../../../src/steps/s3.js';

const kmsKeyArb = fc.constantFrom('aws-managed' as const, 'own' as const);
const own = { type: 'aws:kms', key: 'own' } as const;
const managed = { type: 'aws:kms', key: 'aws-managed' } as const;

export const clause = defineClause({
  id: 's3.bucket-keys.default-applies-to-new-objects',
  title: 'An SSE-KMS object written to a bucket whose default enables a bucket key is reported with BucketKeyEnabled',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-17', url: PAGES.s3BucketKey, evidence: 'DOC' },
    { fact: 'S3-17', url: PAGES.s3BucketKeyObject, evidence: 'DOC' },
    { fact: 'S3-17', url: PAGES.s3SseRule, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-keys', 'bucket-encryption', 'sse-kms', 'key-identifiers'],
  shares: ['aws-managed-keys'],
  generates:
    "an SSE-KMS default with a bucket key (aws/s3 or an own key by key ID, key ARN or alias name) × a write without headers, or with aws:kms and the default's key, another own key or aws/s3 × object keys and bodies",
  arbitrary: fc
    .record({
      byDefault: kmsKeyArb,
      form: s3KeyFormArb,
      // What the write names: nothing (the default), or aws:kms with the default's key, another key or aws/s3
      write: fc.constantFrom('default' as const, 'same-key' as const, 'other-key' as const, 'aws-managed' as const),
      key: objectKeyArb,
      body: objectBodyArb,
    })
    // aws:kms without a key ID into a bucket whose default names a key of its own: which key S3 uses is open (S3-3)
    .filter(({ byDefault, write }) => !(write === 'aws-managed' && byDefault === 'own')),
  scenario: async (s, { byDefault, form, write, key: objectKey, body }) => {
    // Arrange: an SSE-KMS default with a bucket key
    const bucket = await createBucket(s);
    const encryption = { type: 'aws:kms' as const, key: byDefault };
    const defaultKey = await keyFor(s, encryption, form);
    await setBucketDefault(s, bucket, encryption, defaultKey.id, true);
    // What the write names (nothing, or aws:kms with a key), and the key's ARN the object should report, looked up
    // before the write so that the checks judge its answer
    const mine: { e: Encryption; key?: Key; id?: string } =
      write === 'other-key' ? { e: own, ...(await keyFor(s, own)) } : write === 'aws-managed' ? { e: managed } : { e: encryption, ...defaultKey };
    const arn = await expectedKeyArn(s, mine.e, mine.key, bucket);
    // Act
    const headers = write === 'default' ? {} : encryptionFields(mine.e, mine.id);
    const put = await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ...headers }));
    // Assert: the write, the object, and the bucket's default all say bucket key
    checkEncryption(s, put, 'aws:kms', arn);
    checkBucketKey(s, put, true);
    const head = await headObject(s, bucket, objectKey);
    checkEncryption(s, head, 'aws:kms', arn);
    checkBucketKey(s, head, true);
    const rule = await bucketDefault(s, bucket);
    s.check(rule?.BucketKeyEnabled === true, 'BucketKeyEnabled', true, rule?.BucketKeyEnabled ?? 'none');
  },
});
