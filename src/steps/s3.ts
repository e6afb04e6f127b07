/**
 * Arrange-steps of the S3 clauses: each is one or two recorded calls through the session, so a counterexample shows
 * exactly what was done. Shared KMS steps are in ../steps.ts.
 */
import {
  CompleteMultipartUploadCommand,
  type CompleteMultipartUploadCommandOutput,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  type CreateMultipartUploadCommandInput,
  type CreateMultipartUploadCommandOutput,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  type GetObjectCommandInput,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  type HeadObjectCommandOutput,
  type PutObjectCommandInput,
  type ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { createHash } from 'node:crypto';
import type { Encryption, S3KeyForm, UnusableKeyCase } from '../arbitraries/objects.js';
import { fails, OK } from '../outcome.js';
import type { Output, Session } from '../session.js';
import { createKey, makeUnusable, nameKey, type Key } from '../steps.js';

/** A new, run-prefixed bucket, in the Region of the session's S3 client (outside us-east-1 CreateBucket must name it). */
export async function createBucket(s: Session): Promise<string> {
  const bucket = s.name('bucket');
  const region = await s.target.clients().s3.config.region();
  await s.send(
    new CreateBucketCommand({ Bucket: bucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }) }),
  );
  return bucket;
}

/** The request fields that ask for an encryption (S3-2, S3-3), with the key named as `id` when it is the clause's own. */
export function encryptionFields(e: Encryption, id?: string): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'> {
  if (e.type === 'AES256') return { ServerSideEncryption: 'AES256' };
  return { ServerSideEncryption: e.type, ...(e.key === 'own' && id !== undefined ? { SSEKMSKeyId: id } : {}) };
}

/** A key for an encryption that names one of the clause's own, named in `form`; none for SSE-S3 or aws/s3. */
export async function keyFor(s: Session, e: Encryption, form: S3KeyForm = 'key-id'): Promise<{ key?: Key; id?: string }> {
  if (e.type === 'AES256' || e.key === 'aws-managed') return {};
  const key = await createKey(s);
  return { key, id: await nameKey(s, key, form) };
}

export async function putObject(s: Session, bucket: string, objectKey: string, body: string, sse: Partial<PutObjectCommandInput> = {}): Promise<void> {
  await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ...sse }));
}

/**
 * Sets a bucket's default encryption (S3-5) to an encryption, with the key named as `id` when it is the clause's own,
 * and with `bucketKey` as its BucketKeyEnabled when given (S3-17).
 */
/**
 * A bucket and a key of the case's type, named in its form and made unusable before the bucket default or a request
 * names it (S3 checks no key when a default is set): what a request that needs a new data key is then refused for.
 * Returns the bucket, and the headers that request carries (none when the default names the key).
 */
export async function unusableKeyForWrite(s: Session, c: UnusableKeyCase): Promise<{ bucket: string; headers: ReturnType<typeof encryptionFields> }> {
  const bucket = await createBucket(s);
  const encryption = { type: c.type, key: 'own' as const };
  const { key, id } = await keyFor(s, encryption, c.form);
  await makeUnusable(s, key!, c.state);
  if (c.via === 'default') await setBucketDefault(s, bucket, encryption, id);
  return { bucket, headers: c.via === 'headers' ? encryptionFields(encryption, id) : {} };
}

export async function setBucketDefault(s: Session, bucket: string, e: Encryption, id?: string, bucketKey?: boolean): Promise<void> {
  await s.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [bucketDefaultRule(e, id, bucketKey)] } }));
}

/** The rule PutBucketEncryption takes for an encryption (S3-5), with `bucketKey` as its BucketKeyEnabled when given. */
export function bucketDefaultRule(e: Encryption, id?: string, bucketKey?: boolean): ServerSideEncryptionRule {
  const byDefault =
    e.type === 'AES256' ? { SSEAlgorithm: 'AES256' as const } : { SSEAlgorithm: e.type, ...(e.key === 'own' && id ? { KMSMasterKeyID: id } : {}) };
  return { ApplyServerSideEncryptionByDefault: byDefault, ...(bucketKey !== undefined ? { BucketKeyEnabled: bucketKey } : {}) };
}

/** The one rule of a bucket's default encryption, as GetBucketEncryption reads it (S3-5); none when it answers no rule. */
export async function bucketDefault(s: Session, bucket: string): Promise<ServerSideEncryptionRule | undefined> {
  const { ServerSideEncryptionConfiguration } = await s.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  return ServerSideEncryptionConfiguration?.Rules?.[0];
}

/**
 * Checks whether an answer about an object reports an S3 Bucket Key (S3-17): `BucketKeyEnabled: true` when it uses
 * one; when it does not, no field or `false` (AWS does not say which).
 */
export function checkBucketKey(s: Session, answer: { BucketKeyEnabled?: boolean }, expected: boolean): void {
  s.check((answer.BucketKeyEnabled === true) === expected, 'BucketKeyEnabled', expected, answer.BucketKeyEnabled ?? 'none');
}

export async function headObject(s: Session, bucket: string, objectKey: string): Promise<Output<HeadObjectCommandOutput>> {
  return s.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
}

/** Reads an object's body as text (GetObject); the answer's other fields beside it. */
export async function getObjectText(
  s: Session,
  bucket: string,
  objectKey: string,
): Promise<{ text: string; sse: string | undefined; keyId: string | undefined }> {
  const out = await s.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
  return { text: (await out.Body?.transformToString('utf8')) ?? '', sse: out.ServerSideEncryption, keyId: out.SSEKMSKeyId };
}

/**
 * Checks what HeadObject reported of an object's encryption (S3-7): its type, and for a KMS type the key's ARN (or,
 * with `keyArn` undefined, that no key is reported).
 */
export function checkEncryption(s: Session, head: { ServerSideEncryption?: string; SSEKMSKeyId?: string }, type: string, keyArn: string | undefined): void {
  s.check(head.ServerSideEncryption === type, 'ServerSideEncryption', type, head.ServerSideEncryption);
  s.check(head.SSEKMSKeyId === keyArn, 'SSEKMSKeyId', keyArn ?? 'none', head.SSEKMSKeyId ?? 'none');
}

/**
 * The AWS managed key aws/s3 (S3-3) as DescribeKey reports it (which creates it if S3 has not yet): its ARN, and who
 * manages it. Only s3.sse-kms.aws-managed-key-when-no-key-id judges the manager: a target whose aws/s3 is a customer
 * key would otherwise show that one deviation in every clause that happens to draw a write without a key ID, and a
 * clause's deviations would depend on the seed (issue 26).
 */
export async function awsManagedS3Key(s: Session): Promise<{ arn: string | undefined; manager: string | undefined }> {
  const { KeyMetadata } = await s.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
  return { arn: KeyMetadata?.Arn, manager: KeyMetadata?.KeyManager };
}

/** The ARN of the AWS managed key aws/s3 (S3-3), for a clause that only compares it. */
export async function awsManagedS3KeyArn(s: Session): Promise<string | undefined> {
  return (await awsManagedS3Key(s)).arn;
}

/**
 * The ARN of aws/s3 for a clause that compares answers with it, known before S3 answers them. DescribeKey creates
 * aws/s3 if S3 has not yet (S3-3); a target whose DescribeKey does not (kms.aws-managed-keys.describe-key-creates-the-
 * managed-key reports that) names it only once S3 has used it. There, one write with aws:kms and no key ID into
 * `bucket` (under an object key no generated key can be) makes S3 use it, and DescribeKey is asked again, judged.
 * Without this, the clause's verdict would depend on whether an earlier clause of the run had made S3 use aws/s3: a
 * `--clause` or `--shard` run would show a deviation the whole run does not (issue 26). The write is arrangement:
 * what it answers, an HTTP 5xx included, is not judged; the DescribeKey after it is.
 */
export async function awsManagedS3KeyArnBeforeUse(s: Session, bucket: string): Promise<string | undefined> {
  const described = await s.attempt(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
  if (described.ok || described.code !== 'KMS.NotFound') {
    s.expectLast(described, [OK]);
    return described.ok ? described.value.KeyMetadata?.Arn : undefined;
  }
  await s.attempt(new PutObjectCommand({ Bucket: bucket, Key: AWS_MANAGED_KEY_IN_USE, Body: '', ServerSideEncryption: 'aws:kms' }), {
    serverErrorAnswers: true,
  });
  return awsManagedS3KeyArn(s);
}

/** The object key of that write: no generated object key has a segment this long (src/arbitraries/objects.ts). */
const AWS_MANAGED_KEY_IN_USE = 'aws-managed-key-in-use';

/**
 * The key ARN answers should report for an encryption: the clause's own key's, aws/s3's (known before S3 answers,
 * `awsManagedS3KeyArnBeforeUse`, in `bucket`), or none for SSE-S3.
 */
export async function expectedKeyArn(s: Session, e: Encryption, key: Key | undefined, bucket: string): Promise<string | undefined> {
  if (e.type === 'AES256') return undefined;
  return e.key === 'own' ? key!.arn : awsManagedS3KeyArnBeforeUse(s, bucket);
}

/**
 * Allows SSE-C writes to a bucket (S3-14): since April 2026 a new bucket blocks them until its default encryption
 * says `BlockedEncryptionTypes: NONE`. The rule keeps the SSE-S3 default every bucket has (S3-1).
 */
export async function allowSseC(s: Session, bucket: string): Promise<void> {
  await s.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: ['NONE'] } }],
      },
    }),
  );
}

/** The SSE-C request fields for a customer key in base64 (S3-11); the SDK adds the key's MD5 itself. */
export const customerKeyFields = (key: string) => ({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: key });

/** The same, for the source of a copy (S3-15). */
export const copySourceKeyFields = (key: string) => ({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: key });

/** The MD5 of a customer key, in base64, as SSECustomerKeyMD5 carries it (S3-11). */
export const customerKeyMd5 = (key: string): string => createHash('md5').update(Buffer.from(key, 'base64')).digest('base64');

/** CopyObject's CopySource for an object: `bucket/key`, the key URL-encoded. */
export const copySourceOf = (bucket: string, objectKey: string): string => `${bucket}/${encodeURIComponent(objectKey)}`;

/** Checks what an answer reported of an SSE-C object (S3-11): the customer algorithm AES256 and the key's MD5. */
export function checkCustomerKey(s: Session, answer: { SSECustomerAlgorithm?: string; SSECustomerKeyMD5?: string }, key: string): void {
  s.check(answer.SSECustomerAlgorithm === 'AES256', 'SSECustomerAlgorithm', 'AES256', answer.SSECustomerAlgorithm ?? 'none');
  const md5 = customerKeyMd5(key);
  s.check(answer.SSECustomerKeyMD5 === md5, 'SSECustomerKeyMD5', md5, answer.SSECustomerKeyMD5 ?? 'none');
}

/**
 * A GetObject the clause expects to fail with `code`. Should it succeed, the session has read its body to the end
 * (src/buffered-body.ts): an answer's body left unread holds its connection, and after 50 of them (the SDK's socket
 * limit) every later call of the run waits for a socket and times out, as fakecloud's run of the SSE-C read clauses
 * showed before bodies were read.
 */
export async function getObjectRefused(s: Session, input: GetObjectCommandInput, code: string, opts: { independent?: boolean } = {}): Promise<void> {
  const observed = await s.attempt(new GetObjectCommand(input));
  if (observed.ok) await observed.value.Body?.transformToString();
  s.expectLast(observed, [fails(code)], { independent: opts.independent ?? false });
}

/**
 * Makes a command send `md5` as its SSECustomerKeyMD5, whatever its key (S3-11): the SDK's SSE-C middleware (step
 * `initialize`) computes the MD5 from the key and replaces the one given, so a middleware of the command's own, later
 * in the same step, puts `md5` back. The command's recorded input shows `md5`; a script emitted by `replay --emit`
 * builds the command without this middleware, so there the SDK's own MD5 is sent.
 */
export function withKeyMd5<C extends { input: object; middlewareStack: { add: (mw: never, opts: never) => void } }>(command: C, md5: string): C {
  (command.input as { SSECustomerKeyMD5?: string }).SSECustomerKeyMD5 = md5;
  const keepGiven = (next: (args: { input: object }) => Promise<unknown>) => (args: { input: object }) =>
    next({ ...args, input: { ...args.input, SSECustomerKeyMD5: md5 } });
  command.middlewareStack.add(keepGiven as never, { step: 'initialize', priority: 'low', name: 'sseConformanceGivenKeyMd5' } as never);
  return command;
}

/** Every part of a multipart upload but the last must be at least 5 MiB (S3-22: EntityTooSmall otherwise). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/**
 * The bodies of an upload's parts: `body` alone, or a first part of exactly 5 MiB (the least a part that is not the
 * last may be, S3-22) before it, made of one character repeated.
 */
export const partBodies = (body: string, parts: 1 | 2): string[] => (parts === 1 ? [body] : ['x'.repeat(MIN_PART_BYTES), body]);

/**
 * Starts a multipart upload (S3-22) with the given encryption fields and returns CreateMultipartUpload's answer; the
 * upload ID is required, since every later call names it.
 */
export async function createUpload(
  s: Session,
  bucket: string,
  objectKey: string,
  fields: Partial<CreateMultipartUploadCommandInput> = {},
): Promise<CreateMultipartUploadCommandOutput & { UploadId: string }> {
  const created = await s.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: objectKey, ...fields }));
  s.require(typeof created.UploadId === 'string' && created.UploadId !== '', 'UploadId', 'an upload ID', created.UploadId);
  return created as CreateMultipartUploadCommandOutput & { UploadId: string };
}

/** Completes an upload with the parts listed as UploadPart answered them, numbered from 1 (S3-22). */
export async function completeUpload(
  s: Session,
  bucket: string,
  objectKey: string,
  uploadId: string,
  etags: (string | undefined)[],
  fields: Record<string, unknown> = {},
): Promise<Output<CompleteMultipartUploadCommandOutput>> {
  return s.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: objectKey,
      UploadId: uploadId,
      MultipartUpload: { Parts: etags.map((ETag, n) => ({ PartNumber: n + 1, ETag })) },
      ...fields,
    }),
  );
}
