/**
 * Arrange-steps of the S3 clauses: each is one or two recorded calls through the session, so a counterexample shows
 * exactly what was done. Shared KMS steps are in ../steps.ts.
 */
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  type HeadObjectCommandOutput,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import type { Encryption, S3KeyForm } from '../arbitraries/objects.js';
import type { Output, Session } from '../session.js';
import { createKey, nameKey, type Key } from '../steps.js';

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

/** Sets a bucket's default encryption (S3-5) to an encryption, with the key named as `id` when it is the clause's own. */
export async function setBucketDefault(s: Session, bucket: string, e: Encryption, id?: string): Promise<void> {
  const byDefault =
    e.type === 'AES256' ? { SSEAlgorithm: 'AES256' as const } : { SSEAlgorithm: e.type, ...(e.key === 'own' && id ? { KMSMasterKeyID: id } : {}) };
  await s.send(
    new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: byDefault }] } }),
  );
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

/** The ARN of the AWS managed key aws/s3 (S3-3), as DescribeKey reports it (which creates it if S3 has not yet). */
export async function awsManagedS3KeyArn(s: Session): Promise<string | undefined> {
  const { KeyMetadata } = await s.send(new DescribeKeyCommand({ KeyId: 'alias/aws/s3' }));
  s.check(KeyMetadata?.KeyManager === 'AWS', 'KeyManager', 'AWS', KeyMetadata?.KeyManager);
  return KeyMetadata?.Arn;
}

/** The key ARN HeadObject should report for an encryption: the clause's own key's, aws/s3's, or none for SSE-S3. */
export async function expectedKeyArn(s: Session, e: Encryption, key: Key | undefined): Promise<string | undefined> {
  if (e.type === 'AES256') return undefined;
  return e.key === 'own' ? key!.arn : awsManagedS3KeyArn(s);
}
