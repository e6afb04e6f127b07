/**
 * DSSE-KMS is a type of its own, and every answer about a DSSE-KMS object says so: an object written with
 * aws:kms:dsse, by its own headers or by a DSSE-KMS bucket default, under a key of the clause's own (named by key ID,
 * key ARN or alias name) or, naming none, under aws/s3, is reported by the PutObject answer, HeadObject and GetObject
 * alike with ServerSideEncryption aws:kms:dsse (never aws:kms) and the key's ARN, and GetObject returns the body as
 * written. (The write's answer and HeadObject are asserted for the KMS types in general by other clauses; GetObject's
 * own report, for DSSE-KMS written either way, is what this clause adds.)
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { objectBodyArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { checkEncryption, createBucket, encryptionFields, expectedKeyArn, headObject, keyFor, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.dsse-kms.every-answer-reports-dual-layer',
  title: 'PutObject, HeadObject and GetObject of a DSSE-KMS object all report aws:kms:dsse and the ARN of its key',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-21', url: PAGES.s3Dsse, evidence: 'DOC' },
    { fact: 'S3-21', url: PAGES.s3SpecifyingDsse, evidence: 'DOC' },
    { fact: 'S3-3', url: PAGES.s3PutObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
  ],
  features: ['s3', 'sse-kms', 'bucket-encryption', 'key-identifiers', 'transparency'],
  shares: ['aws-managed-keys'],
  generates: "aws:kms:dsse by the write's headers or the bucket default × aws/s3 or an own key by key ID, key ARN or alias name × object keys and bodies",
  arbitrary: fc.record({
    via: fc.constantFrom('headers' as const, 'default' as const),
    kmsKey: fc.constantFrom('aws-managed' as const, 'own' as const),
    form: s3KeyFormArb,
    key: objectKeyArb,
    body: objectBodyArb,
  }),
  // Each way of asking, with each kind of key, on every seed
  examples: (['headers', 'default'] as const).flatMap((via) =>
    (['aws-managed', 'own'] as const).map((kmsKey) => ({ via, kmsKey, form: 'key-arn' as const, key: 'a', body: 'body' })),
  ),
  scenario: async (s, { via, kmsKey, form, key: objectKey, body }) => {
    // Arrange
    const bucket = await createBucket(s);
    const encryption = { type: 'aws:kms:dsse' as const, key: kmsKey };
    const { key, id } = await keyFor(s, encryption, form);
    if (via === 'default') await setBucketDefault(s, bucket, encryption, id);
    // The ARN every answer should report, looked up first so that each check judges its own call
    const arn = await expectedKeyArn(s, encryption, key, bucket);
    // Act
    const put = await s.send(
      new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ...(via === 'headers' ? encryptionFields(encryption, id) : {}) }),
    );
    // Assert
    checkEncryption(s, put, 'aws:kms:dsse', arn);
    checkEncryption(s, await headObject(s, bucket, objectKey), 'aws:kms:dsse', arn);
    const read = await s.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    checkEncryption(s, read, 'aws:kms:dsse', arn);
    const text = (await read.Body?.transformToString('utf8')) ?? '';
    s.check(text === body, 'Body', body, text);
  },
});
