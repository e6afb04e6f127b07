/**
 * GetObject reports the encryption of an SSE-KMS object, as HeadObject does: an object written with aws:kms, by its
 * own headers or by an SSE-KMS bucket default, under a key of the clause's own (named by key ID, key ARN or alias
 * name) or, naming none, under aws/s3, with or without a bucket key, is answered by GetObject with
 * ServerSideEncryption aws:kms, the key's ARN as SSEKMSKeyId, BucketKeyEnabled true when it uses a bucket key (false or
 * absent otherwise), and the body as written. (DSSE-KMS objects are s3.dsse-kms.every-answer-reports-dual-layer's.)
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { objectBodyArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { checkBucketKey, checkEncryption, createBucket, encryptionFields, expectedKeyArn, keyFor, putObject, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.sse-kms.get-object-reports-the-key',
  title: 'GetObject of an SSE-KMS object reports aws:kms, the key ARN and whether it uses a bucket key',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
    { fact: 'S3-17', url: PAGES.s3BucketKey, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-kms', 'bucket-keys', 'key-identifiers'],
  shares: ['aws-managed-keys'],
  generates:
    'aws:kms via headers or the bucket default × aws/s3 or an own key by key ID, key ARN or alias name × with a bucket key or without × object keys and bodies',
  arbitrary: fc.record({
    via: fc.constantFrom('headers' as const, 'default' as const),
    kmsKey: fc.constantFrom('aws-managed' as const, 'own' as const),
    form: s3KeyFormArb,
    bucketKey: fc.boolean(),
    key: objectKeyArb,
    body: objectBodyArb,
  }),
  // Each way the key and the bucket key reach the object, and aws/s3 by either way, so that a GetObject that omits or
  // misreports any of them shows on every seed
  examples: (['headers', 'default'] as const).flatMap((via) => [
    ...[true, false].map((bucketKey) => ({ via, kmsKey: 'own' as const, form: 'key-id' as const, bucketKey, key: 'a', body: 'body' })),
    { via, kmsKey: 'aws-managed' as const, form: 'key-id' as const, bucketKey: false, key: 'a', body: 'body' },
  ]),
  scenario: async (s, { via, kmsKey, form, bucketKey, key: objectKey, body }) => {
    // Arrange: the object, sealed by its headers (with BucketKeyEnabled) or by the default (with its bucket key)
    const bucket = await createBucket(s);
    const encryption = { type: 'aws:kms' as const, key: kmsKey };
    const { key, id } = await keyFor(s, encryption, form);
    if (via === 'default') await setBucketDefault(s, bucket, encryption, id, bucketKey);
    await putObject(s, bucket, objectKey, body, via === 'headers' ? { ...encryptionFields(encryption, id), BucketKeyEnabled: bucketKey } : {});
    const arn = await expectedKeyArn(s, encryption, key, bucket);
    // Act
    const read = await s.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    const text = (await read.Body?.transformToString('utf8')) ?? '';
    // Assert
    checkEncryption(s, read, 'aws:kms', arn);
    checkBucketKey(s, read, bucketKey);
    s.check(text === body, 'Body', body, text);
  },
});
