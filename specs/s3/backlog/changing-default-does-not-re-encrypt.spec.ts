/**
 * Changing a bucket's default encryption, or deleting it, leaves the objects already in the bucket as they were
 * written: an object written under one encryption (by the default or by its own headers) still reports that type and
 * key after the default changed to another encryption or was deleted.
 */
import { DeleteBucketEncryptionCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { encryptionArb, objectKeyArb } from '../../../src/arbitraries/objects.js';
import { checkEncryption, createBucket, encryptionFields, expectedKeyArn, headObject, keyFor, putObject, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.backlog.changing-default-does-not-re-encrypt',
  title: "Changing or deleting a bucket's default encryption leaves the encryption of its existing objects unchanged",
  level: 'MUST',
  theme: 'backlog',
  sources: [
    { fact: 'S3-10', url: PAGES.s3SpecifyingKmsEncryption, evidence: 'DOC' },
    { fact: 'S3-7', url: PAGES.s3HeadObject, evidence: 'DOC' },
  ],
  features: ['s3', 'bucket-encryption', 'backlog', 'sse-kms', 'sse-s3'],
  shares: ['aws-managed-keys'],
  generates: 'an object written under one encryption (via the default or its headers), then a new default of another encryption, or the default deleted',
  arbitrary: fc
    .record({
      written: encryptionArb,
      via: fc.constantFrom('headers' as const, 'default' as const),
      change: fc.option(encryptionArb, { nil: undefined }),
      key: objectKeyArb,
    })
    // A new default that an object would report differently: another type, or another key (own keys are always new)
    .filter(({ written, change }) => !change || written.type !== change.type || (change.type !== 'AES256' && change.key === 'own')),
  // First on every seed, so that a target without default encryption always shows it at PutBucketEncryption: s3rver
  // answers 501 to it and to DeleteBucketEncryption, and which one a run met first depended on the seed's first input.
  examples: [
    { written: { type: 'aws:kms', key: 'own' }, via: 'default', change: undefined, key: 'backlog' },
    { written: { type: 'AES256' }, via: 'headers', change: { type: 'aws:kms', key: 'own' }, key: 'backlog' },
  ],
  scenario: async (s, { written, via, change, key: objectKey }) => {
    // Arrange: the object, sealed under `written`
    const bucket = await createBucket(s);
    const { key, id } = await keyFor(s, written);
    if (via === 'default') await setBucketDefault(s, bucket, written, id);
    await putObject(s, bucket, objectKey, 'before', via === 'headers' ? encryptionFields(written, id) : {});
    const before = await expectedKeyArn(s, written, key, bucket);
    // Act: a new default (another key of the clause's own when it names one), or none
    if (change) await setBucketDefault(s, bucket, change, (await keyFor(s, change)).id);
    else await s.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
    // Assert
    checkEncryption(s, await headObject(s, bucket, objectKey), written.type, before);
  },
});
