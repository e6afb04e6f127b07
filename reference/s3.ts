/**
 * Amazon S3 as far as server-side encryption needs it: buckets, their default encryption, and objects sealed
 * when they are written (specs/facts.md S3-1 … S3-9). An object records how it was sealed: SSE-S3, or SSE-KMS /
 * DSSE-KMS with the key ARN and a data key from the KMS model, whose encryption context is `aws:s3:arn` with the
 * object's ARN (the bucket's with a bucket key). Reading a KMS-sealed object decrypts that data key under the key
 * that sealed it, so an unusable key refuses the read with KMS's error behind `KMS.` (S3-9). There is no real
 * cryptography, no versioning, no multipart upload, no copy and no SSE-C (reference/README.md, "Not modelled").
 */
import type { VirtualClock } from './clock.js';
import { ModelError, s3Error, s3ErrorFromKms } from './errors.js';
import type { KmsModel } from './kms.js';
import { md5Hex } from './md5.js';

/** The three server-side encryption types a general purpose bucket stores objects with (S3-2). */
export type SseAlgorithm = 'AES256' | 'aws:kms' | 'aws:kms:dsse';
export const SSE_ALGORITHMS: readonly SseAlgorithm[] = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** A bucket's default encryption (PutBucketEncryption); a bucket without one uses SSE-S3 (S3-1, S3-6). */
export interface DefaultEncryption {
  algorithm: SseAlgorithm;
  /** As given (key ID, key ARN, alias name or alias ARN): S3 does not resolve or validate it when it is set. */
  kmsMasterKeyId?: string;
  bucketKeyEnabled: boolean;
}

/** How an object was sealed when it was written. */
export interface ObjectSeal {
  algorithm: SseAlgorithm;
  /** KMS types: the ARN of the key that made the data key (S3-7: what HeadObject and GetObject report). */
  keyArn?: string;
  dataKeyBlob?: Uint8Array;
  /** The encryption context the data key was made with (S3-8). */
  context?: Record<string, string>;
  bucketKeyEnabled: boolean;
}

export interface S3Object {
  key: string;
  body: Uint8Array;
  etag: string;
  lastModified: number;
  seal: ObjectSeal;
}

export interface Bucket {
  name: string;
  arn: string;
  account: string;
  creationDate: number;
  /** Undefined: the bucket uses SSE-S3, the default every bucket has (S3-1). */
  encryption?: DefaultEncryption;
  objects: Map<string, S3Object>;
  /** Bucket tags (CreateBucket's `CreateBucketConfiguration.Tags`, PutBucketTagging): stored, nothing more. */
  tags?: Record<string, string>;
}

export interface PutObjectInput {
  Bucket: string;
  Key: string;
  Body: Uint8Array;
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
}

/** What a write reports of an object's encryption, and what HeadObject and GetObject report (S3-7). */
export interface SseReport {
  ServerSideEncryption: SseAlgorithm;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
}

// Stryker disable next-line Regex: MC-error
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export class S3Model {
  readonly buckets = new Map<string, Bucket>();
  readonly #clock: VirtualClock;
  readonly #kms: KmsModel;
  readonly region: string;

  constructor(clock: VirtualClock, kms: KmsModel, opts: { region: string }) {
    this.#clock = clock;
    this.#kms = kms;
    this.region = opts.region;
  }

  // ---------------------------------------------------------------- buckets

  createBucket(ctx: { caller: string }, name: string, tags?: Record<string, string>): void {
    if (!BUCKET_NAME.test(name)) throw s3Error('InvalidBucketName', 'The specified bucket is not valid.');
    const existing = this.buckets.get(name);
    if (existing) {
      // API_CreateBucket: outside us-east-1 BucketAlreadyOwnedByYou; in us-east-1, for legacy compatibility, 200 OK.
      if (existing.account !== accountOf(ctx.caller))
        throw s3Error('BucketAlreadyExists', 'The requested bucket name is not available. Please select a different name and try again.', 409);
      if (this.region !== 'us-east-1')
        throw s3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409);
      return;
    }
    this.buckets.set(name, {
      name,
      arn: `arn:aws:s3:::${name}`,
      account: accountOf(ctx.caller),
      creationDate: this.#clock.now(),
      objects: new Map(),
      ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
    });
  }

  putBucketTagging(_ctx: { caller: string }, name: string, tags: Record<string, string>): void {
    this.#bucket(name).tags = tags;
  }

  /** A bucket's tags; a bucket without any answers NoSuchTagSet (404). */
  getBucketTagging(_ctx: { caller: string }, name: string): Record<string, string> {
    const tags = this.#bucket(name).tags;
    if (!tags) throw s3Error('NoSuchTagSet', 'The TagSet does not exist', 404);
    return tags;
  }

  deleteBucket(_ctx: { caller: string }, name: string): void {
    const b = this.#bucket(name);
    if (b.objects.size > 0) throw s3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
    this.buckets.delete(name);
  }

  listBuckets(ctx: { caller: string }, prefix = ''): Bucket[] {
    const account = accountOf(ctx.caller);
    return [...this.buckets.values()].filter((b) => b.account === account && b.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  headBucket(_ctx: { caller: string }, name: string): Bucket {
    return this.#bucket(name, 'NotFound');
  }

  // ---------------------------------------------------------------- default encryption (S3-5, S3-6)

  putBucketEncryption(_ctx: { caller: string }, name: string, rule: { algorithm?: string; kmsMasterKeyId?: string; bucketKeyEnabled?: boolean }): void {
    const b = this.#bucket(name);
    const algorithm = this.#algorithm(rule.algorithm, 'MalformedXML');
    if (algorithm === undefined) throw s3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (rule.kmsMasterKeyId !== undefined && algorithm === 'AES256')
      throw s3Error('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse');
    // The key is not resolved or checked here: a key problem shows when an object is written (S3-5).
    b.encryption = {
      algorithm,
      ...(rule.kmsMasterKeyId !== undefined ? { kmsMasterKeyId: rule.kmsMasterKeyId } : {}),
      bucketKeyEnabled: rule.bucketKeyEnabled === true,
    };
  }

  /** The bucket's default encryption: SSE-S3 when none was set or it was deleted (S3-1, S3-6). */
  getBucketEncryption(_ctx: { caller: string }, name: string): DefaultEncryption {
    return this.#bucket(name).encryption ?? { algorithm: 'AES256', bucketKeyEnabled: false };
  }

  deleteBucketEncryption(_ctx: { caller: string }, name: string): void {
    delete this.#bucket(name).encryption;
  }

  // ---------------------------------------------------------------- objects

  /**
   * Writes an object, sealed the way the request says, else the way the bucket's default says (S3-4, S3-5). A KMS
   * type makes a data key now, with the object's ARN as encryption context (S3-8); a key KMS refuses fails the
   * write (S3-9) and stores nothing.
   */
  putObject(ctx: { caller: string }, input: PutObjectInput): SseReport & { ETag: string } {
    const b = this.#bucket(input.Bucket);
    const requested = this.#algorithm(input.ServerSideEncryption, 'InvalidArgument');
    if (input.SSEKMSKeyId !== undefined && requested !== 'aws:kms' && requested !== 'aws:kms:dsse')
      throw s3Error('InvalidArgument', 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms');
    const fromBucket = requested === undefined ? b.encryption : undefined;
    const algorithm = requested ?? fromBucket?.algorithm ?? 'AES256';
    let seal: ObjectSeal = { algorithm, bucketKeyEnabled: false };
    if (algorithm !== 'AES256') {
      // S3-3: a KMS type without a key ID uses the AWS managed key aws/s3, also when the bucket default names none.
      const keyInput = (requested !== undefined ? input.SSEKMSKeyId : fromBucket?.kmsMasterKeyId) ?? 'alias/aws/s3';
      // Bucket keys are for SSE-KMS only (not DSSE-KMS); a request's header overrides the bucket's setting.
      const bucketKey = algorithm === 'aws:kms' && (input.BucketKeyEnabled ?? b.encryption?.bucketKeyEnabled ?? false);
      const context = { 'aws:s3:arn': bucketKey ? b.arn : objectArn(b.name, input.Key) };
      try {
        const dk = this.#kms.generateDataKey(kmsCall(ctx, b, context), keyInput, { KeySpec: 'AES_256', EncryptionContext: context });
        seal = { algorithm, keyArn: dk.keyArn, dataKeyBlob: dk.ciphertextBlob, context, bucketKeyEnabled: bucketKey };
      } catch (e) {
        throw e instanceof ModelError ? s3ErrorFromKms(e) : e;
      }
    }
    const etag = `"${md5Hex(input.Body)}"`;
    b.objects.set(input.Key, { key: input.Key, body: input.Body, etag, lastModified: this.#clock.now(), seal });
    return { ETag: etag, ...sseReport(seal) };
  }

  /** Reads an object: a KMS-sealed one only after its data key is decrypted under the key that sealed it (S3-9). */
  getObject(ctx: { caller: string }, bucket: string, key: string): S3Object {
    const b = this.#bucket(bucket);
    const o = b.objects.get(key);
    if (!o) throw s3Error('NoSuchKey', 'The specified key does not exist.', 404);
    const { seal } = o;
    if (seal.dataKeyBlob) {
      try {
        this.#kms.decrypt(kmsCall(ctx, b, seal.context!), seal.dataKeyBlob, { EncryptionContext: seal.context });
      } catch (e) {
        throw e instanceof ModelError ? s3ErrorFromKms(e) : e;
      }
    }
    return o;
  }

  /** An object's metadata, without reading it: no KMS request (the model's choice; AWS does not say). */
  headObject(_ctx: { caller: string }, bucket: string, key: string): S3Object {
    const o = this.#bucket(bucket, 'NotFound').objects.get(key);
    // HeadObject's 404 has no body: the SDK names the error by its status.
    if (!o) throw s3Error('NotFound', 'Not Found', 404);
    return o;
  }

  deleteObject(_ctx: { caller: string }, bucket: string, key: string): void {
    this.#bucket(bucket).objects.delete(key);
  }

  listObjects(_ctx: { caller: string }, bucket: string, prefix = ''): S3Object[] {
    return [...this.#bucket(bucket).objects.values()].filter((o) => o.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  // ---------------------------------------------------------------- internals

  #bucket(name: string, missing: 'NoSuchBucket' | 'NotFound' = 'NoSuchBucket'): Bucket {
    const b = this.buckets.get(name);
    if (!b) throw s3Error(missing, missing === 'NotFound' ? 'Not Found' : 'The specified bucket does not exist', 404);
    return b;
  }

  #algorithm(value: string | undefined, error: string): SseAlgorithm | undefined {
    if (value === undefined) return undefined;
    if (!(SSE_ALGORITHMS as readonly string[]).includes(value)) throw s3Error(error, 'The encryption method specified is not supported');
    return value as SseAlgorithm;
  }
}

/** An object's ARN: `arn:aws:s3:::bucket/key` (S3-8). */
export const objectArn = (bucket: string, key: string): string => `arn:aws:s3:::${bucket}/${key}`;

/** What HeadObject, GetObject and PutObject report of a seal (S3-7): the key as its ARN, BucketKeyEnabled only when true. */
export function sseReport(seal: ObjectSeal): SseReport {
  return {
    ServerSideEncryption: seal.algorithm,
    ...(seal.keyArn !== undefined ? { SSEKMSKeyId: seal.keyArn } : {}),
    ...(seal.bucketKeyEnabled ? { BucketKeyEnabled: true } : {}),
  };
}

function kmsCall(ctx: { caller: string }, b: Bucket, context: Record<string, string>) {
  return { caller: ctx.caller, viaService: 's3' as const, account: b.account, resource: context['aws:s3:arn'], encryptionContext: context };
}

const accountOf = (principal: string): string => principal.split(':')[4] ?? '';
