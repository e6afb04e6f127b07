/**
 * The rules of S3 requests that do not depend on encryption, or show only outside an answer to a client, held on the
 * reference model through real S3Client calls: bucket life cycle, names, tags and listings; object listings, deletion
 * and ETags; the validation of default-encryption rules and of SSE-C headers; CopyObject's rule for an object copied
 * onto itself; the assembly, numbering and listing of multipart uploads; and the encryption context and requests KMS
 * sees (CloudTrail's view). The specification states them only where SSE touches them, yet the reference serves them
 * to SDK clients as a drop-in fake. Listed in scripts/spec-strength.ts, so that the mutation score counts them.
 */
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  type PutBucketEncryptionCommandInput,
  PutBucketTaggingCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUCKET_KEY_LIFETIME_SECONDS, createReferenceClients, SECOND } from '../../reference/index.js';
import { MIN_PART_BYTES } from '../../reference/s3.js';
import { rejection } from './helpers.js';
import { arrange, arrangeAllowingSseC, keyA, keyB, md5, sseC, upload } from './s3-arrange.js';

/** PutBucketEncryption's input for one rule: an algorithm (none: left out), and more fields of the rule. */
const ruleOf = (SSEAlgorithm: string | undefined, more: Record<string, unknown> = {}): PutBucketEncryptionCommandInput => ({
  Bucket: 'bkt',
  ServerSideEncryptionConfiguration: { Rules: [{ ...(SSEAlgorithm ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm } } : {}), ...more } as never] },
});

describe('the encryption context and the requests KMS sees (S3-8)', () => {
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

  it('decrypts each bucket key a requester reads once per lifetime, per KMS key (S3-17)', async () => {
    const { put, get, kms, key, model } = await arrange();
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await put('a', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId, BucketKeyEnabled: true });
    await put('b', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: other.KeyId, BucketKeyEnabled: true });
    const decrypts = () => model.kms.ledger.filter((l) => l.viaService === 's3' && l.operation === 'Decrypt').map((l) => l.keyArn);
    await get('a');
    await get('b');
    expect(decrypts()).toEqual([key.Arn, other.Arn]);
    model.clock.advance(BUCKET_KEY_LIFETIME_SECONDS * SECOND - SECOND);
    await get('a');
    expect(decrypts()).toHaveLength(2); // still kept one second before the lifetime ends
    model.clock.advance(SECOND);
    await get('a');
    expect(decrypts()).toEqual([key.Arn, other.Arn, key.Arn]);
  });

  it("decrypts an upload's data key for each part and for the completion (S3-24), as CloudTrail shows", async () => {
    const { part, complete, key, model } = await upload((c) => ({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: c.key.KeyId }));
    const one = await part(1, 'only');
    await complete([{ PartNumber: 1, ETag: one.ETag }]);
    const calls = model.kms.ledger.filter((l) => l.viaService === 's3').map((l) => [l.operation, l.keyArn, l.resource]);
    expect(calls).toEqual([
      ['GenerateDataKey', key.Arn, 'arn:aws:s3:::bkt/big'],
      ['Decrypt', key.Arn, 'arn:aws:s3:::bkt/big'],
      ['Decrypt', key.Arn, 'arn:aws:s3:::bkt/big'],
    ]);
  });
});

describe('default encryption rules (PutBucketEncryption)', () => {
  it('refuses a KMSMasterKeyID with an AES256 default (InvalidArgument)', async () => {
    const { key, s3 } = await arrange();
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

  it('refuses a rule without an algorithm or with an unknown blocked type (MalformedXML), and an unknown algorithm', async () => {
    const { s3 } = await arrange();
    const put = (input: PutBucketEncryptionCommandInput) => s3.send(new PutBucketEncryptionCommand(input));
    expect((await rejection(put(ruleOf(undefined)))).name).toBe('MalformedXML');
    expect((await rejection(put(ruleOf('AES256', { BlockedEncryptionTypes: { EncryptionType: ['NONE', 'SSE-KMS'] } })))).name).toBe('MalformedXML');
    expect((await rejection(put(ruleOf('AES128')))).name).toBe('MalformedXML');
    await put(ruleOf('AES256', { BlockedEncryptionTypes: { EncryptionType: ['NONE', 'SSE-C'] } }));
    const got = (await s3.send(new GetBucketEncryptionCommand({ Bucket: 'bkt' }))).ServerSideEncryptionConfiguration!.Rules![0]!;
    expect(got.BlockedEncryptionTypes).toEqual({ EncryptionType: ['NONE', 'SSE-C'] });
    expect(got.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
  });

  it('blocks SSE-C again with SSE-C, and leaves it as it was when a rule names no blocked type (S3-14)', async () => {
    const { put, s3 } = await arrangeAllowingSseC();
    await s3.send(new PutBucketEncryptionCommand(ruleOf('AES256')));
    await s3.send(new PutBucketEncryptionCommand(ruleOf('AES256', { BlockedEncryptionTypes: { EncryptionType: [] } })));
    await put('a', sseC(keyA)); // still allowed
    await s3.send(new CreateBucketCommand({ Bucket: 'fresh' }));
    await s3.send(new PutBucketEncryptionCommand({ ...ruleOf('AES256', { BlockedEncryptionTypes: { EncryptionType: [] } }), Bucket: 'fresh' }));
    const fresh = await rejection(s3.send(new PutObjectCommand({ Bucket: 'fresh', Key: 'a', Body: 'x', ...sseC(keyA) })));
    expect(fresh.name).toBe('AccessDenied'); // still blocked
    await s3.send(new PutBucketEncryptionCommand(ruleOf('AES256', { BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] } })));
    expect((await rejection(put('b', sseC(keyA)))).name).toBe('AccessDenied');
  });
});

describe('buckets', () => {
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

  it('keeps the objects of a bucket created again, refuses a name another account holds, and tells buckets apart by HeadBucket', async () => {
    const c = await arrange();
    await c.put('a');
    await c.s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    expect(await (await c.get('a')).Body!.transformToString()).toBe('body of a');
    const stranger = createReferenceClients({ model: c.model, accountId: '210987654321' });
    const e = await rejection(stranger.s3.send(new CreateBucketCommand({ Bucket: 'bkt' })));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['BucketAlreadyExists', 409]);
    await c.s3.send(new HeadBucketCommand({ Bucket: 'bkt' }));
    const missing = await rejection(c.s3.send(new HeadBucketCommand({ Bucket: 'none' })));
    expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(['NotFound', 404]);
    const put = await rejection(c.s3.send(new PutObjectCommand({ Bucket: 'none', Key: 'a', Body: 'x' })));
    expect([put.name, put.$metadata?.httpStatusCode]).toEqual(['NoSuchBucket', 404]);
  });

  it("lists the caller's account's buckets only, by name, with a prefix", async () => {
    const c = await arrange();
    for (const b of ['zeta', 'alpha', 'alps']) await c.s3.send(new CreateBucketCommand({ Bucket: b }));
    const stranger = createReferenceClients({ model: c.model, accountId: '210987654321' });
    await stranger.s3.send(new CreateBucketCommand({ Bucket: 'also' }));
    const names = async (Prefix?: string) => (await c.s3.send(new ListBucketsCommand({ ...(Prefix ? { Prefix } : {}) }))).Buckets?.map((b) => b.Name);
    expect(await names()).toEqual(['alpha', 'alps', 'bkt', 'zeta']);
    expect(await names('al')).toEqual(['alpha', 'alps']);
    expect((await stranger.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['also']);
  });

  it('replaces tags with PutBucketTagging, and keeps none from an empty list at creation', async () => {
    const { s3 } = await arrange();
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'bkt', Tagging: { TagSet: [{ Key: 'a', Value: '1' }] } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'bkt' }))).TagSet).toEqual([{ Key: 'a', Value: '1' }]);
    await s3.send(new CreateBucketCommand({ Bucket: 'untagged', CreateBucketConfiguration: { Tags: [] } }));
    expect((await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'untagged' })))).name).toBe('NoSuchTagSet');
  });

  it('forgets the bucket keys of a deleted bucket: one created again under the same name fetches its own (S3-17)', async () => {
    const { s3, put, key, model } = await arrange();
    const generates = () => model.kms.ledger.filter((l) => l.viaService === 's3' && l.operation === 'GenerateDataKey').length;
    await put('a', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId, BucketKeyEnabled: true });
    await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'a' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'bkt' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    await put('b', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId, BucketKeyEnabled: true });
    expect(generates()).toBe(2);
  });
});

describe('objects', () => {
  it('answers an ETag that is the MD5 of the body, lists by key with a prefix, and deletes', async () => {
    const { s3, put, get } = await arrange();
    expect((await put('b/2')).ETag).toBe(`"${createHash('md5').update('body of b/2').digest('hex')}"`);
    await put('a');
    await put('b/1');
    const keys = async (Prefix?: string) =>
      (await s3.send(new ListObjectsV2Command({ Bucket: 'bkt', ...(Prefix ? { Prefix } : {}) }))).Contents?.map((o) => o.Key);
    expect(await keys()).toEqual(['a', 'b/1', 'b/2']);
    expect(await keys('b/')).toEqual(['b/1', 'b/2']);
    await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'a' }));
    const e = await rejection(get('a'));
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['NoSuchKey', 404]);
    const head = await rejection(s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'a' })));
    expect([head.name, head.$metadata?.httpStatusCode]).toEqual(['NotFound', 404]);
  });

  it('refuses a write that names a key ID without a KMS type, or with AES256 (InvalidArgument)', async () => {
    const { put, key } = await arrange();
    expect((await rejection(put('a', { SSEKMSKeyId: key.KeyId }))).name).toBe('InvalidArgument');
    expect((await rejection(put('a', { ServerSideEncryption: 'AES256', SSEKMSKeyId: key.KeyId }))).name).toBe('InvalidArgument');
  });

  it('copies to the same key of another bucket without headers, and refuses SSEKMSKeyId alone on a copy onto itself', async () => {
    const { s3, put, key } = await arrange();
    await s3.send(new CreateBucketCommand({ Bucket: 'other' }));
    await put('a');
    await s3.send(new CopyObjectCommand({ Bucket: 'other', Key: 'a', CopySource: 'bkt/a' }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'other', Key: 'a' }))).ServerSideEncryption).toBe('AES256');
    const e = await rejection(s3.send(new CopyObjectCommand({ Bucket: 'bkt', Key: 'a', CopySource: 'bkt/a', SSEKMSKeyId: key.KeyId })));
    expect(e.name).toBe('InvalidArgument');
    expect((await rejection(s3.send(new CopyObjectCommand({ Bucket: 'bkt', Key: 'a', CopySource: 'bkt/a' })))).name).toBe('InvalidRequest');
  });
});

describe('SSE-C headers (S3-11)', () => {
  it('takes a key given as raw bytes, which the SDK base64-encodes, and refuses a key that is not 256 bits or another algorithm', async () => {
    const { put, get, s3 } = await arrangeAllowingSseC();
    await put('a', { SSECustomerAlgorithm: 'AES256', SSECustomerKey: Buffer.alloc(32, 1) as never });
    expect((await s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'a', ...sseC(keyA) }))).SSECustomerKeyMD5).toBe(md5(keyA));
    expect((await rejection(put('b', sseC(Buffer.alloc(16, 1).toString('base64'))))).name).toBe('InvalidArgument');
    expect((await rejection(put('b', { SSECustomerAlgorithm: 'aws:kms', SSECustomerKey: keyA }))).name).toBe('InvalidEncryptionAlgorithmError');
    expect((await rejection(put('b', { ...sseC(keyA), ServerSideEncryption: 'AES256' }))).name).toBe('InvalidArgument');
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'bkt', Key: 'a', SSECustomerKeyMD5: md5(keyA) })))).name).toBe('InvalidArgument');
    expect((await rejection(get('a'))).name).toBe('InvalidRequest');
  });

  it('refuses a key MD5 that does not match the key (InvalidArgument), which only a request that bypasses the SDK sends', async () => {
    const { model } = await arrangeAllowingSseC();
    expect(() =>
      model.s3.putObject(
        { caller: 'arn:aws:iam::123456789012:user/u' },
        { Bucket: 'bkt', Key: 'a', Body: new Uint8Array(), customer: { algorithm: 'AES256', key: keyA, keyMd5: md5(keyB) } },
      ),
    ).toThrow(/did not match/);
  });

  it('takes any one SSE-C header as SSE-C, and refuses a request that lacks the others (InvalidArgument)', async () => {
    const { s3 } = await arrangeAllowingSseC();
    const put = (extra: Record<string, unknown>) => s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'x', Body: 'x', ...extra }));
    for (const extra of [{ SSECustomerAlgorithm: 'AES256' }, { SSECustomerKey: keyA }, { SSECustomerKeyMD5: md5(keyA) }])
      expect((await rejection(put(extra))).name).toBe('InvalidArgument');
    expect((await rejection(s3.send(new HeadObjectCommand({ Bucket: 'bkt', Key: 'x' })))).name).toBe('NotFound');
  });

  it('refuses SSE-C headers on a read of an object without SSE-C (400)', async () => {
    const { s3, put } = await arrangeAllowingSseC();
    await put('plain');
    for (const command of [
      new GetObjectCommand({ Bucket: 'bkt', Key: 'plain', ...sseC(keyA) }),
      new HeadObjectCommand({ Bucket: 'bkt', Key: 'plain', ...sseC(keyA) }),
    ]) {
      const e = await rejection(s3.send(command as never));
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual([command instanceof HeadObjectCommand ? 'Unknown' : 'InvalidRequest', 400]);
    }
  });

  it("takes the model's own callers at their word: no SSE-C field is no SSE-C, a key without its MD5 is refused", async () => {
    const { model } = await arrangeAllowingSseC();
    const caller = { caller: 'arn:aws:iam::123456789012:user/u' };
    expect(model.s3.putObject(caller, { Bucket: 'bkt', Key: 'a', Body: new Uint8Array(), customer: {} }).ServerSideEncryption).toBe('AES256');
    for (const customer of [{ key: keyA }, { algorithm: 'AES256', key: keyA }])
      expect(() => model.s3.putObject(caller, { Bucket: 'bkt', Key: 'b', Body: new Uint8Array(), customer })).toThrow(
        expect.objectContaining({ name: 'InvalidArgument' }),
      );
  });
});

describe('multipart uploads (S3-22)', () => {
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

  it('numbers parts 1 to 10,000, answers the MD5 of each as its ETag, and refuses SSE-C headers on an upload without SSE-C', async () => {
    const { part } = await upload();
    expect((await part(10_000, 'last')).ETag).toBe(`"${createHash('md5').update('last').digest('hex')}"`);
    for (const n of [0, 1.5, 10_001]) expect((await rejection(part(n, 'p'))).name).toBe('InvalidArgument');
    expect((await rejection(part(1, 'p', sseC(keyA)))).name).toBe('InvalidRequest');
  });

  it("checks the SSE-C headers of an SSE-C upload's parts as a write's", async () => {
    const { part } = await upload(
      () => sseC(keyA),
      (c) => c.s3.send(new PutBucketEncryptionCommand(ruleOf('AES256', { BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }))),
    );
    expect((await rejection(part(1, 'p', { SSECustomerAlgorithm: 'aws:kms', SSECustomerKey: keyA }))).name).toBe('InvalidEncryptionAlgorithmError');
  });

  it('completes an SSE-C upload without the key, or with it, and refuses another key there', async () => {
    const { part, complete } = await upload(
      (_c) => sseC(keyA),
      (c) => c.s3.send(new PutBucketEncryptionCommand(ruleOf('AES256', { BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }))),
    );
    const one = await part(1, 'only', sseC(keyA));
    expect((await rejection(complete([{ PartNumber: 1, ETag: one.ETag }], sseC(keyB)))).name).toBe('InvalidRequest');
    await complete([{ PartNumber: 1, ETag: one.ETag }]);
  });

  it('lists the uploads of one key in the order they were started, beyond nine of them', async () => {
    const { s3, UploadId } = await upload();
    const later: string[] = [];
    for (let i = 0; i < 10; i++) later.push((await s3.send(new CreateMultipartUploadCommand({ Bucket: 'bkt', Key: 'big' }))).UploadId!);
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'bkt' }))).Uploads?.map((u) => u.UploadId)).toEqual([UploadId, ...later]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'bkt', Key: 'big', UploadId }));
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'bkt' }))).Uploads).toHaveLength(10);
  });

  it('takes a part of exactly 5 MiB before the last, and forgets the upload once completed', async () => {
    const { part, complete, s3, UploadId } = await upload();
    const one = await part(1, new Uint8Array(MIN_PART_BYTES));
    const short = await part(2, new Uint8Array(MIN_PART_BYTES - 1));
    const three = await part(3, 'end');
    const parts = (...p: [number, string | undefined][]) => p.map(([PartNumber, ETag]) => ({ PartNumber, ETag }));
    expect((await rejection(complete(parts([2, short.ETag], [3, three.ETag])))).name).toBe('EntityTooSmall');
    expect((await rejection(complete(parts([1, one.ETag], [1, one.ETag])))).name).toBe('InvalidPartOrder');
    const done = await complete(parts([1, one.ETag], [3, three.ETag]));
    const digest = (b: string | Uint8Array) => createHash('md5').update(b).digest();
    expect(done.ETag).toBe(
      `"${createHash('md5')
        .update(Buffer.concat([digest(new Uint8Array(MIN_PART_BYTES)), digest('end')]))
        .digest('hex')}-2"`,
    );
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'bkt' }))).Uploads ?? []).toEqual([]);
    const e = await rejection(s3.send(new UploadPartCommand({ Bucket: 'bkt', Key: 'big', UploadId, PartNumber: 4, Body: 'x' })));
    expect(e.name).toBe('NoSuchUpload');
  });
});
