/**
 * The operations the SDK face answers, per service: SDK command input in, SDK output shape out
 * (without `$metadata`, which the middleware adds), both typed with the SDK's own command types, so
 * a misspelt field fails type-checking. Each handler only translates between the SDK's shapes and
 * the model; every rule lives in the model.
 */
import type * as KMS from '@aws-sdk/client-kms';
import type * as S3 from '@aws-sdk/client-s3';
import type * as SNS from '@aws-sdk/client-sns';
import type * as SQS from '@aws-sdk/client-sqs';
import { kmsError, s3Error, snsError, sqsError, type ModelError, type Service } from '../errors.js';
import type { KmsAlias, KmsGrant, KmsKey } from '../kms.js';
import type { ReferenceModel } from '../model.js';
import { sseReport, type CustomerKeyHeaders, type S3Object } from '../s3.js';
import type { SnsModel } from '../sns.js';
import type { SqsModel } from '../sqs.js';
import { streamBody } from './stream-body.js';

export interface Caller {
  caller: string;
}

/** One package's operations (`SendMessage`), each with its command's input and output types. */
type Operations<M> = {
  [K in keyof M as K extends `${infer Op}Command` ? (IO<M[K]> extends never ? never : Op) : never]: IO<M[K]>;
};
type IO<C> = C extends new (...args: never[]) => SQS.$Command<infer I, infer O, infer _C> ? { input: I; output: Omit<O, '$metadata'> } : never;
/** Handlers for some of a package's operations, typed against the SDK. */
type Handlers<M> = {
  [Op in keyof Operations<M>]?: Operations<M>[Op] extends { input: infer I; output: infer O } ? (model: ReferenceModel, ctx: Caller, input: I) => O : never;
};
/** A handler as the middleware dispatches it, by the command's name: the SDK's input is trusted to match. */
type Handler = (model: ReferenceModel, ctx: Caller, input: never) => object;
/** The model's batch entries: it checks them itself, so their required members are typed as such (the SDK's `| undefined`). */
type BatchEntries<F extends (ctx: Caller, target: string, entries: never) => unknown> = Parameters<F>[2];

/** A required parameter, or the service's own error for a missing one (the SDK does not check inputs). */
function required<I, K extends keyof I & string>(service: Service, input: I, name: K): NonNullable<I[K]> {
  const v = input[name];
  if (v !== undefined && v !== null) return v;
  const err: Record<Service, () => ModelError> = {
    sqs: () => sqsError('MissingParameter', `The request must contain the parameter ${name}.`),
    sns: () => snsError('InvalidParameterException', `Invalid parameter: ${name} Reason: no value for required parameter`),
    s3: () => s3Error('InvalidRequest', `Missing required parameter ${name}`),
    kms: () =>
      kmsError(
        'ValidationException',
        `1 validation error detected: Value null at '${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
      ),
  };
  throw err[service]();
}

const bytes = (v: unknown): Uint8Array => (typeof v === 'string' ? new TextEncoder().encode(v) : (v as Uint8Array));

function keyMetadata(k: KmsKey): KMS.KeyMetadata {
  return {
    AWSAccountId: k.account,
    KeyId: k.keyId,
    Arn: k.arn,
    CreationDate: new Date(k.creationDate),
    Enabled: k.state === 'Enabled',
    Description: k.description,
    KeyUsage: k.keyUsage,
    KeyState: k.state,
    ...(k.deletionDate !== undefined ? { DeletionDate: new Date(k.deletionDate) } : {}),
    ...(k.pendingWindowInDays !== undefined ? { PendingDeletionWindowInDays: k.pendingWindowInDays } : {}),
    Origin: k.origin,
    KeyManager: k.keyManager,
    KeySpec: k.keySpec as KMS.KeySpec,
    CustomerMasterKeySpec: k.keySpec as KMS.CustomerMasterKeySpec,
    EncryptionAlgorithms: k.keyUsage === 'ENCRYPT_DECRYPT' ? ['SYMMETRIC_DEFAULT'] : undefined,
    MultiRegion: k.multiRegion,
  };
}

function aliasEntry(a: KmsAlias): KMS.AliasListEntry {
  return {
    AliasName: a.name,
    AliasArn: a.arn,
    ...(a.targetKeyId ? { TargetKeyId: a.targetKeyId, CreationDate: new Date(a.creationDate), LastUpdatedDate: new Date(a.lastUpdatedDate) } : {}),
  };
}

const k = (input: { KeyId?: string }) => required('kms', input, 'KeyId');
/** The caller, with the grant tokens the request carries (KMS-24). */
const withTokens = (c: Caller, i: { GrantTokens?: string[] }) => (i.GrantTokens ? { ...c, grantTokens: i.GrantTokens } : c);

function grantEntry(g: KmsGrant): KMS.GrantListEntry {
  return {
    KeyId: g.keyArn,
    GrantId: g.grantId,
    ...(g.name !== undefined ? { Name: g.name } : {}),
    CreationDate: new Date(g.creationDate),
    ...(g.granteePrincipal !== undefined ? { GranteePrincipal: g.granteePrincipal } : {}),
    ...(g.granteeServicePrincipal !== undefined ? { GranteeServicePrincipal: g.granteeServicePrincipal } : {}),
    ...(g.retiringPrincipal !== undefined ? { RetiringPrincipal: g.retiringPrincipal } : {}),
    ...(g.retiringServicePrincipal !== undefined ? { RetiringServicePrincipal: g.retiringServicePrincipal } : {}),
    IssuingAccount: `arn:aws:iam::${g.issuingAccount}:root`,
    Operations: g.operations as KMS.GrantOperation[],
    ...(g.constraints !== undefined ? { Constraints: g.constraints } : {}),
  };
}

/** A page of a list, as the KMS list operations page (Limit 1..100, default 50; an opaque Marker). */
function page<T>(all: T[], i: { Limit?: number; Marker?: string }): { items: T[]; Truncated: boolean; NextMarker?: string } {
  const start = i.Marker ? Number(i.Marker) : 0;
  const limit = i.Limit ?? 50;
  if (!Number.isInteger(start) || start < 0)
    throw kmsError('InvalidMarkerException', 'The marker that specifies where pagination should next begin is not valid.');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw kmsError(
      'ValidationException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  const truncated = start + limit < all.length;
  return { items: all.slice(start, start + limit), Truncated: truncated, ...(truncated ? { NextMarker: String(start + limit) } : {}) };
}

export const KMS_HANDLERS: Handlers<typeof KMS> = {
  CreateKey: (m, c, i) => ({ KeyMetadata: keyMetadata(m.kms.createKey(c, i)) }),
  DescribeKey: (m, c, i) => ({ KeyMetadata: keyMetadata(m.kms.describeKey(withTokens(c, i), k(i))) }),
  EnableKey: (m, c, i) => (m.kms.enableKey(c, k(i)), {}),
  DisableKey: (m, c, i) => (m.kms.disableKey(c, k(i)), {}),
  ScheduleKeyDeletion: (m, c, i) => {
    const key = m.kms.scheduleKeyDeletion(c, k(i), i.PendingWindowInDays ?? 30);
    return { KeyId: key.arn, DeletionDate: new Date(key.deletionDate!), KeyState: key.state, PendingWindowInDays: key.pendingWindowInDays };
  },
  CancelKeyDeletion: (m, c, i) => ({ KeyId: m.kms.cancelKeyDeletion(c, k(i)).arn }),
  GetKeyPolicy: (m, c, i) => ({ Policy: m.kms.getKeyPolicy(c, k(i), i.PolicyName ?? 'default'), PolicyName: i.PolicyName ?? 'default' }),
  PutKeyPolicy: (m, c, i) => (m.kms.putKeyPolicy(c, k(i), required('kms', i, 'Policy'), i.PolicyName ?? 'default'), {}),
  CreateAlias: (m, c, i) => (m.kms.createAlias(c, required('kms', i, 'AliasName'), required('kms', i, 'TargetKeyId')), {}),
  UpdateAlias: (m, c, i) => (m.kms.updateAlias(c, required('kms', i, 'AliasName'), required('kms', i, 'TargetKeyId')), {}),
  DeleteAlias: (m, c, i) => (m.kms.deleteAlias(c, required('kms', i, 'AliasName')), {}),
  ListAliases: (m, c, i) => {
    const { items, ...rest } = page(m.kms.listAliases(c, i.KeyId).map(aliasEntry), i);
    return { Aliases: items, ...rest };
  },
  CreateGrant: (m, c, i) => {
    const g = m.kms.createGrant(withTokens(c, i), { ...i, KeyId: k(i), Operations: required('kms', i, 'Operations') });
    return { GrantId: g.grantId, GrantToken: g.grantToken };
  },
  ListGrants: (m, c, i) => {
    const { items, ...rest } = page(m.kms.listGrants(c, k(i), { GrantId: i.GrantId, GranteePrincipal: i.GranteePrincipal }).map(grantEntry), i);
    return { Grants: items, ...rest };
  },
  RetireGrant: (m, c, i) => (m.kms.retireGrant(c, i), {}),
  RevokeGrant: (m, c, i) => (m.kms.revokeGrant(c, k(i), required('kms', i, 'GrantId')), {}),
  EnableKeyRotation: (m, c, i) => (m.kms.enableKeyRotation(c, k(i), i.RotationPeriodInDays ?? 365), {}),
  DisableKeyRotation: (m, c, i) => (m.kms.disableKeyRotation(c, k(i)), {}),
  GetKeyRotationStatus: (m, c, i) => {
    const r = m.kms.getKeyRotationStatus(c, k(i));
    return {
      KeyRotationEnabled: r.enabled,
      KeyId: r.keyArn,
      ...(r.periodInDays !== undefined ? { RotationPeriodInDays: r.periodInDays } : {}),
      ...(r.nextRotationDate !== undefined ? { NextRotationDate: new Date(r.nextRotationDate) } : {}),
    };
  },
  RotateKeyOnDemand: (m, c, i) => ({ KeyId: m.kms.rotateKeyOnDemand(c, k(i)).keyId }),
  GenerateDataKey: (m, c, i) => {
    const dk = m.kms.generateDataKey(withTokens(c, i), k(i), { KeySpec: i.KeySpec, NumberOfBytes: i.NumberOfBytes, EncryptionContext: i.EncryptionContext });
    return { CiphertextBlob: dk.ciphertextBlob, Plaintext: dk.plaintext, KeyId: dk.keyArn };
  },
  Encrypt: (m, c, i) => {
    const r = m.kms.encrypt(withTokens(c, i), k(i), bytes(required('kms', i, 'Plaintext')), i.EncryptionContext);
    return { CiphertextBlob: r.ciphertextBlob, KeyId: r.keyArn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  },
  Decrypt: (m, c, i) => {
    const r = m.kms.decrypt(withTokens(c, i), bytes(required('kms', i, 'CiphertextBlob')), { KeyId: i.KeyId, EncryptionContext: i.EncryptionContext });
    return { KeyId: r.keyArn, Plaintext: r.plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  },
};

const url = (i: { QueueUrl?: string }) => required('sqs', i, 'QueueUrl');

export const SQS_HANDLERS: Handlers<typeof SQS> = {
  CreateQueue: (m, c, i) => ({ QueueUrl: m.sqs.createQueue(c, required('sqs', i, 'QueueName'), i.Attributes ?? {}, i.tags ?? {}) }),
  GetQueueUrl: (m, c, i) => ({ QueueUrl: m.sqs.getQueueUrl(c, required('sqs', i, 'QueueName'), i.QueueOwnerAWSAccountId) }),
  ListQueues: (m, c, i) => {
    const all = m.sqs.listQueues(c, i.QueueNamePrefix ?? '');
    const start = i.NextToken ? Number(i.NextToken) : 0;
    const max = i.MaxResults ?? 1000;
    const page = all.slice(start, start + max);
    const more = i.MaxResults !== undefined && start + max < all.length;
    return { ...(page.length > 0 ? { QueueUrls: page } : {}), ...(more ? { NextToken: String(start + max) } : {}) };
  },
  GetQueueAttributes: (m, c, i) => {
    const names: string[] = i.AttributeNames ?? [];
    const attrs = m.sqs.getQueueAttributes(c, url(i), names);
    return Object.keys(attrs).length > 0 ? { Attributes: attrs } : {};
  },
  SetQueueAttributes: (m, c, i) => (m.sqs.setQueueAttributes(c, url(i), required('sqs', i, 'Attributes')), {}),
  SendMessage: (m, c, i) => m.sqs.sendMessage(c, { ...i, QueueUrl: url(i), MessageBody: required('sqs', i, 'MessageBody') }),
  SendMessageBatch: (m, c, i) => m.sqs.sendMessageBatch(c, url(i), required('sqs', i, 'Entries') as BatchEntries<SqsModel['sendMessageBatch']>),
  ReceiveMessage: (m, c, i) => {
    const msgs = m.sqs.receiveMessage(c, { ...i, QueueUrl: url(i) });
    // The model types an attribute's DataType optional (stored ones always have it); the SDK's key is required.
    return msgs.length > 0 ? { Messages: msgs as SQS.Message[] } : {};
  },
  DeleteMessage: (m, c, i) => (m.sqs.deleteMessage(c, url(i), required('sqs', i, 'ReceiptHandle')), {}),
  PurgeQueue: (m, c, i) => (m.sqs.purgeQueue(c, url(i)), {}),
  DeleteQueue: (m, c, i) => (m.sqs.deleteQueue(c, url(i)), {}),
};

const topic = (i: { TopicArn?: string }) => required('sns', i, 'TopicArn');
const tagMap = (tags: { Key?: string; Value?: string }[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

export const SNS_HANDLERS: Handlers<typeof SNS> = {
  CreateTopic: (m, c, i) => ({ TopicArn: m.sns.createTopic(c, required('sns', i, 'Name'), i.Attributes ?? {}, tagMap(i.Tags)) }),
  GetTopicAttributes: (m, c, i) => ({ Attributes: m.sns.getTopicAttributes(c, topic(i)) }),
  SetTopicAttributes: (m, c, i) => (m.sns.setTopicAttributes(c, topic(i), required('sns', i, 'AttributeName'), i.AttributeValue), {}),
  Publish: (m, c, i) => m.sns.publish(c, i),
  PublishBatch: (m, c, i) => m.sns.publishBatch(c, topic(i), required('sns', i, 'PublishBatchRequestEntries') as BatchEntries<SnsModel['publishBatch']>),
  Subscribe: (m, c, i) => ({ SubscriptionArn: m.sns.subscribe(c, topic(i), required('sns', i, 'Protocol'), i.Endpoint, i.Attributes ?? {}) }),
  Unsubscribe: (m, c, i) => (m.sns.unsubscribe(c, required('sns', i, 'SubscriptionArn')), {}),
  DeleteTopic: (m, c, i) => (m.sns.deleteTopic(c, topic(i)), {}),
  ListTopics: (m, c, i) => {
    const all = m.sns.listTopics(c);
    const start = i.NextToken ? Number(i.NextToken) : 0;
    const page = all.slice(start, start + 100);
    return { Topics: page.map((TopicArn) => ({ TopicArn })), ...(start + 100 < all.length ? { NextToken: String(start + 100) } : {}) };
  },
};

const bucketOf = (i: { Bucket?: string }) => required('s3', i, 'Bucket');
const keyOf = (i: { Key?: string }) => required('s3', i, 'Key');

/** A PutObject or UploadPart body the model can read at once: a string or bytes (a stream would need an asynchronous answer). */
function objectBytes(body: unknown): Uint8Array {
  if (body === undefined) return new Uint8Array();
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return new Uint8Array(body);
  throw s3Error('NotImplementedByReferenceModel', 'The reference model takes a PutObject or UploadPart Body as a string or bytes, not a stream.', 501);
}

/** The encryption fields of a write (PutObject, CopyObject, CreateMultipartUpload) that are set, as the model takes them. */
function sseFields(i: { ServerSideEncryption?: string; SSEKMSKeyId?: string; BucketKeyEnabled?: boolean }) {
  return {
    ...(i.ServerSideEncryption !== undefined ? { ServerSideEncryption: i.ServerSideEncryption } : {}),
    ...(i.SSEKMSKeyId !== undefined ? { SSEKMSKeyId: i.SSEKMSKeyId } : {}),
    ...(i.BucketKeyEnabled !== undefined ? { BucketKeyEnabled: i.BucketKeyEnabled } : {}),
  };
}

/** A request's SSE-C headers (S3-11), as the SDK's SSE-C middleware left them: the key in base64 and its MD5. */
function customerKey(i: { SSECustomerAlgorithm?: string; SSECustomerKey?: string; SSECustomerKeyMD5?: string }): CustomerKeyHeaders | undefined {
  if (i.SSECustomerAlgorithm === undefined && i.SSECustomerKey === undefined && i.SSECustomerKeyMD5 === undefined) return undefined;
  return {
    ...(i.SSECustomerAlgorithm !== undefined ? { algorithm: i.SSECustomerAlgorithm } : {}),
    ...(i.SSECustomerKey !== undefined ? { key: i.SSECustomerKey } : {}),
    ...(i.SSECustomerKeyMD5 !== undefined ? { keyMd5: i.SSECustomerKeyMD5 } : {}),
  };
}

/** CopyObject's `CopySource`: `bucket/key`, URL-encoded, with an optional leading `/` (no `?versionId`: no versions). */
function copySource(source: string): { bucket: string; key: string } {
  const path = decodeURIComponent(source.replace(/^\//, ''));
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw s3Error('InvalidArgument', 'Invalid copy source object key');
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

/** What HeadObject and GetObject answer of an object besides its body. */
function objectHead(o: S3Object) {
  return { ETag: o.etag, ContentLength: o.body.length, LastModified: new Date(o.lastModified), ...sseReport(o.seal) };
}

export const S3_HANDLERS: Handlers<typeof S3> = {
  CreateBucket: (m, c, i) => (m.s3.createBucket(c, bucketOf(i), tagMap(i.CreateBucketConfiguration?.Tags)), { Location: `/${i.Bucket}` }),
  PutBucketTagging: (m, c, i) => (m.s3.putBucketTagging(c, bucketOf(i), tagMap(required('s3', i, 'Tagging').TagSet)), {}),
  GetBucketTagging: (m, c, i) => ({ TagSet: Object.entries(m.s3.getBucketTagging(c, bucketOf(i))).map(([Key, Value]) => ({ Key, Value })) }),
  DeleteBucket: (m, c, i) => (m.s3.deleteBucket(c, bucketOf(i)), {}),
  HeadBucket: (m, c, i) => (m.s3.headBucket(c, bucketOf(i)), { BucketRegion: m.region }),
  ListBuckets: (m, c, i) => {
    const all = m.s3.listBuckets(c, i.Prefix ?? '');
    const start = i.ContinuationToken ? Number(i.ContinuationToken) : 0;
    const max = i.MaxBuckets ?? 10_000;
    const page = all.slice(start, start + max);
    return {
      Buckets: page.map((b) => ({ Name: b.name, CreationDate: new Date(b.creationDate), BucketRegion: m.region, BucketArn: b.arn })),
      ...(start + max < all.length ? { ContinuationToken: String(start + max) } : {}),
      ...(i.Prefix !== undefined ? { Prefix: i.Prefix } : {}),
    };
  },
  PutBucketEncryption: (m, c, i) => {
    const rule = required('s3', i, 'ServerSideEncryptionConfiguration').Rules?.[0];
    m.s3.putBucketEncryption(c, bucketOf(i), {
      algorithm: rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
      kmsMasterKeyId: rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID,
      bucketKeyEnabled: rule?.BucketKeyEnabled,
      ...(rule?.BlockedEncryptionTypes?.EncryptionType !== undefined ? { blockedEncryptionTypes: [...rule.BlockedEncryptionTypes.EncryptionType] } : {}),
    });
    return {};
  },
  GetBucketEncryption: (m, c, i) => {
    const e = m.s3.getBucketEncryption(c, bucketOf(i));
    const blocked = m.s3.buckets.get(bucketOf(i))?.blockedEncryptionTypes;
    return {
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: e.algorithm,
              ...(e.kmsMasterKeyId !== undefined ? { KMSMasterKeyID: e.kmsMasterKeyId } : {}),
            },
            BucketKeyEnabled: e.bucketKeyEnabled,
            ...(blocked ? { BlockedEncryptionTypes: { EncryptionType: blocked as S3.EncryptionType[] } } : {}),
          },
        ],
      },
    };
  },
  DeleteBucketEncryption: (m, c, i) => (m.s3.deleteBucketEncryption(c, bucketOf(i)), {}),
  PutObject: (m, c, i) => m.s3.putObject(c, { Bucket: bucketOf(i), Key: keyOf(i), Body: objectBytes(i.Body), ...sseFields(i), customer: customerKey(i) }),
  CopyObject: (m, c, i) => {
    const { bucket, key } = copySource(required('s3', i, 'CopySource'));
    const out = m.s3.copyObject(c, {
      Bucket: bucketOf(i),
      Key: keyOf(i),
      SourceBucket: bucket,
      SourceKey: key,
      ...sseFields(i),
      ...(i.MetadataDirective !== undefined ? { MetadataDirective: i.MetadataDirective } : {}),
      customer: customerKey(i),
      copySourceCustomer: customerKey({
        SSECustomerAlgorithm: i.CopySourceSSECustomerAlgorithm,
        SSECustomerKey: i.CopySourceSSECustomerKey,
        SSECustomerKeyMD5: i.CopySourceSSECustomerKeyMD5,
      }),
    });
    const { ETag, LastModified, ...sse } = out;
    return { CopyObjectResult: { ETag, LastModified: new Date(LastModified) }, ...sse };
  },
  GetObject: (m, c, i) => {
    const o = m.s3.getObject(c, bucketOf(i), keyOf(i), customerKey(i));
    return { ...objectHead(o), Body: streamBody(o.body) as unknown as S3.GetObjectCommandOutput['Body'] };
  },
  HeadObject: (m, c, i) => objectHead(m.s3.headObject(c, bucketOf(i), keyOf(i), customerKey(i))),
  DeleteObject: (m, c, i) => (m.s3.deleteObject(c, bucketOf(i), keyOf(i)), {}),
  CreateMultipartUpload: (m, c, i) => ({
    Bucket: i.Bucket,
    Key: i.Key,
    ...m.s3.createMultipartUpload(c, { Bucket: bucketOf(i), Key: keyOf(i), ...sseFields(i), customer: customerKey(i) }),
  }),
  UploadPart: (m, c, i) =>
    m.s3.uploadPart(c, {
      Bucket: bucketOf(i),
      Key: keyOf(i),
      UploadId: required('s3', i, 'UploadId'),
      PartNumber: required('s3', i, 'PartNumber'),
      Body: objectBytes(i.Body),
      customer: customerKey(i),
    }),
  CompleteMultipartUpload: (m, c, i) => {
    const { ETag, ServerSideEncryption, SSEKMSKeyId, BucketKeyEnabled } = m.s3.completeMultipartUpload(c, {
      Bucket: bucketOf(i),
      Key: keyOf(i),
      UploadId: required('s3', i, 'UploadId'),
      Parts: i.MultipartUpload?.Parts ?? [],
      customer: customerKey(i),
    });
    // The answer names no SSE-C fields (the SDK's CompleteMultipartUploadOutput has none).
    return {
      Location: `/${i.Bucket}/${i.Key}`,
      Bucket: i.Bucket,
      Key: i.Key,
      ETag,
      ...(ServerSideEncryption !== undefined ? { ServerSideEncryption } : {}),
      ...(SSEKMSKeyId !== undefined ? { SSEKMSKeyId } : {}),
      ...(BucketKeyEnabled !== undefined ? { BucketKeyEnabled } : {}),
    };
  },
  AbortMultipartUpload: (m, c, i) => (m.s3.abortMultipartUpload(c, bucketOf(i), keyOf(i), required('s3', i, 'UploadId')), {}),
  ListMultipartUploads: (m, c, i) => {
    const all = m.s3.listMultipartUploads(c, bucketOf(i)).filter((u) => u.key.startsWith(i.Prefix ?? ''));
    // After the markers: every upload of a later key, and of KeyMarker's key those whose ID sorts after UploadIdMarker.
    const afterMarkers = all.filter(
      (u) => i.KeyMarker === undefined || u.key > i.KeyMarker || (u.key === i.KeyMarker && i.UploadIdMarker !== undefined && u.uploadId > i.UploadIdMarker),
    );
    const max = i.MaxUploads ?? 1000;
    const page = afterMarkers.slice(0, max);
    const more = afterMarkers.length > max;
    return {
      Bucket: i.Bucket,
      MaxUploads: max,
      IsTruncated: more,
      ...(page.length > 0 ? { Uploads: page.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: new Date(u.initiated) })) } : {}),
      ...(more ? { NextKeyMarker: page.at(-1)!.key, NextUploadIdMarker: page.at(-1)!.uploadId } : {}),
    };
  },
  ListObjectsV2: (m, c, i) => {
    const all = m.s3.listObjects(c, bucketOf(i), i.Prefix ?? '');
    const start = i.ContinuationToken ? Number(i.ContinuationToken) : 0;
    const max = i.MaxKeys ?? 1000;
    const page = all.slice(start, start + max);
    const more = start + max < all.length;
    return {
      Name: i.Bucket,
      KeyCount: page.length,
      MaxKeys: max,
      IsTruncated: more,
      ...(page.length > 0 ? { Contents: page.map((o) => ({ Key: o.key, ETag: o.etag, Size: o.body.length, LastModified: new Date(o.lastModified) })) } : {}),
      ...(more ? { NextContinuationToken: String(start + max) } : {}),
    };
  },
};

export const HANDLERS: Record<Service, Partial<Record<string, Handler>>> = { kms: KMS_HANDLERS, sqs: SQS_HANDLERS, sns: SNS_HANDLERS, s3: S3_HANDLERS };
