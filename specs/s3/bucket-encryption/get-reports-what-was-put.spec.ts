/**
 * GetBucketEncryption reads back the default PutBucketEncryption set: the rule's SSEAlgorithm is the one put; its
 * KMSMasterKeyID names the key put (in the form given, key ID, key ARN or alias name, or as the key's ARN: AWS does not
 * say which, S3-5), and is absent when the rule named none (SSE-S3, or a KMS type that uses aws/s3); and its
 * BucketKeyEnabled is true when the rule said true, and false or absent otherwise. The bucket may have had another
 * default before, with another key or its bucket key on: the new rule replaces it, so nothing of the old one shows.
 * BucketKeyEnabled is only put beside aws:kms (what it means beside SSE-S3 or DSSE-KMS is not said, S3-17).
 */
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { type Encryption, encryptionArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { bucketDefault, checkBucketKey, createBucket, keyFor, setBucketDefault } from '../../../src/steps/s3.js';

/** A default to put: an encryption, and BucketKeyEnabled beside aws:kms only (true, false, or not sent). */
const defaultArb = fc
  .record({ encryption: encryptionArb, bucketKey: fc.option(fc.boolean(), { nil: undefined }) })
  .map(({ encryption, bucketKey }) => ({ encryption, bucketKey: encryption.type === 'aws:kms' ? bucketKey : undefined }));

const ownKms = { type: 'aws:kms', key: 'own' } as const satisfies Encryption;

export const clause = defineClause({
  id: 's3.bucket-encryption.get-reports-what-was-put',
  title: 'GetBucketEncryption reads back the algorithm, KMS key and BucketKeyEnabled the last PutBucketEncryption set',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-5', url: PAGES.s3PutBucketEncryption, evidence: 'DOC' },
    { fact: 'S3-5', url: PAGES.s3SseByDefault, evidence: 'DOC' },
    { fact: 'S3-17', url: PAGES.s3SseRule, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-encryption', 'bucket-keys', 'sse-kms', 'sse-s3', 'key-identifiers'],
  shares: ['aws-managed-keys'],
  generates:
    'a default of SSE-S3, or aws:kms or aws:kms:dsse with aws/s3 or an own key by key ID, key ARN or alias name (aws:kms with BucketKeyEnabled true, false or unsent) × another default put before it, or none',
  arbitrary: fc.record({ before: fc.option(defaultArb, { nil: undefined }), put: defaultArb, form: s3KeyFormArb }),
  // A new rule that must drop what the old one had: its key, its bucket key, its type
  examples: [
    { before: { encryption: ownKms, bucketKey: true }, put: { encryption: { type: 'AES256' }, bucketKey: undefined }, form: 'key-id' },
    { before: { encryption: ownKms, bucketKey: true }, put: { encryption: { type: 'aws:kms', key: 'aws-managed' }, bucketKey: undefined }, form: 'key-arn' },
    { before: { encryption: { type: 'AES256' }, bucketKey: undefined }, put: { encryption: ownKms, bucketKey: true }, form: 'alias-name' },
    { before: undefined, put: { encryption: { type: 'aws:kms:dsse', key: 'own' }, bucketKey: undefined }, form: 'key-id' },
  ],
  scenario: async (s, { before, put, form }) => {
    // Arrange: the bucket, and the default it had before (its own key, when it names one)
    const bucket = await createBucket(s);
    if (before) await setBucketDefault(s, bucket, before.encryption, (await keyFor(s, before.encryption, form)).id, before.bucketKey);
    // Act
    const { key, id } = await keyFor(s, put.encryption, form);
    await setBucketDefault(s, bucket, put.encryption, id, put.bucketKey);
    // Assert
    const rule = await bucketDefault(s, bucket);
    const byDefault = rule?.ApplyServerSideEncryptionByDefault;
    s.check(byDefault?.SSEAlgorithm === put.encryption.type, 'SSEAlgorithm', put.encryption.type, byDefault?.SSEAlgorithm ?? 'none');
    const got = byDefault?.KMSMasterKeyID;
    if (key && id) s.check(got === id || got === key.arn, 'KMSMasterKeyID', `${id} or ${key.arn}`, got ?? 'none');
    else s.check(got === undefined, 'KMSMasterKeyID', 'none', got);
    checkBucketKey(s, rule ?? {}, put.bucketKey === true);
  },
});
