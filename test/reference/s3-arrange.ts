/** Arrangements shared by the S3 tests of the reference model (s3.test.ts, s3-requests.test.ts): real S3Client calls. */
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { createReferenceClients } from '../../reference/index.js';

/** Two customer keys (SSE-C, S3-11) in base64, their MD5 in base64, and the request fields that carry one. */
export const keyA = Buffer.alloc(32, 1).toString('base64');
export const keyB = Buffer.alloc(32, 2).toString('base64');
export const md5 = (k: string) => createHash('md5').update(Buffer.from(k, 'base64')).digest('base64');
export const sseC = (k: string) => ({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: k });

/** A model with bucket `bkt` and a KMS key, and shorthands for writing, reading and inspecting objects of `bkt`. */
export async function arrange(opts: Parameters<typeof createReferenceClients>[0] = {}) {
  const c = createReferenceClients(opts);
  await c.s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
  const key = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  const put = (Key: string, extra: Record<string, unknown> = {}) => c.s3.send(new PutObjectCommand({ Bucket: 'bkt', Key, Body: `body of ${Key}`, ...extra }));
  const get = (Key: string) => c.s3.send(new GetObjectCommand({ Bucket: 'bkt', Key }));
  const seal = (Key: string) => c.model.s3.buckets.get('bkt')!.objects.get(Key)!.seal;
  return { ...c, key, put, get, seal };
}
export type Arranged = Awaited<ReturnType<typeof arrange>>;

/** As `arrange`, with SSE-C writes allowed in `bkt` (BlockedEncryptionTypes NONE, S3-14). */
export async function arrangeAllowingSseC() {
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

/** A bucket (arranged by `before`), an upload of `big` created with the fields `create` gives, and its calls. */
export async function upload(create: (c: Arranged) => Record<string, unknown> = () => ({}), before: (c: Arranged) => Promise<unknown> = async () => {}) {
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
