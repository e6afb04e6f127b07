/**
 * The reference model of S3 SSE (reference/s3.ts) through real S3Client calls: what the clauses under specs/s3/ rely
 * on, and the rules no clause states yet (the encryption context of data keys, refused writes storing nothing,
 * bucket life cycle, the request errors S3 gives for inconsistent encryption headers, the assembly rules of
 * multipart uploads).
 */
import { CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteBucketEncryptionCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createReferenceClients } from '../../reference/index.js';
import { MIN_PART_BYTES } from '../../reference/s3.js';
import { rejection } from './helpers.js';

async function arrange(opts: Parameters<typeof createReferenceClients>[0] = {}) {
  const c = createReferenceClients(opts);
  await c.s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
  const key = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  const put = (Key: string, extra: Record<string, unknown> = {}) => c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key, Body: `body of ${Key}`, ...extra }));
  const get = (Key: string) => c.s3.send(new GetObjectCommand({ Bucket: 'bkt', Key }));
  const seal = (Key: string) => c.model.s3.buckets.get('bkt')!.objects.get(Key)!.seal;
  return { ...c, key, put, get, seal };
}

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

  it("makes a data key with the object's ARN as encryption context, and the bucket's with a bucket key (S3-8)", async () => {
    const { put, seal, key, model } = await arrange();
    await put('dir/a', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId });
    await put('b', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId, BucketKeyEnabled: true });
    await put('c', { ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: key.KeyId, BucketKeyEnabled: true });
    expect(seal('dir/a').context).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::bkt/dir/a' });
    expect(seal('b')).toMatchObject({ context: { 'aws:s3:arn': 'arn:aws:s3:::bkt' }, bucketKeyEnabled: true });
    // Bucket keys are for SSE-KMS only: a DSSE-KMS object uses its own ARN and reports no bucket key.
    expect(seal('c')).toMatchObject({ context: { 'aws:s3:arn': 'arn:aws:s3:::bkt/c' }, bucketKeyEnabled: false });
    const calls = model.kms.ledger.filter((l) => l.viaService === 's3');
    expect(calls.map((l) => [l.operation, l.resource, l.keyArn])).toEqual([
      ['GenerateDataKey', 'arn:aws:s3:::bkt/dir/a', key.Arn],
      ['GenerateDataKey', 'arn:aws:s3:::bkt', key.Arn],
      ['GenerateDataKey', 'arn:aws:s3:::bkt/c', key.Arn],
    ]);
  });

  it('reads a KMS object through Decrypt under the key that sealed it, with the same context', async () => {
    const { put, get, key, model } = await arrange();
    await put('a', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.Arn });
    const read = await get('a');
    expect([read.ServerSideEncryption, read.SSEKMSKeyId]).toEqual(['aws:kms', key.Arn]);
    expect(await read.Body!.transformToString()).toBe('body of a');
    expect(model.kms.ledger.at(-1)).toMatchObject({ operation: 'Decrypt', viaService: 's3', resource: 'arn:aws:s3:::bkt/a', keyArn: key.Arn, ok: true });
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

  it('refuses a key ID without a KMS type, and a KMSMasterKeyID with an AES256 default (InvalidArgument)', async () => {
    const { put, key, s3 } = await arrange();
    expect((await rejection(put('a', { SSEKMSKeyId: key.KeyId }))).name).toBe('InvalidArgument');
    expect((await rejection(put('a', { ServerSideEncryption: 'AES256', SSEKMSKeyId: key.KeyId }))).name).toBe('InvalidArgument');
    const e = await rejection(
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'bkt',
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: key.KeyId } }] },
        }),
      ),
    );
    expect(e.name).toBe('InvalidArgument');
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

describe('S3 buckets', () => {
  it('deletes only an empty bucket, and answers NoSuchBucket afterwards', async () => {
    const { s3, put } = await arrange();
    await put('a');
    expect((await rejection(s3.send(new DeleteBucketCommand({ Bucket: 'bkt' })))).name).toBe('BucketNotEmpty');
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'bkt' }))).Contents?.map((o) => o.Key)).toEqual(['a']);
    await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'a' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'bkt' }));
    expect((await rejection(s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'a' })))).name).toBe('NotFound');
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'a' })))).name).toBe('NoSuchBucket');
  });

  it('answers success for a bucket created again in us-east-1, BucketAlreadyOwnedByYou elsewhere (API_CreateBucket)', async () => {
    const east = await arrange();
    await east.s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    const west = await arrange({ region: 'eu-west-1' });
    const e = await rejection(west.s3.send(new CreateBucketCommand({ Bucket: 'bkt' })));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['BucketAlreadyOwnedByYou', 409]);
    expect((await rejection(east.s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' })))).name).toBe('InvalidBucketName');
  });

  it('keeps the tags given at creation, and answers NoSuchTagSet for a bucket without tags', async () => {
    const { s3 } = await arrange();
    await s3.send(new CreateBucketCommand({ Bucket: 'tagged', CreateBucketConfiguration: { Tags: [{ Key: 'k', Value: 'v' }] } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' }))).TagSet).toEqual([{ Key: 'k', Value: 'v' }]);
    expect((await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'bkt' })))).name).toBe('NoSuchTagSet');
  });
});

describe('S3 SSE-C and CopyObject (S3-11…S3-16)', () => {
  const keyA = Buffer.alloc(32, 1).toString('base64');
  const keyB = Buffer.alloc(32, 2).toString('base64');
  const md5 = (k: string) => createHash('md5').update(Buffer.from(k, 'base64')).digest('base64');
  const sseC = (k: string) => ({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: k });
  async function allowed() {
    const c = await arrange();
    await c.s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'bkt',
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }],
        },
      }),
    );
    return c;
  }

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
    const { put, seal, s3 } = await allowed();
    const out = await put('a', sseC(keyA));
    expect([out.SSECustomerAlgorithm, out.SSECustomerKeyMD5, out.ServerSideEncryption]).toEqual(['AES256', md5(keyA), undefined]);
    expect(seal('a').customerKey!.md5).toBe(md5(keyA));
    expect(JSON.stringify(seal('a'))).not.toContain(keyA);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'a', ...sseC(keyA) }));
    expect([head.SSECustomerAlgorithm, head.SSECustomerKeyMD5, head.ServerSideEncryption]).toEqual(['AES256', md5(keyA), undefined]);
  });

  it('takes a key given as raw bytes, which the SDK base64-encodes, and refuses a key that is not 256 bits or another algorithm', async () => {
    const { put, get, s3 } = await allowed();
    await put('a', { SSECustomerAlgorithm: 'AES256', SSECustomerKey: Buffer.alloc(32, 1) as never });
    expect((await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'a', ...sseC(keyA) }))).SSECustomerKeyMD5).toBe(md5(keyA));
    expect((await rejection(put('b', sseC(Buffer.alloc(16, 1).toString('base64'))))).name).toBe('InvalidArgument');
    expect((await rejection(put('b', { SSECustomerAlgorithm: 'aws:kms', SSECustomerKey: keyA }))).name).toBe('InvalidEncryptionAlgorithmError');
    expect((await rejection(put('b', { ...sseC(keyA), ServerSideEncryption: 'AES256' }))).name).toBe('InvalidArgument');
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'a', SSECustomerKeyMD5: md5(keyA) })))).name).toBe('InvalidArgument');
    expect((await rejection(get('a'))).name).toBe('InvalidRequest');
  });

  it('refuses a key MD5 that does not match the key (InvalidArgument), which only a request that bypasses the SDK sends', async () => {
    const { model } = await allowed();
    expect(() =>
      model.s3.putObject(
        { caller: 'arn:aws:iam::123456789012:user/u' },
        { Bucket: 'bkt', Key: 'a', Body: new Uint8Array(), customer: { algorithm: 'AES256', key: keyA, keyMd5: md5(keyB) } },
      ),
    ).toThrow(/did not match/);
  });

  it('refuses a read without the key (400), with another (403), and SSE-C headers on an object without SSE-C (S3-13)', async () => {
    const { put, s3 } = await allowed();
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
    const { put, s3, key, seal } = await allowed();
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
    const { put, s3, key } = await allowed();
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
  const keyA = Buffer.alloc(32, 1).toString('base64');
  const keyB = Buffer.alloc(32, 2).toString('base64');
  const sseC = (k: string) => ({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: k });
  type Arranged = Awaited<ReturnType<typeof arrange>>;

  /** A bucket (arranged by `before`), an upload of `big` created with the fields `create` gives, and its calls. */
  async function upload(create: (c: Arranged) => Record<string, unknown> = () => ({}), before: (c: Arranged) => Promise<unknown> = async () => {}) {
    const c = await arrange();
    await before(c);
    const created = await c.s3.send(new CreateMultipartUploadCommand({ Bucket: 'bkt', Key: 'big', ...create(c) }));
    const UploadId = created.UploadId!;
    const part = (PartNumber: number, Body: string | Uint8Array, more: Record<string, unknown> = {}) =>
      c.s3.send(new UploadPartCommand({ Bucket: 'bkt', Key: 'big', UploadId, PartNumber, Body, ...more }));
    const complete = (Parts: { PartNumber: number; ETag?: string }[], more: Record<string, unknown> = {}) =>
      c.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'bkt', Key: 'big', UploadId, MultipartUpload: { Parts }, ...more }));
    return { ...c, created, UploadId, part, complete };
  }

  it('seals the upload when it is created, reports it on every answer, and the completed object keeps it (S3-22)', async () => {
    const { key, created, part, complete, get, model } = await upload((c) => ({ ServerSideEncryption: 'aws:kms:dsse', SSEKMSKeyId: c.key.KeyId }));
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
    // One data key, made at creation; each part, the completion and the read decrypt it.
    const calls = model.kms.ledger.filter((l) => l.viaService === 's3').map((l) => l.operation);
    expect(calls).toEqual(['GenerateDataKey', 'Decrypt', 'Decrypt', 'Decrypt', 'Decrypt']);
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

  it('assembles only listed parts that exist with their ETag, in ascending order, every one but the last at least 5 MiB', async () => {
    const { part, complete, model } = await upload();
    const one = await part(1, 'small');
    const two = await part(2, 'tail');
    const cases = [
      [[], 'MalformedXML'],
      [[{ PartNumber: 3, ETag: two.ETag }], 'InvalidPart'],
      [[{ PartNumber: 1, ETag: two.ETag }], 'InvalidPart'],
      [
        [
          { PartNumber: 2, ETag: two.ETag },
          { PartNumber: 1, ETag: one.ETag },
        ],
        'InvalidPartOrder',
      ],
      [
        [
          { PartNumber: 1, ETag: one.ETag },
          { PartNumber: 2, ETag: two.ETag },
        ],
        'EntityTooSmall',
      ],
    ] as const;
    for (const [parts, name] of cases) expect(await rejection(complete([...parts]))).toMatchObject({ name });
    expect((await rejection(part(0, 'p'))).name).toBe('InvalidArgument');
    // The last part alone may be small; the ETag may be listed without its quotes.
    await complete([{ PartNumber: 2, ETag: two.ETag!.replace(/"/g, '') }]);
    expect(new TextDecoder().decode(model.s3.buckets.get('bkt')!.objects.get('big')!.body)).toBe('tail');
    expect((await rejection(complete([{ PartNumber: 2, ETag: two.ETag }]))).name).toBe('NoSuchUpload');
  });

  it('lists uploads in progress by key, pages them with markers, aborts them, and deletes a bucket that still has some', async () => {
    const { s3, UploadId } = await upload();
    const second = (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'bkt', Key: 'a' }))).UploadId!;
    const third = (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'bkt', Key: 'big' }))).UploadId!;
    const list = (more: Record<string, unknown> = {}) => s3.send(new ListMultipartUploadsCommand({ Bucket: 'bkt', ...more }));
    expect((await list()).Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([
      ['a', second],
      ['big', UploadId],
      ['big', third],
    ]);
    const first = await list({ MaxUploads: 2 });
    expect([first.IsTruncated, first.NextKeyMarker, first.NextUploadIdMarker]).toEqual([true, 'big', UploadId]);
    const rest = await list({ KeyMarker: first.NextKeyMarker, UploadIdMarker: first.NextUploadIdMarker });
    expect(rest.Uploads?.map((u) => u.UploadId)).toEqual([third]);
    expect((await list({ KeyMarker: 'a' })).Uploads?.map((u) => u.UploadId)).toEqual([UploadId, third]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'bkt', Key: 'a', UploadId: second }));
    expect((await rejection(s3.send(new AbortMultipartUploadCommand({ Bucket: 'bkt', Key: 'a', UploadId: second })))).name).toBe('NoSuchUpload');
    expect((await rejection(s3.send(new AbortMultipartUploadCommand({ Bucket: 'bkt', Key: 'other', UploadId })))).name).toBe('NoSuchUpload');
    await s3.send(new DeleteBucketCommand({ Bucket: 'bkt' }));
  });
});
