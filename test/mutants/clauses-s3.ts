/**
 * Mutants for the S3 clauses (issue 24). Those that break a rule of the S3 model itself replace a method of
 * `model.s3` (once per model: decorate runs for every principal's clients); the others wrap the SDK answer. Each
 * names the deviation its clause must report.
 */
import { createHash } from 'node:crypto';
import type { ReferenceModel } from '../../reference/model.js';
import {
  type CopyObjectInput,
  type CreateMultipartUploadInput,
  type PutObjectInput,
  SSE_ALGORITHMS,
  type S3Model,
  sseReport,
  type UploadPartInput,
} from '../../reference/s3.js';
import { around, type Any, type Mutant } from './kit.js';

const patched = new WeakSet<ReferenceModel>();
/** Replaces methods of the model's S3 once per model; `original` calls the unmutated method. */
type Patchable =
  | 'putObject'
  | 'getObject'
  | 'headObject'
  | 'copyObject'
  | 'putBucketEncryption'
  | 'createMultipartUpload'
  | 'uploadPart'
  | 'completeMultipartUpload';
function patchS3(model: ReferenceModel, patch: (s3: S3Model, original: Pick<S3Model, Patchable>) => void): void {
  if (patched.has(model)) return;
  patched.add(model);
  const s3 = model.s3;
  patch(s3, {
    putObject: s3.putObject.bind(s3),
    getObject: s3.getObject.bind(s3),
    headObject: s3.headObject.bind(s3),
    copyObject: s3.copyObject.bind(s3),
    putBucketEncryption: s3.putBucketEncryption.bind(s3),
    createMultipartUpload: s3.createMultipartUpload.bind(s3),
    uploadPart: s3.uploadPart.bind(s3),
    completeMultipartUpload: s3.completeMultipartUpload.bind(s3),
  });
}

const isKms = (sse: string | undefined) => sse === 'aws:kms' || sse === 'aws:kms:dsse';

export const MUTANTS_S3: Mutant[] = [
  {
    clause: 'model-based.s3-sse-lifecycle',
    signature: { service: 's3', operation: 'PutObject', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'PutObject ignores the key state: a write under a disabled key succeeds (and stores nothing)',
    decorate: ({ s3 }) =>
      around(s3, 'PutObject', (i, next) =>
        next(i).catch((e) => {
          if (/^KMS\./.test(e.name)) return { ETag: '"mutant"' };
          throw e;
        }),
      ),
  },
  {
    clause: 's3.sse-s3.objects-encrypted-by-default',
    signature: { service: 's3', operation: 'PutObject', field: 'ServerSideEncryption' },
    bug: 'objects written without encryption headers are reported as unencrypted (no ServerSideEncryption)',
    decorate: ({ s3 }) => {
      for (const op of ['PutObject', 'HeadObject', 'GetObject'])
        around(s3, op, async (i, next) => {
          const out = await next(i);
          if (out.ServerSideEncryption === 'AES256') delete out.ServerSideEncryption;
          return out;
        });
    },
  },
  {
    clause: 's3.sse-kms.put-object-with-key-reports-key-arn',
    signature: { service: 's3', operation: 'PutObject', field: 'SSEKMSKeyId' },
    bug: 'SSEKMSKeyId echoes the key as the request named it, not its ARN',
    decorate: ({ s3 }) => {
      for (const op of ['PutObject', 'HeadObject'])
        around(s3, op, async (i: Any, next) => {
          const out = await next(i);
          if (op === 'PutObject' && i.SSEKMSKeyId !== undefined) out.SSEKMSKeyId = i.SSEKMSKeyId;
          return out;
        });
    },
  },
  {
    clause: 's3.sse-kms.aws-managed-key-when-no-key-id',
    signature: { service: 's3', operation: 'HeadObject', field: 'ServerSideEncryption' },
    bug: 'a KMS type without a key ID is stored with SSE-S3 (the S3 model falls back instead of using aws/s3)',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) =>
          original.putObject(ctx, isKms(input.ServerSideEncryption) && input.SSEKMSKeyId === undefined ? { ...input, ServerSideEncryption: 'AES256' } : input);
      }),
  },
  {
    clause: 's3.bucket-encryption.default-applies-to-new-objects',
    signature: { service: 's3', operation: 'HeadObject', field: 'ServerSideEncryption' },
    bug: "the bucket's default encryption is stored but never applied: writes without headers get SSE-S3",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) =>
          original.putObject(ctx, input.ServerSideEncryption === undefined ? { ...input, ServerSideEncryption: 'AES256' } : input);
      }),
  },
  {
    clause: 's3.bucket-encryption.header-overrides-default',
    signature: { service: 's3', operation: 'HeadObject', field: 'ServerSideEncryption' },
    bug: "the bucket's default encryption wins over the request's encryption headers",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => {
          if (s3.buckets.get(input.Bucket)?.encryption === undefined) return original.putObject(ctx, input);
          const { ServerSideEncryption: _sse, SSEKMSKeyId: _key, ...rest } = input;
          return original.putObject(ctx, rest);
        };
      }),
  },
  {
    clause: 's3.bucket-encryption.delete-restores-sse-s3',
    signature: { rule: 'new-object', service: 's3', operation: 'HeadObject', field: 'ServerSideEncryption' },
    bug: 'DeleteBucketEncryption answers success but leaves the KMS default in place',
    decorate: ({ s3 }) => around(s3, 'DeleteBucketEncryption', async () => ({})),
  },
  {
    clause: 's3.backlog.changing-default-does-not-re-encrypt',
    signature: { service: 's3', operation: 'HeadObject', field: 'ServerSideEncryption' },
    bug: 'a new bucket default re-writes every object in the bucket under it',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putBucketEncryption = (ctx, name, rule) => {
          original.putBucketEncryption(ctx, name, rule);
          for (const o of [...s3.buckets.get(name)!.objects.values()]) original.putObject(ctx, { Bucket: name, Key: o.key, Body: o.body });
        };
      }),
  },
  {
    clause: 's3.key-state.disabled-key-refuses-put-object',
    signature: { service: 's3', operation: 'PutObject', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'a write under a key KMS refuses falls back to SSE-S3 instead of failing',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => {
          try {
            return original.putObject(ctx, input);
          } catch (e) {
            if (!(e as Error).name.startsWith('KMS.')) throw e;
            return original.putObject(ctx, { ...input, ServerSideEncryption: 'AES256', SSEKMSKeyId: undefined });
          }
        };
      }),
  },
  {
    clause: 's3.key-state.disabled-key-refuses-get-object',
    signature: { service: 's3', operation: 'GetObject', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'GetObject never asks KMS: an object under a disabled key stays readable',
    decorate: ({ model }) =>
      patchS3(model, (s3) => {
        s3.getObject = (_ctx, bucket, key) => {
          const o = s3.buckets.get(bucket)?.objects.get(key);
          if (!o) throw new Error(`mutant: no object ${bucket}/${key}`);
          return o;
        };
      }),
  },
  {
    clause: 's3.sse-c.blocked-on-new-buckets',
    signature: { service: 's3', operation: 'PutObject', expected: ['AccessDenied'], observed: 'success' },
    bug: 'new buckets allow SSE-C, as before April 2026',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => {
          const b = s3.buckets.get(input.Bucket);
          if (b && !b.blockedEncryptionTypes) b.sseCBlocked = false;
          return original.putObject(ctx, input);
        };
      }),
  },
  {
    clause: 's3.sse-c.write-reports-algorithm-and-key-md5',
    signature: { service: 's3', operation: 'HeadObject', field: 'SSECustomerKeyMD5' },
    bug: 'HeadObject reports the customer algorithm but not the key MD5',
    decorate: ({ s3 }) =>
      around(s3, 'HeadObject', async (i, next) => {
        const out = await next(i);
        delete out.SSECustomerKeyMD5;
        return out;
      }),
  },
  {
    clause: 's3.sse-c.read-without-key-is-refused',
    signature: { service: 's3', operation: 'GetObject', expected: ['InvalidRequest'], observed: 'success' },
    bug: 'an SSE-C object is read without its key (the key is only checked when one is given)',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.getObject = (ctx, bucket, key, customer, how) => {
          const o = s3.buckets.get(bucket)?.objects.get(key);
          if (o?.seal.customerKey && customer === undefined) return o;
          return original.getObject(ctx, bucket, key, customer, how);
        };
      }),
  },
  {
    clause: 's3.sse-c.read-with-another-key-is-refused',
    signature: { service: 's3', operation: 'GetObject', expected: ['AccessDenied'], observed: 'success' },
    bug: 'any well-formed customer key reads an SSE-C object',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.getObject = (ctx, bucket, key, customer, how) => {
          const o = s3.buckets.get(bucket)?.objects.get(key);
          if (o?.seal.customerKey && customer !== undefined) return o;
          return original.getObject(ctx, bucket, key, customer, how);
        };
      }),
  },
  {
    clause: 's3.sse-c.copy-needs-the-source-key',
    signature: { service: 's3', operation: 'CopyObject', expected: ['*'], observed: 'success' },
    bug: "CopyObject reads an SSE-C source without the source's key",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.copyObject = (ctx, input: CopyObjectInput) => {
          const source = s3.buckets.get(input.SourceBucket)?.objects.get(input.SourceKey);
          const customerKey = source?.seal.customerKey;
          if (!source || !customerKey || input.copySourceCustomer) return original.copyObject(ctx, input);
          // Reads the source as if its key had been given: drops its SSE-C seal for the copy
          delete source.seal.customerKey;
          try {
            return original.copyObject(ctx, input);
          } finally {
            source.seal.customerKey = customerKey;
          }
        };
      }),
  },
  {
    clause: 's3.backlog.copy-onto-itself-re-encrypts',
    signature: { service: 's3', operation: 'HeadObject', field: 'ServerSideEncryption' },
    bug: 'a copy onto itself answers success but keeps the object as it was',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.copyObject = (ctx, input: CopyObjectInput) => {
          if (input.Bucket !== input.SourceBucket || input.Key !== input.SourceKey) return original.copyObject(ctx, input);
          const o = s3.buckets.get(input.Bucket)?.objects.get(input.Key);
          if (!o) return original.copyObject(ctx, input);
          return { ETag: o.etag, LastModified: o.lastModified };
        };
      }),
  },
  {
    clause: 's3.sse-c.key-md5-must-match',
    signature: { service: 's3', operation: 'PutObject', expected: ['InvalidArgument'], observed: 'success' },
    bug: "an SSE-C write's key MD5 is not checked against its key",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => {
          const key = input.customer?.key;
          if (key === undefined) return original.putObject(ctx, input);
          const keyMd5 = createHash('md5').update(Buffer.from(key, 'base64')).digest('base64');
          return original.putObject(ctx, { ...input, customer: { ...input.customer, keyMd5 } });
        };
      }),
  },
  {
    clause: 's3.bucket-keys.default-applies-to-new-objects',
    signature: { service: 's3', operation: 'PutObject', field: 'BucketKeyEnabled' },
    bug: "the bucket default's BucketKeyEnabled is stored and read back, but writes never use a bucket key",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => original.putObject(ctx, { ...input, BucketKeyEnabled: input.BucketKeyEnabled ?? false });
      }),
  },
  {
    clause: 's3.bucket-keys.object-header-overrides-bucket-setting',
    signature: { service: 's3', operation: 'GetBucketEncryption', field: 'BucketKeyEnabled' },
    bug: "a write's BucketKeyEnabled header also changes the bucket's default",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => {
          const out = original.putObject(ctx, input);
          const b = s3.buckets.get(input.Bucket)!;
          if (input.BucketKeyEnabled !== undefined) b.encryption = { ...(b.encryption ?? { algorithm: 'AES256' }), bucketKeyEnabled: input.BucketKeyEnabled };
          return out;
        };
      }),
  },
  {
    clause: 's3.bucket-keys.not-used-with-dsse-kms',
    signature: { service: 's3', operation: 'PutObject', field: 'BucketKeyEnabled' },
    bug: 'a DSSE-KMS object asked to use a bucket key uses one, as an SSE-KMS object would',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => {
          const out = original.putObject(ctx, input);
          const b = s3.buckets.get(input.Bucket)!;
          const o = b.objects.get(input.Key)!;
          if (o.seal.algorithm !== 'aws:kms:dsse' || !(input.BucketKeyEnabled ?? b.encryption?.bucketKeyEnabled)) return out;
          o.seal = { ...o.seal, bucketKeyEnabled: true };
          return { ...out, BucketKeyEnabled: true };
        };
      }),
  },
  {
    clause: 's3.backlog.enabling-bucket-key-leaves-existing-objects',
    signature: { service: 's3', operation: 'HeadObject', field: 'BucketKeyEnabled' },
    bug: 'turning on a bucket key in the default makes the SSE-KMS objects already in the bucket use one',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putBucketEncryption = (ctx, name, rule) => {
          original.putBucketEncryption(ctx, name, rule);
          if (!rule.bucketKeyEnabled) return;
          for (const o of s3.buckets.get(name)!.objects.values()) if (o.seal.algorithm === 'aws:kms') o.seal = { ...o.seal, bucketKeyEnabled: true };
        };
      }),
  },
  {
    clause: 's3.bucket-keys.copy-onto-itself-adopts-bucket-key',
    signature: { service: 's3', operation: 'CopyObject', field: 'BucketKeyEnabled' },
    bug: "a copy keeps its source's bucket key setting instead of taking the destination bucket's",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.copyObject = (ctx, input: CopyObjectInput) => {
          const source = s3.buckets.get(input.SourceBucket)?.objects.get(input.SourceKey);
          return original.copyObject(ctx, { ...input, BucketKeyEnabled: input.BucketKeyEnabled ?? source?.seal.bucketKeyEnabled });
        };
      }),
  },
  {
    clause: 's3.dsse-kms.every-answer-reports-dual-layer',
    signature: { service: 's3', operation: 'GetObject', field: 'ServerSideEncryption' },
    bug: 'GetObject reports a DSSE-KMS object as aws:kms',
    decorate: ({ s3 }) =>
      around(s3, 'GetObject', async (i, next) => {
        const out = await next(i);
        if (out.ServerSideEncryption === 'aws:kms:dsse') out.ServerSideEncryption = 'aws:kms';
        return out;
      }),
  },
  {
    clause: 's3.multipart.create-encryption-applies-to-the-object',
    signature: { service: 's3', operation: 'CompleteMultipartUpload', field: 'ServerSideEncryption' },
    bug: 'the completed object of a multipart upload is stored with SSE-S3, whatever CreateMultipartUpload asked',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.completeMultipartUpload = (ctx, input) => {
          original.completeMultipartUpload(ctx, input);
          const o = s3.buckets.get(input.Bucket)!.objects.get(input.Key)!;
          o.seal = { algorithm: 'AES256', bucketKeyEnabled: false };
          return { ETag: o.etag, ServerSideEncryption: 'AES256' };
        };
      }),
  },
  {
    clause: 's3.multipart.bucket-default-applies',
    signature: { service: 's3', operation: 'CreateMultipartUpload', field: 'ServerSideEncryption' },
    bug: "CreateMultipartUpload ignores the bucket's default: an upload that names no encryption is SSE-S3",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.createMultipartUpload = (ctx, input: CreateMultipartUploadInput) =>
          original.createMultipartUpload(
            ctx,
            input.ServerSideEncryption === undefined && !input.customer ? { ...input, ServerSideEncryption: 'AES256' } : input,
          );
      }),
  },
  {
    clause: 's3.multipart.sse-c-parts-need-the-key',
    signature: { service: 's3', operation: 'UploadPart', expected: ['InvalidRequest'], observed: 'success' },
    bug: 'UploadPart of an SSE-C upload takes a part sent without the customer key',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.uploadPart = (ctx, input: UploadPartInput) => {
          const upload = s3.buckets.get(input.Bucket)?.uploads.get(input.UploadId);
          const customerKey = upload?.seal.customerKey;
          if (!upload || !customerKey || input.customer) return original.uploadPart(ctx, input);
          // Takes the part as if the upload had no customer key
          delete upload.seal.customerKey;
          try {
            return original.uploadPart(ctx, input);
          } finally {
            upload.seal.customerKey = customerKey;
          }
        };
      }),
  },
  {
    clause: 's3.key-state.disabled-key-refuses-create-multipart-upload',
    signature: { service: 's3', operation: 'CreateMultipartUpload', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'CreateMultipartUpload under a key KMS refuses starts the upload all the same, with SSE-S3',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.createMultipartUpload = (ctx, input: CreateMultipartUploadInput) => {
          try {
            return original.createMultipartUpload(ctx, input);
          } catch (e) {
            if (!(e as Error).name.startsWith('KMS.')) throw e;
            return original.createMultipartUpload(ctx, { ...input, ServerSideEncryption: 'AES256', SSEKMSKeyId: undefined });
          }
        };
      }),
  },
  {
    clause: 's3.key-state.unknown-key-refuses-put-object',
    signature: { service: 's3', operation: 'PutObject', expected: ['KMS.NotFound'], observed: 'success' },
    bug: 'a write naming a key that does not exist falls back to aws/s3 instead of failing',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) => {
          try {
            return original.putObject(ctx, input);
          } catch (e) {
            if ((e as Error).name !== 'KMS.NotFoundException') throw e;
            return original.putObject(ctx, { ...input, SSEKMSKeyId: undefined });
          }
        };
      }),
  },
  {
    clause: 's3.bucket-encryption.get-reports-what-was-put',
    signature: { service: 's3', operation: 'GetBucketEncryption', field: 'KMSMasterKeyID' },
    bug: "PutBucketEncryption merges the new rule into the old one: the old rule's key stays when the new names none",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putBucketEncryption = (ctx, name, rule) => {
          const old = s3.buckets.get(name)?.encryption?.kmsMasterKeyId;
          original.putBucketEncryption(ctx, name, rule);
          const now = s3.buckets.get(name)!.encryption!;
          if (old !== undefined && rule.kmsMasterKeyId === undefined) now.kmsMasterKeyId = old;
        };
      }),
  },
  {
    clause: 's3.copy.requested-encryption-applies-to-the-copy',
    signature: { service: 's3', operation: 'CopyObject', field: 'ServerSideEncryption' },
    bug: "CopyObject ignores the request's encryption headers: the copy keeps the source's encryption",
    decorate: ({ model }) => patchS3(model, (s3, original) => keepSourceSeal(s3, original, () => true)),
  },
  {
    clause: 's3.copy.without-headers-takes-destination-default',
    signature: { service: 's3', operation: 'CopyObject', field: 'ServerSideEncryption' },
    bug: "a copy that names no encryption keeps the source's instead of taking the destination's default",
    decorate: ({ model }) =>
      patchS3(model, (s3, original) =>
        keepSourceSeal(s3, original, (input) => input.ServerSideEncryption === undefined && input.SSEKMSKeyId === undefined && !input.customer),
      ),
  },
  {
    clause: 's3.sse-kms.get-object-reports-the-key',
    signature: { service: 's3', operation: 'GetObject', field: 'SSEKMSKeyId' },
    bug: 'GetObject leaves out the KMS key of an SSE-KMS object (HeadObject reports it)',
    decorate: ({ s3 }) =>
      around(s3, 'GetObject', async (i, next) => {
        const out = await next(i);
        delete out.SSEKMSKeyId;
        return out;
      }),
  },
  {
    clause: 's3.sse-kms.key-id-needs-a-kms-type',
    signature: { rule: 'no-type', service: 's3', operation: 'PutObject', expected: ['InvalidArgument'], observed: 'success' },
    bug: 'an SSEKMSKeyId without ServerSideEncryption is taken as a request for aws:kms',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) =>
          original.putObject(
            ctx,
            input.SSEKMSKeyId !== undefined && input.ServerSideEncryption === undefined ? { ...input, ServerSideEncryption: 'aws:kms' } : input,
          );
      }),
  },
  {
    clause: 's3.requests.unsupported-encryption-is-refused',
    signature: { rule: 'put', service: 's3', operation: 'PutObject', expected: ['InvalidArgument'], observed: 'success' },
    bug: 'PutObject stores an object with an unsupported ServerSideEncryption value as SSE-S3',
    decorate: ({ model }) =>
      patchS3(model, (s3, original) => {
        s3.putObject = (ctx, input: PutObjectInput) =>
          original.putObject(
            ctx,
            input.ServerSideEncryption !== undefined && !(SSE_ALGORITHMS as readonly string[]).includes(input.ServerSideEncryption)
              ? { ...input, ServerSideEncryption: 'AES256' }
              : input,
          );
      }),
  },
];

/** Makes CopyObject, for the copies `applies` picks, store the copy with its source's seal (what the answer reports too). */
function keepSourceSeal(s3: S3Model, original: Pick<S3Model, Patchable>, applies: (input: CopyObjectInput) => boolean): void {
  s3.copyObject = (ctx, input: CopyObjectInput) => {
    const out = original.copyObject(ctx, input);
    if (!applies(input)) return out;
    const seal = s3.buckets.get(input.SourceBucket)!.objects.get(input.SourceKey)!.seal;
    s3.buckets.get(input.Bucket)!.objects.get(input.Key)!.seal = seal;
    return { ETag: out.ETag, LastModified: out.LastModified, ...sseReport(seal) };
  };
}
