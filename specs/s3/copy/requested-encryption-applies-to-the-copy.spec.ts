/**
 * A copy to another object is a new write, encrypted as its own request asks: an object written under one encryption
 * (SSE-S3, or SSE-KMS or DSSE-KMS with aws/s3 or a key of the clause's own), copied to another key of the same bucket
 * or of another bucket with headers asking for another encryption (another type, or another key of the clause's own,
 * named by key ID, key ARN or alias name), is reported under the requested one by the CopyObject answer and by
 * HeadObject, whatever the destination bucket's default, and reads back as written; the source still reports its own
 * encryption. (A copy onto itself, and copies from or to SSE-C, are other clauses'.)
 */
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { type Encryption, encryptionArb, objectBodyArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import {
  checkEncryption,
  copySourceOf,
  createBucket,
  encryptionFields,
  expectedKeyArn,
  getObjectText,
  headObject,
  keyFor,
  putObject,
  setBucketDefault,
} from '../../../src/steps/s3.js';

const own = (type: 'aws:kms' | 'aws:kms:dsse') => ({ type, key: 'own' }) as const satisfies Encryption;

export const clause = defineClause({
  id: 's3.copy.requested-encryption-applies-to-the-copy',
  title: 'CopyObject to another object with encryption headers stores the copy as they ask, and leaves the source as it was',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'S3-25', url: PAGES.s3CopyObject, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'copy', 'sse-kms', 'sse-s3', 'key-identifiers'],
  shares: ['aws-managed-keys'],
  generates:
    'an encryption the source is written with and another the copy asks for (SSE-S3, SSE-KMS or DSSE-KMS with aws/s3 or an own key by key ID, key ARN or alias name) × the same bucket or another × a destination default, or none × object keys and bodies',
  arbitrary: fc
    .record({
      from: encryptionArb,
      to: encryptionArb,
      form: s3KeyFormArb,
      sameBucket: fc.boolean(),
      destinationDefault: fc.option(encryptionArb, { nil: undefined }),
      key: objectKeyArb,
      body: objectBodyArb,
    })
    // Another encryption than the source's: another type, or another key (own keys are always new)
    .filter(({ from, to }) => from.type !== to.type || (to.type !== 'AES256' && 'key' in to && to.key === 'own')),
  // Away from a KMS key (an own one, and aws/s3 under DSSE-KMS), to a KMS key, and from one own key to another, so that
  // a copy that keeps the source's encryption shows on every seed; and a request that must win over a destination
  // default naming a key, of either KMS type. The fewest steps first: a deviation's counterexample is the first input
  // that shows it
  examples: [
    { from: own('aws:kms'), to: { type: 'AES256' }, form: 'key-id', sameBucket: true, destinationDefault: undefined, key: 'a', body: 'body' },
    {
      from: { type: 'aws:kms:dsse', key: 'aws-managed' },
      to: { type: 'AES256' },
      form: 'key-id',
      sameBucket: true,
      destinationDefault: undefined,
      key: 'a',
      body: 'body',
    },
    { from: { type: 'AES256' }, to: own('aws:kms'), form: 'key-id', sameBucket: false, destinationDefault: own('aws:kms:dsse'), key: 'a', body: 'body' },
    { from: { type: 'AES256' }, to: own('aws:kms'), form: 'key-arn', sameBucket: false, destinationDefault: undefined, key: 'a', body: 'body' },
    { from: own('aws:kms'), to: own('aws:kms'), form: 'alias-name', sameBucket: true, destinationDefault: undefined, key: 'a', body: 'body' },
    { from: { type: 'AES256' }, to: own('aws:kms:dsse'), form: 'key-id', sameBucket: false, destinationDefault: own('aws:kms'), key: 'a', body: 'body' },
    // Away from aws/s3 under SSE-KMS, on every seed: a target may fail that write (SeaweedFS answers it HTTP 500), and
    // whether a run met that then depended on the seed
    {
      from: { type: 'aws:kms', key: 'aws-managed' },
      to: { type: 'AES256' },
      form: 'key-id',
      sameBucket: true,
      destinationDefault: undefined,
      key: 'a',
      body: 'body',
    },
  ],
  scenario: async (s, { from, to, form, sameBucket, destinationDefault, key: objectKey, body }) => {
    // Arrange: the source, sealed under `from` by its headers, and the destination bucket with its default
    const source = await createBucket(s);
    const fromKey = await keyFor(s, from, form);
    await putObject(s, source, objectKey, body, encryptionFields(from, fromKey.id));
    const destination = sameBucket ? source : await createBucket(s);
    if (destinationDefault) await setBucketDefault(s, destination, destinationDefault, (await keyFor(s, destinationDefault, form)).id);
    // Act: copy to another key, asking for `to` (the ARNs the answers should report are looked up first, so that each
    // check judges the step that answered, not a DescribeKey of aws/s3)
    const toKey = await keyFor(s, to, form);
    const toArn = await expectedKeyArn(s, to, toKey.key, source);
    const fromArn = await expectedKeyArn(s, from, fromKey.key, source);
    const copyKey = `${objectKey}.copy`;
    const copy = await s.send(
      new CopyObjectCommand({ Bucket: destination, Key: copyKey, CopySource: copySourceOf(source, objectKey), ...encryptionFields(to, toKey.id) }),
    );
    // Assert: the copy as asked, in the answer and HeadObject; the source as it was written
    checkEncryption(s, copy, to.type, toArn);
    checkEncryption(s, await headObject(s, destination, copyKey), to.type, toArn);
    const read = await getObjectText(s, destination, copyKey);
    s.check(read.text === body, 'Body', body, read.text);
    // (named apart from the copy's checks, so that a source that changed is its own deviation)
    const before = await headObject(s, source, objectKey);
    s.check(before.ServerSideEncryption === from.type, 'source ServerSideEncryption', from.type, before.ServerSideEncryption ?? 'none');
    s.check(before.SSEKMSKeyId === fromArn, 'source SSEKMSKeyId', fromArn ?? 'none', before.SSEKMSKeyId ?? 'none');
  },
});
