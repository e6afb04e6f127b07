/**
 * An object uploaded in parts is encrypted as its CreateMultipartUpload asked, whatever the bucket's default: with
 * SSE-S3, SSE-KMS or DSSE-KMS under a key of the clause's own (by key ID, key ARN or alias name) or aws/s3, in a
 * bucket whose default is SSE-S3 or another encryption. The answers of CreateMultipartUpload, of every UploadPart and
 * of CompleteMultipartUpload report that type and key ARN, HeadObject of the completed object reports them, and
 * GetObject returns the parts' bodies joined in order. Uploads of one part, or of two (the first of exactly 5 MiB, the
 * least a part before the last may be), are generated. A KMS type without a key ID in a bucket whose default names a
 * key of its own is not: whether S3 then uses aws/s3 or the default's key is open (S3-3).
 */
import { GetObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { encryptionArb, objectBodyArb, objectKeyArb, s3KeyFormArb, type Encryption } from '../../../src/arbitraries/objects.js';
import {
  checkEncryption,
  completeUpload,
  createBucket,
  createUpload,
  encryptionFields,
  expectedKeyArn,
  headObject,
  keyFor,
  partBodies,
  setBucketDefault,
} from '../../../src/steps/s3.js';

/** Two encryptions an object would report differently: the type, or the key (own keys are always distinct). */
const differ = (a: Encryption, b: Encryption) => a.type !== b.type || (a.type !== 'AES256' && b.type !== 'AES256' && (a.key === 'own' || b.key === 'own'));

export const clause = defineClause({
  id: 's3.multipart.create-encryption-applies-to-the-object',
  title: 'A multipart upload is encrypted as CreateMultipartUpload asked, reported by every step and by HeadObject',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-22', url: PAGES.s3CreateMultipartUpload, evidence: 'DOC' },
    { fact: 'S3-22', url: PAGES.s3UploadPart, evidence: 'DOC' },
    { fact: 'S3-22', url: PAGES.s3CompleteMultipartUpload, evidence: 'DOC' },
    { fact: 'S3-3', url: PAGES.s3PutObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'multipart', 'sse-kms', 'sse-s3', 'key-identifiers', 'transparency'],
  shares: ['aws-managed-keys'],
  generates:
    'SSE-S3, SSE-KMS or DSSE-KMS (aws/s3 or an own key by key ID, key ARN or alias name) asked by CreateMultipartUpload × a bucket default of SSE-S3 or another encryption × one or two parts × object keys and bodies',
  arbitrary: fc
    .record({
      requested: encryptionArb,
      form: s3KeyFormArb,
      byDefault: fc.option(encryptionArb, { nil: undefined }),
      parts: fc.constantFrom<1 | 2>(1, 2),
      key: objectKeyArb,
      body: objectBodyArb.filter((b) => b.length > 0),
    })
    .filter(({ requested, byDefault }) => !byDefault || differ(requested, byDefault))
    // A KMS type without a key ID in a bucket whose default names a key of its own: which key S3 uses is left open
    .filter(
      ({ requested, byDefault }) =>
        !(requested.type !== 'AES256' && requested.key === 'aws-managed' && byDefault?.type !== 'AES256' && byDefault?.key === 'own'),
    ),
  // Each KMS type with each kind of key, in one part (aws/s3) and in two (an own key), and SSE-S3 in a bucket whose
  // default is DSSE-KMS under a key of its own (LocalStack refuses that default), on every seed
  examples: [
    ...(['aws:kms', 'aws:kms:dsse'] as const).flatMap((type) =>
      (['aws-managed', 'own'] as const).map((key) => ({
        requested: { type, key } as Encryption,
        form: 'alias-name' as const,
        byDefault: undefined as Encryption | undefined,
        parts: key === 'own' ? (2 as const) : (1 as const),
        key: 'a',
        body: 'body',
      })),
    ),
    { requested: { type: 'AES256' }, form: 'key-id', byDefault: { type: 'aws:kms:dsse', key: 'own' }, parts: 1, key: 'a', body: 'body' },
  ],
  scenario: async (s, { requested, form, byDefault, parts, key: objectKey, body }) => {
    // Arrange: the bucket's default, if any (under a key of its own), and the upload's key
    const bucket = await createBucket(s);
    if (byDefault) await setBucketDefault(s, bucket, byDefault, (await keyFor(s, byDefault)).id);
    const { key, id } = await keyFor(s, requested, form);
    // The ARN every answer should report, looked up first so that each check judges its own call
    const arn = await expectedKeyArn(s, requested, key, bucket);
    // Act, Assert: each step of the upload reports the encryption it was started with
    const created = await createUpload(s, bucket, objectKey, encryptionFields(requested, id));
    checkEncryption(s, created, requested.type, arn);
    const bodies = partBodies(body, parts);
    const etags: (string | undefined)[] = [];
    for (const [n, part] of bodies.entries()) {
      const uploaded = await s.send(new UploadPartCommand({ Bucket: bucket, Key: objectKey, UploadId: created.UploadId, PartNumber: n + 1, Body: part }));
      checkEncryption(s, uploaded, requested.type, arn);
      etags.push(uploaded.ETag);
    }
    checkEncryption(s, await completeUpload(s, bucket, objectKey, created.UploadId, etags), requested.type, arn);
    checkEncryption(s, await headObject(s, bucket, objectKey), requested.type, arn);
    const read = await s.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    const text = (await read.Body?.transformToString('utf8')) ?? '';
    const whole = bodies.join('');
    s.check(text === whole, 'Body', whole, text);
  },
});
