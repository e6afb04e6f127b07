/**
 * The reference model of S3 SSE (reference/s3.ts) through real S3Client calls: what the clauses under specs/s3/ rely
 * on. The rules of S3 requests that no clause states (bucket life cycle, header validation, the assembly of multipart
 * uploads, the encryption context KMS sees) are s3-requests.test.ts's.
 */
import { CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIN_PART_BYTES } from '../../reference/s3.js';
import { rejection } from './helpers.js';
import { type Arranged, arrange, arrangeAllowingSseC, keyA, keyB, md5, sseC, upload } from './s3-arrange.js';

describe('S3 objects and their encryption (S3-1…S3-10)', () => {
  it('stores an object without headers with SSE-S3 and makes no KMS request for it', async () => {
    const { put, get, model } = await arrange();
    expect((await put('a')).ServerSideEncryption).toBe('AES256');
    const read = await get('a');
    expect(read.ServerSideEncryption).toBe('AES256');
    expect(read.SSEKMSKeyId).toBeUndefined();
    expect(await read.Body!.transformToString()).toBe('body of a');
    expect(model.kms.ledger.filter((l) => l.viaService === 's3')).toEqual([]);
  });

  it('creates aws/s3 on the first write that needs it, for a header and for a default that names no key (S3-3)', async () => {
    const { put, kms, s3, model } = await arrange();
    const managedAliases = () => [...model.kms.aliases.values()].filter((a) => a.name === 'alias/aws/s3');
    expect(managedAliases()).toEqual([]);
    const first = await put('a', { ServerSideEncryption: 'aws:kms' });
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'bkt',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      }),
    );
    const second = await put('b');
    expect(managedAliases()).toHaveLength(1);
    const managed = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    expect(managed.KeyManager).toBe('AWS');
    expect([first.SSEKMSKeyId, second.SSEKMSKeyId]).toEqual([managed.Arn, managed.Arn]);
  });

  it('refuses a write or a read KMS refuses with KMS.<exception>, and a refused write stores nothing (S3-9)', async () => {
    const { put, get, key, kms, model } = await arrange();
    await put('a', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId });
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const refusedRead = await rejection(get('a'));
    expect([refusedRead.name, refusedRead.$metadata?.httpStatusCode]).toEqual(['KMS.DisabledException', 400]);
    const refusedWrite = await rejection(put('b', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId }));
    expect(refusedWrite.name).toBe('KMS.DisabledException');
    expect(model.s3.buckets.get('bkt')!.objects.has('b')).toBe(false);

    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await put('c', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: other.KeyId });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: other.KeyId, PendingWindowInDays: 7 }));
    expect((await rejection(get('c'))).name).toBe('KMS.KMSInvalidStateException');
    expect((await rejection(put('d', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/none' }))).name).toBe('KMS.NotFoundException');
  });

  it('answers AccessDenied (403) when the key policy does not let the caller use the key', async () => {
    const { put, key, kms, principal } = await arrange();
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: principal }, Action: 'kms:GenerateDataKey', Resource: '*' },
      ],
    };
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
    const e = await rejection(put('a', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId }));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
  });

  it('reads SSE-S3 as the default until one is set, and again after it is deleted (S3-5, S3-6)', async () => {
    const { s3, key } = await arrange();
    const rule = async () => (await s3.send(new GetBucketEncryptionCommand({ Bucket: 'bkt' }))).ServerSideEncryptionConfiguration!.Rules![0]!;
    expect((await rule()).ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'bkt',
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.KeyId }, BucketKeyEnabled: true }],
        },
      }),
    );
    expect(await rule()).toEqual({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.KeyId }, BucketKeyEnabled: true });
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'bkt' }));
    expect((await rule()).ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
  });

  it('keeps the bucket key setting of the default unless the request says otherwise', async () => {
    const { s3, put, key } = await arrange();
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'bkt',
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.KeyId }, BucketKeyEnabled: true }],
        },
      }),
    );
    expect((await put('a')).BucketKeyEnabled).toBe(true);
    expect((await put('b', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId, BucketKeyEnabled: false })).BucketKeyEnabled).toBeUndefined();
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'a' }))).BucketKeyEnabled).toBe(true);
  });
});

describe('S3 SSE-C and CopyObject (S3-11…S3-16)', () => {
  it('refuses SSE-C on a new bucket with AccessDenied (403) and stores nothing; BlockedEncryptionTypes NONE allows it (S3-14)', async () => {
    const { put, s3, model } = await arrange();
    const e = await rejection(put('a', sseC(keyA)));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(model.s3.buckets.get('bkt')!.objects.has('a')).toBe(false);
    const rule = async () => (await s3.send(new GetBucketEncryptionCommand({ Bucket: 'bkt' }))).ServerSideEncryptionConfiguration!.Rules![0]!;
    expect((await rule()).BlockedEncryptionTypes).toBeUndefined();
    const encryption = (types: ('NONE' | 'SSE-C')[]) =>
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'bkt',
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: types } }],
          },
        }),
      );
    await encryption(['NONE']);
    expect((await rule()).BlockedEncryptionTypes).toEqual({ EncryptionType: ['NONE'] });
    await put('a', sseC(keyA));
    // Blocked again: new SSE-C writes are refused, the object already stored stays readable with its key.
    await encryption(['SSE-C']);
    expect((await rejection(put('b', sseC(keyA)))).name).toBe('AccessDenied');
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'a', ...sseC(keyA) }))).Body!.transformToString()).toBe('body of a');
  });

  it('keeps only the MD5 and a salted HMAC of the key, and reports the algorithm and the MD5, not ServerSideEncryption (S3-11)', async () => {
    const { put, seal, s3 } = await arrangeAllowingSseC();
    const out = await put('a', sseC(keyA));
    expect([out.SSECustomerAlgorithm, out.SSECustomerKeyMD5, out.ServerSideEncryption]).toEqual(['AES256', md5(keyA), undefined]);
    expect(seal('a').customerKey!.md5).toBe(md5(keyA));
    expect(JSON.stringify(seal('a'))).not.toContain(keyA);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'a', ...sseC(keyA) }));
    expect([head.SSECustomerAlgorithm, head.SSECustomerKeyMD5, head.ServerSideEncryption]).toEqual(['AES256', md5(keyA), undefined]);
  });

  it('refuses a read without the key (400), with another (403), and SSE-C headers on an object without SSE-C (S3-13)', async () => {
    const { put, s3 } = await arrangeAllowingSseC();
    await put('a', sseC(keyA));
    await put('plain');
    const cases = [
      [new GetObjectCommand({ Bucket: 'bkt', Key: 'a' }), 'InvalidRequest', 400],
      [new HeadObjectCommand({ Bucket: 'bkt', Key: 'a' }), 'Unknown', 400],
      [new GetObjectCommand({ Bucket: 'bkt', Key: 'a', ...sseC(keyB) }), 'AccessDenied', 403],
      [new HeadObjectCommand({ Bucket: 'bkt', Key: 'a', ...sseC(keyB) }), 'Unknown', 403],
      [new GetObjectCommand({ Bucket: 'bkt', Key: 'plain', ...sseC(keyA) }), 'InvalidRequest', 400],
    ] as const;
    for (const [command, name, status] of cases) {
      const e = await rejection(s3.send(command as never));
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual([name, status]);
    }
  });

  it("copies an SSE-C source only with its key, sealing the copy as asked or by the destination's default (S3-15)", async () => {
    const { put, s3, key, seal } = await arrangeAllowingSseC();
    await put('src', sseC(keyA));
    const copy = (extra: Record<string, unknown>) => s3.send(new CopyObjectCommand({ Bucket: 'bkt', Key: 'dst', CopySource: 'bkt/src', ...extra }));
    expect((await rejection(copy({}))).name).toBe('InvalidRequest');
    expect((await rejection(copy({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: keyB }))).name).toBe('AccessDenied');
    const plain = await copy({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: keyA });
    expect([plain.ServerSideEncryption, plain.SSECustomerKeyMD5, plain.CopyObjectResult?.ETag]).toEqual([
      'AES256',
      undefined,
      `"${createHash('md5').update('body of src').digest('hex')}"`,
    ]);
    const kms = await copy({
      CopySourceSSECustomerAlgorithm: 'AES256',
      CopySourceSSECustomerKey: keyA,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: key.KeyId,
    });
    expect([kms.ServerSideEncryption, kms.SSEKMSKeyId]).toEqual(['aws:kms', key.Arn]);
    expect(seal('dst').context).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::bkt/dst' });
    const again = await copy({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: keyA, ...sseC(keyB) });
    expect(again.SSECustomerKeyMD5).toBe(md5(keyB));
  });

  it('re-encrypts an object copied onto itself with new encryption, and refuses a copy onto itself that changes nothing (S3-16)', async () => {
    const { put, s3, key } = await arrangeAllowingSseC();
    await put('dir/a b');
    const self = (extra: Record<string, unknown>) =>
      s3.send(new CopyObjectCommand({ Bucket: 'bkt', Key: 'dir/a b', CopySource: `bkt/${encodeURIComponent('dir/a b')}`, ...extra }));
    const e = await rejection(self({}));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['InvalidRequest', 400]);
    await self({ MetadataDirective: 'REPLACE' });
    await self({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId });
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'dir/a b' }));
    expect([head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual(['aws:kms', key.Arn]);
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'dir/a b' }))).Body!.transformToString()).toBe('body of dir/a b');
    expect((await rejection(s3.send(new CopyObjectCommand({ Bucket: 'bkt', Key: 'x', CopySource: 'bkt' })))).name).toBe('InvalidArgument');
  });
});

describe('S3 multipart uploads (S3-22…S3-24)', () => {
  it('seals the upload when it is created, reports it on every answer, and the completed object keeps it (S3-22)', async () => {
    const { key, created, part, complete, get } = await upload((c) => ({ ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: c.key.KeyId }));
    expect([created.ServerSideEncryption, created.SSEKMSKeyId]).toEqual(['aws:kms:dsse', key.Arn]);
    const first = new Uint8Array(MIN_PART_BYTES).fill(120);
    const one = await part(1, first);
    const two = await part(2, 'tail');
    expect([one.ServerSideEncryption, one.SSEKMSKeyId, two.SSEKMSKeyId]).toEqual(['aws:kms:dsse', key.Arn, key.Arn]);
    const done = await complete([
      { PartNumber: 1, ETag: one.ETag },
      { PartNumber: 2, ETag: two.ETag },
    ]);
    expect([done.ServerSideEncryption, done.SSEKMSKeyId, done.ETag]).toEqual([
      'aws:kms:dsse',
      key.Arn,
      `"${createHash('md5')
        .update(Buffer.concat([createHash('md5').update(first).digest(), createHash('md5').update('tail').digest()]))
        .digest('hex')}-2"`,
    ]);
    const read = await get('big');
    expect([read.ServerSideEncryption, read.SSEKMSKeyId]).toEqual(['aws:kms:dsse', key.Arn]);
    expect(await read.Body!.transformToString()).toBe(`${'x'.repeat(MIN_PART_BYTES)}tail`);
    // What KMS sees of an upload: test/reference/s3-requests.test.ts.
  });

  it("applies the bucket's default, with its bucket key, to an upload that names no encryption", async () => {
    const setDefault = (c: Arranged) =>
      c.s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'bkt',
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: c.key.Arn }, BucketKeyEnabled: true }],
          },
        }),
      );
    const { key, created, part, complete, seal } = await upload(() => ({}), setDefault);
    expect([created.ServerSideEncryption, created.SSEKMSKeyId, created.BucketKeyEnabled]).toEqual(['aws:kms', key.Arn, true]);
    const one = await part(1, 'only');
    expect(one.BucketKeyEnabled).toBe(true);
    expect((await complete([{ PartNumber: 1, ETag: one.ETag }])).BucketKeyEnabled).toBe(true);
    expect(seal('big').context).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::bkt' });
  });

  it('takes the parts of an SSE-C upload only with its own key, and completes with or without it (S3-23)', async () => {
    const allowSseC = (c: Arranged) =>
      c.s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'bkt',
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }],
          },
        }),
      );
    const { created, part, complete, s3 } = await upload(() => sseC(keyA), allowSseC);
    expect(created.SSECustomerKeyMD5).toBe(createHash('md5').update(Buffer.from(keyA, 'base64')).digest('base64'));
    for (const more of [{}, sseC(keyB)]) {
      const e = await rejection(part(1, 'p', more));
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['InvalidRequest', 400]);
    }
    const one = await part(1, 'p', sseC(keyA));
    expect(one.SSECustomerAlgorithm).toBe('AES256');
    expect((await rejection(complete([{ PartNumber: 1, ETag: one.ETag }], sseC(keyB)))).name).toBe('InvalidRequest');
    await complete([{ PartNumber: 1, ETag: one.ETag }]);
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'big' })))).name).toBe('InvalidRequest');
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'big', ...sseC(keyA) }))).Body!.transformToString()).toBe('p');
    // An upload without SSE-C refuses SSE-C headers on its parts.
    const plain = await upload();
    expect((await rejection(plain.part(1, 'p', sseC(keyA)))).name).toBe('InvalidRequest');
  });

  it('refuses to create an upload under a key KMS refuses, and a part once the key is disabled (S3-24)', async () => {
    const { s3, kms, key } = await arrange();
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const refused = await rejection(
      s3.send(new CreateMultipartUploadCommand({ Bucket: 'bkt', Key: 'k', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId })),
    );
    expect(refused.name).toBe('KMS.DisabledException');
    const later = await upload((c) => ({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: c.key.KeyId }));
    await later.kms.send(new DisableKeyCommand({ KeyId: later.key.KeyId }));
    expect((await rejection(later.part(1, 'p'))).name).toBe('KMS.DisabledException');
  });
});
