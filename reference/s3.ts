/**
 * Amazon S3 as far as server-side encryption needs it: buckets, their default encryption, and objects sealed
 * when they are written (specs/facts.md S3-1 … S3-9). An object records how it was sealed: SSE-S3, or SSE-KMS /
 * DSSE-KMS with the key ARN and a data key from the KMS model, whose encryption context is `aws:s3:arn` with the
 * object's ARN (the bucket's with a bucket key). Reading a KMS-sealed object decrypts that data key under the key
 * that sealed it, so an unusable key refuses the read with KMS's error behind `KMS.` (S3-9). There is no real
 * cryptography and no versioning (reference/README.md, "Not modelled").
 *
 * Multipart uploads (S3-22 … S3-24): CreateMultipartUpload seals the upload as PutObject would seal an object (its
 * headers, else the bucket's default), making the data key then; each UploadPart and the completion decrypt that data
 * key, as S3 needs kms:Decrypt for them; the completed object keeps the upload's seal. An SSE-C upload takes each part
 * only with its own customer key.
 *
 * SSE-C (S3-11 … S3-15): an object written with a customer key keeps only that key's MD5 (which answers report) and a
 * salted HMAC of it, as S3 does; a read, or a copy from it, must present the same key. A new bucket blocks SSE-C writes
 * until PutBucketEncryption's `BlockedEncryptionTypes` says `NONE` (S3-14). CopyObject writes the copy as a new
 * object, sealed as the copy request says, else by the destination bucket's default, never as the source was (S3-16).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SECOND, type VirtualClock } from './clock.js';
import { DataKeyCache } from './data-key-cache.js';
import { ModelError, s3Error, s3ErrorFromKms } from './errors.js';
import type { KmsModel } from './kms.js';
import { md5Hex } from './md5.js';

/**
 * How long S3 keeps a bucket key for one requester (S3-17): AWS says only "short-lived" and "a limited time period",
 * so the length is the model's choice. Within it, the requester's SSE-KMS writes and reads of the bucket's objects
 * under that KMS key make no KMS request; the answers are the same as without a kept key, since the model uses a kept
 * key only while KMS would still allow the request (whether S3 serves from it after its key is disabled is not
 * documented). The KMS request ledger shows the saving (test/reference/s3-bucket-key-requests.test.ts).
 */
export const BUCKET_KEY_LIFETIME_SECONDS = 300;

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
  /** SSE-C: the customer key's MD5 (base64, what answers report) and a salted HMAC of it; never the key (S3-11). */
  customerKey?: { md5: string; hmac: string };
}

/** The SSE-C headers of a request as the SDK sends them: the key in base64, its MD5 in base64 (S3-11). */
export interface CustomerKeyHeaders {
  algorithm?: string;
  key?: string;
  keyMd5?: string;
}

export interface S3Object {
  key: string;
  body: Uint8Array;
  etag: string;
  lastModified: number;
  seal: ObjectSeal;
}

/** A multipart upload in progress: sealed when it was created, its parts kept until it is completed or aborted (S3-22). */
export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: number;
  /** How the completed object will be sealed: fixed by CreateMultipartUpload (its headers, else the bucket's default). */
  seal: ObjectSeal;
  parts: Map<number, { body: Uint8Array; etag: string }>;
}

export interface Bucket {
  name: string;
  arn: string;
  account: string;
  creationDate: number;
  /** Undefined: the bucket uses SSE-S3, the default every bucket has (S3-1). */
  encryption?: DefaultEncryption;
  objects: Map<string, S3Object>;
  /** Multipart uploads in progress, by upload ID. */
  uploads: Map<string, MultipartUpload>;
  /** SSE-C writes are refused (403 AccessDenied): true on every new bucket since April 2026 (S3-14). */
  sseCBlocked: boolean;
  /** `BlockedEncryptionTypes` as the last PutBucketEncryption that named it gave it (GetBucketEncryption echoes it). */
  blockedEncryptionTypes?: string[];
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
  /** SSE-C (S3-11): excludes ServerSideEncryption. */
  customer?: CustomerKeyHeaders;
}

/** CopyObject: the source, its SSE-C key if it has one, and how the copy is to be sealed (S3-15, S3-16). */
export interface CopyObjectInput {
  Bucket: string;
  Key: string;
  SourceBucket: string;
  SourceKey: string;
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
  customer?: CustomerKeyHeaders;
  copySourceCustomer?: CustomerKeyHeaders;
  /** REPLACE: new metadata, which lets an object be copied onto itself unchanged otherwise. */
  MetadataDirective?: string;
}

/** CreateMultipartUpload: where the object will be, and how it is to be sealed (S3-22), as for PutObject. */
export interface CreateMultipartUploadInput {
  Bucket: string;
  Key: string;
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
  customer?: CustomerKeyHeaders;
}

/** UploadPart: one part of an upload, with the SSE-C headers it carried (S3-23). */
export interface UploadPartInput {
  Bucket: string;
  Key: string;
  UploadId: string;
  PartNumber: number;
  Body: Uint8Array;
  customer?: CustomerKeyHeaders;
}

/** CompleteMultipartUpload: the parts to assemble, each by number and the ETag UploadPart answered. */
export interface CompleteMultipartUploadInput {
  Bucket: string;
  Key: string;
  UploadId: string;
  Parts: { PartNumber?: number; ETag?: string }[];
  customer?: CustomerKeyHeaders;
}

/** Every part of a multipart upload but the last must be at least 5 MiB (API_CompleteMultipartUpload, EntityTooSmall). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** What a write reports of an object's encryption, and what HeadObject and GetObject report (S3-7). */
export interface SseReport {
  /** Absent for SSE-C, which reports the customer algorithm and key MD5 instead (S3-11). */
  ServerSideEncryption?: SseAlgorithm;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
  SSECustomerAlgorithm?: 'AES256';
  SSECustomerKeyMD5?: string;
}

// Stryker disable next-line Regex: MC-error
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export class S3Model {
  readonly buckets = new Map<string, Bucket>();
  readonly #clock: VirtualClock;
  readonly #kms: KmsModel;
  readonly region: string;
  /** The salt of the customer keys' HMACs (S3 keeps "a randomly salted HMAC", S3-11). */
  readonly #salt = randomBytes(16);
  /** Multipart uploads started so far: their IDs are made from it, so the same calls give the same IDs. */
  #uploadCount = 0;
  /** Bucket keys kept for writes, per bucket, requester and the key a write names (S3-17). */
  readonly #bucketKeys = new DataKeyCache();
  /** Bucket keys a requester has had decrypted, per bucket, for reads of the objects sealed under them (S3-17). */
  readonly #openedBucketKeys = new DataKeyCache();

  constructor(clock: VirtualClock, kms: KmsModel, opts: { region: string }) {
    this.#clock = clock;
    this.#kms = kms;
    this.region = opts.region;
  }

  // ---------------------------------------------------------------- buckets

  createBucket(ctx: { caller: string }, name: string, tags?: Record<string, string>): void {
    if (!BUCKET_NAME.test(name))
      throw s3Error(
        'InvalidBucketName',
        // Stryker disable next-line StringLiteral: MSG
        'The specified bucket is not valid.',
      );
    const existing = this.buckets.get(name);
    if (existing) {
      // API_CreateBucket: outside us-east-1 BucketAlreadyOwnedByYou; in us-east-1, for legacy compatibility, 200 OK.
      if (existing.account !== accountOf(ctx.caller))
        throw s3Error(
          'BucketAlreadyExists',
          // Stryker disable next-line StringLiteral: MSG
          'The requested bucket name is not available. Please select a different name and try again.',
          409,
        );
      if (this.region !== 'us-east-1')
        throw s3Error(
          'BucketAlreadyOwnedByYou',
          // Stryker disable next-line StringLiteral: MSG
          'Your previous request to create the named bucket succeeded and you already own it.',
          409,
        );
      return;
    }
    this.buckets.set(name, {
      name,
      arn: `arn:aws:s3:::${name}`,
      account: accountOf(ctx.caller),
      creationDate: this.#clock.now(),
      objects: new Map(),
      uploads: new Map(),
      sseCBlocked: true,
      ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
    });
  }

  putBucketTagging(_ctx: { caller: string }, name: string, tags: Record<string, string>): void {
    this.#bucket(name).tags = tags;
  }

  /** A bucket's tags; a bucket without any answers NoSuchTagSet (404). */
  getBucketTagging(_ctx: { caller: string }, name: string): Record<string, string> {
    const tags = this.#bucket(name).tags;
    if (!tags)
      throw s3Error(
        'NoSuchTagSet',
        // Stryker disable next-line StringLiteral: MSG
        'The TagSet does not exist',
        404,
      );
    return tags;
  }

  /** Deletes a bucket without objects; uploads still in progress go with it (the model's choice; AWS does not say). */
  deleteBucket(_ctx: { caller: string }, name: string): void {
    const b = this.#bucket(name);
    if (b.objects.size > 0)
      throw s3Error(
        'BucketNotEmpty',
        // Stryker disable next-line StringLiteral: MSG
        'The bucket you tried to delete is not empty',
        409,
      );
    this.buckets.delete(name);
    this.#bucketKeys.dropResource(b.arn);
    // Stryker disable next-line CallExpression: EQ-unread
    this.#openedBucketKeys.dropResource(b.arn);
  }

  // Stryker disable next-line StringLiteral: EQ-unreachable
  listBuckets(ctx: { caller: string }, prefix = ''): Bucket[] {
    const account = accountOf(ctx.caller);
    const mine = [...this.buckets.values()].filter((b) => b.account === account && b.name.startsWith(prefix));
    // Stryker disable next-line EqualityOperator: EQ-same
    return mine.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  headBucket(_ctx: { caller: string }, name: string): Bucket {
    // Stryker disable next-line StringLiteral: EQ-same
    return this.#bucket(name, 'NotFound');
  }

  // ---------------------------------------------------------------- default encryption (S3-5, S3-6)

  putBucketEncryption(
    _ctx: { caller: string },
    name: string,
    rule: { algorithm?: string; kmsMasterKeyId?: string; bucketKeyEnabled?: boolean; blockedEncryptionTypes?: string[] },
  ): void {
    const b = this.#bucket(name);
    const blocked = rule.blockedEncryptionTypes;
    if (blocked?.some((t) => t !== 'NONE' && t !== 'SSE-C'))
      throw s3Error(
        'MalformedXML',
        // Stryker disable next-line StringLiteral: MSG
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    const algorithm = this.#algorithm(rule.algorithm, 'MalformedXML');
    if (algorithm === undefined)
      throw s3Error(
        'MalformedXML',
        // Stryker disable next-line StringLiteral: MSG
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    if (rule.kmsMasterKeyId !== undefined && algorithm === 'AES256')
      throw s3Error(
        'InvalidArgument',
        // Stryker disable next-line StringLiteral: MSG
        'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
      );
    // The key is not resolved or checked here: a key problem shows when an object is written (S3-5).
    b.encryption = {
      algorithm,
      // Stryker disable next-line ConditionalExpression: EQ-same
      ...(rule.kmsMasterKeyId !== undefined ? { kmsMasterKeyId: rule.kmsMasterKeyId } : {}),
      bucketKeyEnabled: rule.bucketKeyEnabled === true,
    };
    // S3-14: SSE-C is blocked with `SSE-C` and allowed with `NONE`; a rule that names neither leaves it as it was.
    if (blocked !== undefined && blocked.length > 0) {
      b.sseCBlocked = blocked.includes('SSE-C');
      b.blockedEncryptionTypes = [...blocked];
    }
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
    const seal = this.#sealFor(ctx, b, input.Key, input);
    const etag = `"${md5Hex(input.Body)}"`;
    b.objects.set(input.Key, { key: input.Key, body: input.Body, etag, lastModified: this.#clock.now(), seal });
    return { ETag: etag, ...sseReport(seal) };
  }

  /**
   * CopyObject (S3-15, S3-16): reads the source (an SSE-C source only with its key, as GetObject would) and writes the
   * copy as a new object, sealed as the request says or by the destination's default. An object copied onto itself
   * must change something: its encryption, or its metadata with REPLACE.
   */
  copyObject(ctx: { caller: string }, input: CopyObjectInput): SseReport & { ETag: string; LastModified: number } {
    // Stryker disable next-line StringLiteral: EQ-same
    const source = this.getObject(ctx, input.SourceBucket, input.SourceKey, input.copySourceCustomer, 'copy');
    const b = this.#bucket(input.Bucket);
    const changesEncryption = input.ServerSideEncryption !== undefined || input.SSEKMSKeyId !== undefined || customerKeyGiven(input.customer);
    if (input.SourceBucket === input.Bucket && input.SourceKey === input.Key && !changesEncryption && input.MetadataDirective !== 'REPLACE')
      throw s3Error(
        'InvalidRequest',
        // Stryker disable next-line StringLiteral: MSG
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    const seal = this.#sealFor(ctx, b, input.Key, input);
    const now = this.#clock.now();
    b.objects.set(input.Key, { key: input.Key, body: source.body, etag: source.etag, lastModified: now, seal });
    return { ETag: source.etag, LastModified: now, ...sseReport(seal) };
  }

  /** How a write (PutObject, or the copy of CopyObject) seals its object: SSE-C, its headers, or the bucket default. */
  #sealFor(
    ctx: { caller: string },
    b: Bucket,
    key: string,
    input: { ServerSideEncryption?: string; SSEKMSKeyId?: string; BucketKeyEnabled?: boolean; customer?: CustomerKeyHeaders },
  ): ObjectSeal {
    if (customerKeyGiven(input.customer)) {
      if (input.ServerSideEncryption !== undefined)
        throw s3Error(
          'InvalidArgument',
          // Stryker disable next-line StringLiteral: MSG
          'Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
        );
      const md5 = this.#checkCustomerKey(input.customer!);
      // S3-14: checked after the headers themselves (the order AWS checks them in is not recorded).
      if (b.sseCBlocked)
        throw s3Error(
          'AccessDenied',
          // Stryker disable next-line StringLiteral: MSG
          'Access Denied',
          403,
        );
      // Stryker disable next-line StringLiteral, BooleanLiteral: EQ-unread
      return { algorithm: 'AES256', bucketKeyEnabled: false, customerKey: { md5, hmac: this.#hmac(input.customer!.key!) } };
    }
    const requested = this.#algorithm(input.ServerSideEncryption, 'InvalidArgument');
    if (input.SSEKMSKeyId !== undefined && requested !== 'aws:kms' && requested !== 'aws:kms:dsse')
      throw s3Error(
        'InvalidArgument',
        // Stryker disable next-line StringLiteral: MSG
        'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
      );
    // Stryker disable next-line ConditionalExpression: EQ-same
    const fromBucket = requested === undefined ? b.encryption : undefined;
    const algorithm = requested ?? fromBucket?.algorithm ?? 'AES256';
    let seal: ObjectSeal = { algorithm, bucketKeyEnabled: false };
    if (algorithm !== 'AES256') {
      // S3-3: a KMS type without a key ID uses the AWS managed key aws/s3, also when the bucket default names none.
      // Stryker disable next-line OptionalChaining: EQ-unreachable
      const keyInput = (requested !== undefined ? input.SSEKMSKeyId : fromBucket?.kmsMasterKeyId) ?? 'alias/aws/s3';
      // Bucket keys are for SSE-KMS only (not DSSE-KMS); a request's header overrides the bucket's setting.
      const bucketKey = algorithm === 'aws:kms' && (input.BucketKeyEnabled ?? b.encryption?.bucketKeyEnabled ?? false);
      const context = { 'aws:s3:arn': bucketKey ? b.arn : objectArn(b.name, key) };
      const kept = bucketKey ? this.#keptBucketKey(ctx, b, keyInput, context) : undefined;
      if (kept) return { algorithm, keyArn: kept.keyArn, dataKeyBlob: kept.ciphertextBlob, context, bucketKeyEnabled: true };
      try {
        const dk = this.#kms.generateDataKey(kmsCall(ctx, b, context), keyInput, { KeySpec: 'AES_256', EncryptionContext: context });
        seal = { algorithm, keyArn: dk.keyArn, dataKeyBlob: dk.ciphertextBlob, context, bucketKeyEnabled: bucketKey };
        if (bucketKey) this.#keepBucketKey(this.#bucketKeys, b, ctx, keyInput, dk.keyArn, dk.ciphertextBlob);
      } catch (e) {
        throw e instanceof ModelError ? s3ErrorFromKms(e) : e;
      }
    }
    return seal;
  }

  /**
   * The SSE-C headers of a write (S3-11): algorithm AES256, a 256-bit key, and the MD5 of that key; returns the MD5.
   * The SDK computes the MD5 itself, so only a request built by hand can send a wrong one.
   */
  #checkCustomerKey(h: CustomerKeyHeaders): string {
    if (h.algorithm === undefined)
      throw s3Error(
        'InvalidArgument',
        // Stryker disable next-line StringLiteral: MSG
        'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
      );
    if (h.algorithm !== 'AES256')
      throw s3Error(
        'InvalidEncryptionAlgorithmError',
        // Stryker disable next-line StringLiteral: MSG
        'The Encryption request you specified is not valid. Supported value: AES256.',
      );
    if (h.key === undefined)
      throw s3Error(
        'InvalidArgument',
        // Stryker disable next-line StringLiteral: MSG
        'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
      );
    const bytes = Buffer.from(h.key, 'base64');
    const md5 = createHash('md5').update(bytes).digest('base64');
    if (h.keyMd5 !== md5)
      throw s3Error(
        'InvalidArgument',
        // Stryker disable next-line StringLiteral: MSG
        'The calculated MD5 hash of the key did not match the hash that was provided.',
      );
    if (bytes.length !== 32)
      throw s3Error(
        'InvalidArgument',
        // Stryker disable next-line StringLiteral: MSG
        'The secret key was invalid for the specified algorithm.',
      );
    return md5;
  }

  #hmac(keyBase64: string): string {
    // Stryker disable next-line StringLiteral: EQ-same
    const key = Buffer.from(keyBase64, 'base64');
    return createHmac('sha256', this.#salt).update(key).digest('base64');
  }

  /**
   * A read of an object (GetObject, HeadObject, the source of a copy) with the SSE-C headers it carried (S3-13): an
   * SSE-C object needs its own key (none: 400 InvalidRequest; another: 403 AccessDenied); another object refuses them.
   * HeadObject's errors have no body: the SDK names them by status alone (`Unknown`; 404 is `NotFound`).
   */
  #admit(o: S3Object, given: CustomerKeyHeaders | undefined, how: 'get' | 'head' | 'copy'): void {
    const head = how === 'head';
    const stored = o.seal.customerKey;
    if (!customerKeyGiven(given)) {
      if (stored)
        throw s3Error(
          head ? 'Unknown' : 'InvalidRequest',
          // Stryker disable next-line StringLiteral: MSG
          'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
        );
      return;
    }
    if (!stored)
      throw s3Error(
        head ? 'Unknown' : 'InvalidRequest',
        // Stryker disable next-line StringLiteral: MSG
        'The encryption parameters are not applicable to this object.',
      );
    // Headers checked first; then the key itself, by the salted HMAC S3 keeps (its MD5 would tell as much).
    this.#checkCustomerKey(given!);
    if (this.#hmac(given!.key!) !== stored.hmac)
      throw s3Error(
        head ? 'Unknown' : 'AccessDenied',
        // Stryker disable next-line StringLiteral: MSG
        'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
        403,
      );
  }

  /** Reads an object: a KMS-sealed one only after its data key is decrypted under the key that sealed it (S3-9). */
  // Stryker disable next-line StringLiteral: EQ-same
  getObject(ctx: { caller: string }, bucket: string, key: string, customer?: CustomerKeyHeaders, how: 'get' | 'copy' = 'get'): S3Object {
    const b = this.#bucket(bucket);
    const o = b.objects.get(key);
    if (!o)
      throw s3Error(
        'NoSuchKey',
        // Stryker disable next-line StringLiteral: MSG
        'The specified key does not exist.',
        404,
      );
    this.#admit(o, customer, how);
    this.#unseal(ctx, b, o.seal);
    return o;
  }

  /**
   * Decrypts a KMS seal's data key under the key that made it (S3-9); nothing to do for SSE-S3 and SSE-C. A bucket key
   * this requester has had decrypted already is not decrypted again within its lifetime, while KMS would allow it (S3-17).
   */
  #unseal(ctx: { caller: string }, b: Bucket, seal: ObjectSeal): void {
    if (!seal.dataKeyBlob) return;
    const kctx = kmsCall(ctx, b, seal.context!);
    const blobId = seal.bucketKeyEnabled ? `${seal.keyArn}\n${Buffer.from(seal.dataKeyBlob).toString('base64')}` : undefined;
    // Stryker disable next-line ConditionalExpression: EQ-same
    const opened = blobId === undefined ? undefined : this.#openedBucketKeys.get(b.arn, ctx.caller, blobId, this.#clock.now());
    if (opened && this.#kms.usableKeyArn(seal.keyArn!, 'kms:Decrypt', kctx) === seal.keyArn) return;
    try {
      this.#kms.decrypt(kctx, seal.dataKeyBlob, { EncryptionContext: seal.context });
    } catch (e) {
      throw e instanceof ModelError ? s3ErrorFromKms(e) : e;
    }
    // Stryker disable next-line ConditionalExpression: EQ-unread
    if (blobId !== undefined) this.#keepBucketKey(this.#openedBucketKeys, b, ctx, blobId, seal.keyArn!, seal.dataKeyBlob);
  }

  /** A bucket key this requester keeps for `keyInput`, if it is still in its lifetime and KMS would still make one (S3-17). */
  #keptBucketKey(ctx: { caller: string }, b: Bucket, keyInput: string, context: Record<string, string>) {
    const kept = this.#bucketKeys.get(b.arn, ctx.caller, keyInput, this.#clock.now());
    return kept && this.#kms.usableKeyArn(keyInput, 'kms:GenerateDataKey', kmsCall(ctx, b, context)) === kept.keyArn ? kept : undefined;
  }

  #keepBucketKey(cache: DataKeyCache, b: Bucket, ctx: { caller: string }, keyInput: string, keyArn: string, ciphertextBlob: Uint8Array): void {
    cache.set(b.arn, ctx.caller, { keyInput, keyArn, ciphertextBlob, expiresAt: this.#clock.now() + BUCKET_KEY_LIFETIME_SECONDS * SECOND });
  }

  /** An object's metadata, without reading it: no KMS request (the model's choice; AWS does not say). */
  headObject(_ctx: { caller: string }, bucket: string, key: string, customer?: CustomerKeyHeaders): S3Object {
    // Stryker disable next-line StringLiteral: EQ-same
    const o = this.#bucket(bucket, 'NotFound').objects.get(key);
    // HeadObject's 404 has no body: the SDK names the error by its status.
    if (!o)
      throw s3Error(
        'NotFound',
        // Stryker disable next-line StringLiteral: MSG
        'Not Found',
        404,
      );
    this.#admit(o, customer, 'head');
    return o;
  }

  deleteObject(_ctx: { caller: string }, bucket: string, key: string): void {
    this.#bucket(bucket).objects.delete(key);
  }

  // Stryker disable next-line StringLiteral: EQ-unreachable
  listObjects(_ctx: { caller: string }, bucket: string, prefix = ''): S3Object[] {
    // Stryker disable next-line EqualityOperator: EQ-same
    return [...this.#bucket(bucket).objects.values()].filter((o) => o.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  // ---------------------------------------------------------------- multipart uploads (S3-22 … S3-24)

  /**
   * Starts a multipart upload, sealed the way the request says, else the way the bucket's default says, as PutObject
   * seals an object (S3-22): a KMS type makes the data key now (S3-24: CreateMultipartUpload needs kms:GenerateDataKey).
   */
  createMultipartUpload(ctx: { caller: string }, input: CreateMultipartUploadInput): SseReport & { UploadId: string } {
    const b = this.#bucket(input.Bucket);
    const seal = this.#sealFor(ctx, b, input.Key, input);
    // Opaque, but in the order uploads were started: ListMultipartUploads pages by comparing them (its UploadIdMarker).
    // Stryker disable next-line StringLiteral: EQ-opaque
    const tail = Buffer.from(`${input.Bucket}/${input.Key}`).toString('base64url');
    const uploadId = `${String(++this.#uploadCount).padStart(10, '0')}${tail}`;
    b.uploads.set(uploadId, { uploadId, key: input.Key, initiated: this.#clock.now(), seal, parts: new Map() });
    return { UploadId: uploadId, ...sseReport(seal) };
  }

  /**
   * Stores one part of an upload (a part sent again replaces it). An SSE-C upload takes a part only with its own
   * customer key (S3-23); a KMS upload's data key is decrypted for each part (S3-24: UploadPart needs kms:Decrypt).
   */
  uploadPart(ctx: { caller: string }, input: UploadPartInput): SseReport & { ETag: string } {
    const b = this.#bucket(input.Bucket);
    const u = this.#upload(b, input.Key, input.UploadId);
    if (!Number.isInteger(input.PartNumber) || input.PartNumber < 1 || input.PartNumber > 10_000)
      throw s3Error(
        'InvalidArgument',
        // Stryker disable next-line StringLiteral: MSG
        'Part number must be an integer between 1 and 10000, inclusive',
      );
    this.#admitPart(u, input.customer, true);
    this.#unseal(ctx, b, u.seal);
    const etag = `"${md5Hex(input.Body)}"`;
    u.parts.set(input.PartNumber, { body: input.Body, etag });
    return { ETag: etag, ...sseReport(u.seal) };
  }

  /**
   * Assembles the listed parts, in ascending order, into the object, which keeps the upload's seal (S3-22). The SSE-C
   * headers are not needed here; given, they must be the upload's. Every part but the last must be 5 MiB or more.
   */
  completeMultipartUpload(ctx: { caller: string }, input: CompleteMultipartUploadInput): SseReport & { ETag: string } {
    const b = this.#bucket(input.Bucket);
    const u = this.#upload(b, input.Key, input.UploadId);
    this.#admitPart(u, input.customer, false);
    if (input.Parts.length === 0)
      throw s3Error(
        'MalformedXML',
        // Stryker disable next-line StringLiteral: MSG
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    const parts = input.Parts.map((p, i) => {
      if (i > 0 && (p.PartNumber ?? 0) <= (input.Parts[i - 1]!.PartNumber ?? 0))
        throw s3Error(
          'InvalidPartOrder',
          // Stryker disable next-line StringLiteral: MSG
          'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
        );
      const part = u.parts.get(p.PartNumber ?? 0);
      // Stryker disable next-line StringLiteral: EQ-same
      if (!part || unquoted(part.etag) !== unquoted(p.ETag ?? ''))
        throw s3Error(
          'InvalidPart',
          // Stryker disable next-line StringLiteral: MSG
          "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        );
      return part;
    });
    if (parts.slice(0, -1).some((p) => p.body.length < MIN_PART_BYTES))
      throw s3Error(
        'EntityTooSmall',
        // Stryker disable next-line StringLiteral: MSG
        'Your proposed upload is smaller than the minimum allowed size',
      );
    this.#unseal(ctx, b, u.seal);
    const body = Buffer.concat(parts.map((p) => p.body));
    const digests = Buffer.concat(parts.map((p) => Buffer.from(unquoted(p.etag), 'hex')));
    const etag = `"${md5Hex(digests)}-${parts.length}"`;
    b.objects.set(input.Key, { key: input.Key, body: new Uint8Array(body), etag, lastModified: this.#clock.now(), seal: u.seal });
    b.uploads.delete(u.uploadId);
    return { ETag: etag, ...sseReport(u.seal) };
  }

  abortMultipartUpload(_ctx: { caller: string }, bucket: string, key: string, uploadId: string): void {
    const b = this.#bucket(bucket);
    b.uploads.delete(this.#upload(b, key, uploadId).uploadId);
  }

  /** The uploads in progress, by key and then by when they were started (the order their IDs sort in). */
  listMultipartUploads(_ctx: { caller: string }, bucket: string): MultipartUpload[] {
    const order = (u: MultipartUpload) => `${u.key}\u0000${u.uploadId}`;
    // Stryker disable next-line EqualityOperator: EQ-same
    return [...this.#bucket(bucket).uploads.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  }

  #upload(b: Bucket, key: string, uploadId: string): MultipartUpload {
    const u = b.uploads.get(uploadId);
    if (!u || u.key !== key)
      throw s3Error(
        'NoSuchUpload',
        // Stryker disable next-line StringLiteral: MSG
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        404,
      );
    return u;
  }

  /**
   * The SSE-C headers of a part (S3-23): an SSE-C upload needs its own key on every part (none is InvalidRequest, as
   * recorded on AWS; another is InvalidRequest too, the model's reading), and an upload without SSE-C refuses them.
   * The completion (`required` false) may leave them out.
   */
  #admitPart(u: MultipartUpload, given: CustomerKeyHeaders | undefined, required: boolean): void {
    const stored = u.seal.customerKey;
    if (!customerKeyGiven(given)) {
      if (stored && required)
        throw s3Error(
          'InvalidRequest',
          // Stryker disable next-line StringLiteral: MSG
          'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.',
        );
      return;
    }
    if (!stored)
      throw s3Error(
        'InvalidRequest',
        // Stryker disable next-line StringLiteral: MSG
        'The encryption parameters are not applicable to this object.',
      );
    // Headers checked first; then the key itself, by the salted HMAC S3 keeps (its MD5 would tell as much).
    this.#checkCustomerKey(given!);
    if (this.#hmac(given!.key!) !== stored.hmac)
      throw s3Error(
        'InvalidRequest',
        // Stryker disable next-line StringLiteral: MSG
        'The provided encryption parameters did not match the ones used originally.',
      );
  }

  // ---------------------------------------------------------------- internals

  #bucket(name: string, missing: 'NoSuchBucket' | 'NotFound' = 'NoSuchBucket'): Bucket {
    const b = this.buckets.get(name);
    if (!b)
      throw s3Error(
        missing,
        // Stryker disable next-line ConditionalExpression, EqualityOperator, StringLiteral: MSG
        missing === 'NotFound' ? 'Not Found' : 'The specified bucket does not exist',
        404,
      );
    return b;
  }

  #algorithm(value: string | undefined, error: string): SseAlgorithm | undefined {
    if (value === undefined) return undefined;
    if (!(SSE_ALGORITHMS as readonly string[]).includes(value))
      throw s3Error(
        error,
        // Stryker disable next-line StringLiteral: MSG
        'The encryption method specified is not supported',
      );
    return value as SseAlgorithm;
  }
}

/** An object's ARN: `arn:aws:s3:::bucket/key` (S3-8). */
export const objectArn = (bucket: string, key: string): string => `arn:aws:s3:::${bucket}/${key}`;

/** What HeadObject, GetObject and PutObject report of a seal (S3-7): the key as its ARN, BucketKeyEnabled only when true. */
export function sseReport(seal: ObjectSeal): SseReport {
  if (seal.customerKey) return { SSECustomerAlgorithm: 'AES256', SSECustomerKeyMD5: seal.customerKey.md5 };
  return {
    ServerSideEncryption: seal.algorithm,
    // Stryker disable next-line ConditionalExpression: EQ-same
    ...(seal.keyArn !== undefined ? { SSEKMSKeyId: seal.keyArn } : {}),
    ...(seal.bucketKeyEnabled ? { BucketKeyEnabled: true } : {}),
  };
}

function kmsCall(ctx: { caller: string }, b: Bucket, context: Record<string, string>) {
  return { caller: ctx.caller, viaService: 's3' as const, account: b.account, resource: context['aws:s3:arn'], encryptionContext: context };
}

/** An ETag without its quotes (UploadPart answers one quoted; a client may list it either way). */
// Stryker disable next-line Regex: EQ-same
const unquoted = (etag: string): string => etag.replace(/^"|"$/g, '');

/** Whether a request carries any SSE-C header (the SDK sends all three when given a key). */
const customerKeyGiven = (h: CustomerKeyHeaders | undefined): boolean =>
  h !== undefined && (h.algorithm !== undefined || h.key !== undefined || h.keyMd5 !== undefined);

// Stryker disable next-line StringLiteral: EQ-unreachable
const accountOf = (principal: string): string => principal.split(':')[4] ?? '';
