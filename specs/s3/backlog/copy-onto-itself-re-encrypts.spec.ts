/**
 * Copying an object onto itself with new encryption headers is how an existing object moves to another encryption:
 * an object written under one encryption (SSE-S3, SSE-KMS or DSSE-KMS with aws/s3 or a key of the clause's own, or
 * SSE-C), copied onto itself asking for another (another type, another key of its own, or SSE-C under another
 * customer key), is reported by HeadObject under the new one and reads back unchanged.
 */
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { encryptionArb, objectBodyArb, objectKeyArb, twoCustomerKeysArb, type Encryption } from '../../../src/arbitraries/objects.js';
import {
  allowSseC,
  checkCustomerKey,
  checkEncryption,
  copySourceKeyFields,
  copySourceOf,
  createBucket,
  customerKeyFields,
  encryptionFields,
  expectedKeyArn,
  keyFor,
  putObject,
} from '../../../src/steps/s3.js';

type Sealing = Encryption | { type: 'SSE-C' };
const sealingArb: fc.Arbitrary<Sealing> = fc.oneof(encryptionArb, fc.constant({ type: 'SSE-C' as const }));

export const clause = defineClause({
  id: 's3.backlog.copy-onto-itself-re-encrypts',
  title: 'CopyObject of an object onto itself with another encryption re-encrypts it: HeadObject reports the new one',
  level: 'MUST',
  theme: 'backlog',
  sources: [
    { fact: 'S3-16', url: PAGES.s3CopyObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
    { fact: 'S3-15', url: PAGES.s3SpecifyingSseC, evidence: 'DOC' },
  ],
  features: ['s3', 'backlog', 'copy', 'sse-kms', 'sse-s3', 'sse-c'],
  shares: ['aws-managed-keys'],
  generates: 'an encryption written and another asked by the copy (SSE-S3, SSE-KMS or DSSE-KMS with aws/s3 or an own key, SSE-C) × object keys and bodies',
  arbitrary: fc
    .record({ from: sealingArb, to: sealingArb, customerKeys: twoCustomerKeysArb, key: objectKeyArb, body: objectBodyArb })
    // Another encryption: another type, or another key (own keys and the two customer keys always differ)
    .filter(({ from, to }) => from.type !== to.type || to.type === 'SSE-C' || (to.type !== 'AES256' && 'key' in to && to.key === 'own')),
  // Into and out of SSE-C, and to each KMS key kind, on every seed: emulators differ by kind
  examples: (
    [
      [{ type: 'SSE-C' }, { type: 'aws:kms', key: 'aws-managed' }],
      [{ type: 'SSE-C' }, { type: 'aws:kms', key: 'own' }],
      [{ type: 'AES256' }, { type: 'SSE-C' }],
      [{ type: 'AES256' }, { type: 'aws:kms:dsse', key: 'own' }],
      [{ type: 'aws:kms', key: 'own' }, { type: 'AES256' }],
    ] as [Sealing, Sealing][]
  ).map(([from, to]) => ({
    from,
    to,
    customerKeys: [Buffer.alloc(32, 1).toString('base64'), Buffer.alloc(32, 2).toString('base64')] as [string, string],
    key: 'a',
    body: 'body',
  })),
  scenario: async (s, { from, to, customerKeys: [before, after], key: objectKey, body }) => {
    // Arrange: the object, sealed under `from`
    const bucket = await createBucket(s);
    if (from.type === 'SSE-C' || to.type === 'SSE-C') await allowSseC(s, bucket);
    const fromKey = from.type === 'SSE-C' ? {} : await keyFor(s, from);
    await putObject(s, bucket, objectKey, body, from.type === 'SSE-C' ? customerKeyFields(before) : encryptionFields(from, fromKey.id));
    // Act: copy onto itself, asking for `to`
    const toKey = to.type === 'SSE-C' ? {} : await keyFor(s, to);
    await s.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: objectKey,
        CopySource: copySourceOf(bucket, objectKey),
        ...(from.type === 'SSE-C' ? copySourceKeyFields(before) : {}),
        ...(to.type === 'SSE-C' ? customerKeyFields(after) : encryptionFields(to, toKey.id)),
      }),
    );
    // Assert (the ARN HeadObject should report is looked up first, so that the check judges HeadObject's step)
    const arn = to.type === 'SSE-C' ? undefined : await expectedKeyArn(s, to, toKey.key, bucket);
    const readWith = { Bucket: bucket, Key: objectKey, ...(to.type === 'SSE-C' ? customerKeyFields(after) : {}) };
    const head = await s.send(new HeadObjectCommand(readWith));
    if (to.type === 'SSE-C') checkCustomerKey(s, head, after);
    else checkEncryption(s, head, to.type, arn);
    const read = await s.send(new GetObjectCommand(readWith));
    const text = (await read.Body?.transformToString('utf8')) ?? '';
    s.check(text === body, 'Body', body, text);
  },
});
