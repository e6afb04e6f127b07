/**
 * Amazon S3 in the registry (./define.ts): buckets (emptied of their objects and unfinished multipart uploads before
 * they are deleted), S3's error codes and the KMS failures it passes through (specs/facts.md S3-9), and its REST-XML
 * spelling of a 500 or throttling. Clients address buckets by path (`forcePathStyle`): an emulator on 127.0.0.1 has no
 * per-bucket host names, and AWS answers path-style requests to the regional endpoint too.
 */
import * as S3 from '@aws-sdk/client-s3';
import { bytes, defineService } from './define.js';

/**
 * Empties a bucket of what this project puts there (no versions): its objects, then the multipart uploads a scenario
 * left unfinished (a clause stopped by a refused part), which are aborted so that nothing is left to pay for and an
 * emulator that refuses to delete a bucket with uploads in progress can delete it.
 */
async function emptyBucket(c: S3.S3Client, bucket: string): Promise<void> {
  for await (const page of S3.paginateListObjectsV2({ client: c }, { Bucket: bucket })) {
    for (const o of page.Contents ?? []) await c.send(new S3.DeleteObjectCommand({ Bucket: bucket, Key: o.Key }));
  }
  await abortUploads(c, bucket);
}

/**
 * Aborts every multipart upload in progress in a bucket (the SDK has no paginator for ListMultipartUploads). Best
 * effort: a target that does not list uploads (an emulator without the operation) has none this project could have
 * left, so its refusal to list is not a cleanup failure; DeleteBucket says whether the bucket could be deleted.
 */
async function abortUploads(c: S3.S3Client, bucket: string): Promise<void> {
  let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
  for (;;) {
    const page = await c.send(new S3.ListMultipartUploadsCommand({ Bucket: bucket, ...markers })).catch((e: unknown) => {
      if (e instanceof S3.S3ServiceException) return undefined;
      throw e;
    });
    if (!page) return;
    for (const u of page.Uploads ?? []) await c.send(new S3.AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
    if (!page.IsTruncated || page.NextKeyMarker === undefined) return;
    markers = { KeyMarker: page.NextKeyMarker, ...(page.NextUploadIdMarker !== undefined ? { UploadIdMarker: page.NextUploadIdMarker } : {}) };
  }
}

export const s3 = defineService({
  name: 's3',
  title: 'Amazon S3',
  factPrefix: 'S3',
  sdk: { package: '@aws-sdk/client-s3', module: S3, client: S3.S3Client, exception: S3.S3ServiceException },
  clientConfig: { forcePathStyle: true },
  // The SDK sends an empty body with no Content-Length (its length middleware skips a body that is ''), and then
  // PutObject warns on the console, once per call, that the body may be a stream of unknown length. A PUT of nothing
  // is Content-Length 0, as AWS expects of a PUT: set so, the warning has nothing to warn about.
  prepareClient: (c) =>
    c.middlewareStack.add(
      (next) => async (args) => {
        const r = args.request as { method?: string; body?: unknown; headers?: Record<string, string> };
        if (
          r?.method === 'PUT' &&
          (r.body === '' || r.body === undefined) &&
          r.headers &&
          !Object.keys(r.headers).some((h) => h.toLowerCase() === 'content-length')
        )
          r.headers['content-length'] = '0';
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'sseConformanceEmptyBodyLength' },
    ),
  probe: (c) => c.send(new S3.ListBucketsCommand({ MaxBuckets: 1 })),
  features: { s3: { description: 'Amazon S3: buckets, objects and their server-side encryption', area: 'S3' } },
  resources: [
    {
      kind: 'bucket',
      plural: 'buckets',
      // The client names a bucket, and deletes it by that name.
      create: { operation: 'CreateBucket', name: (input) => input.Bucket, id: (input) => input.Bucket },
      // Bucket names are lower case (the run prefix is).
      name: (base) => base.toLowerCase(),
      cleanup: {
        operation: 'DeleteBucket',
        input: (bucket) => ({ Bucket: bucket }),
        empty: emptyBucket,
        emptyOperations: ['ListObjectsV2', 'DeleteObject', 'ListMultipartUploads', 'AbortMultipartUpload'],
        gone: (code) => code === 'NoSuchBucket',
      },
      realAccount: {
        guard: (input, run) => {
          if (!String(input.Bucket).startsWith(run.prefix))
            return `refusing to create bucket "${input.Bucket}": names must start with the run prefix ${run.prefix}`;
          const config = (input.CreateBucketConfiguration ?? {}) as { Tags?: unknown[] };
          input.CreateBucketConfiguration = { ...config, Tags: [...(config.Tags ?? []), { Key: run.tag.key, Value: run.tag.value }] };
          return undefined;
        },
        // Only buckets with the prefix and the run tag (a bucket without tags answers NoSuchTagSet).
        sweep: async function* (c, find) {
          for await (const page of S3.paginateListBuckets({ client: c }, { Prefix: find.prefix })) {
            for (const b of page.Buckets ?? []) {
              if (!b.Name?.startsWith(find.prefix)) continue;
              const tags = await c.send(new S3.GetBucketTaggingCommand({ Bucket: b.Name })).then(
                (r) => r.TagSet ?? [],
                (e: Error) => {
                  if (e.name === 'NoSuchTagSet') return [];
                  throw e;
                },
              );
              if (tags.some((t) => t.Key === find.tagKey)) yield { id: b.Name, tags: Object.fromEntries(tags.map((t) => [t.Key!, t.Value ?? ''])) };
            }
          }
        },
      },
      madeUp: { chosenBy: 'client', arn: (name) => `arn:aws:s3:::${name}` },
    },
  ],
  errors: [
    // KMS failures as S3 passes them through (specs/facts.md S3-9): the code is KMS's own exception name behind `KMS.`
    ['KMS.Disabled', ['KMS.DisabledException']],
    ['KMS.InvalidState', ['KMS.KMSInvalidStateException']],
    ['KMS.NotFound', ['KMS.NotFoundException']],
    ['KMS.InvalidKeyUsage', ['KMS.InvalidKeyUsageException']],
    // S3's own
    ['AccessDenied', ['AccessDenied']],
    ['InvalidArgument', ['InvalidArgument']],
    ['InvalidRequest', ['InvalidRequest']],
    ['InvalidBucketName', ['InvalidBucketName']],
    ['NoSuchBucket', ['NoSuchBucket']],
    ['NoSuchKey', ['NoSuchKey']],
    // Multipart uploads (API_CompleteMultipartUpload, API_UploadPart: their special errors)
    ['NoSuchUpload', ['NoSuchUpload']],
    ['InvalidPart', ['InvalidPart']],
    ['InvalidPartOrder', ['InvalidPartOrder']],
    ['EntityTooSmall', ['EntityTooSmall']],
    // HeadObject's 404 has no body: the SDK names it by the status
    ['NotFound', ['NotFound']],
    // HeadObject's other errors (an SSE-C object read without its key, or with another, S3-13) have no body either, and
    // the SDK names them Unknown: only the HTTP status tells them apart, so the clauses that expect one check it
    ['Unknown', ['Unknown']],
    ['InvalidEncryptionAlgorithmError', ['InvalidEncryptionAlgorithmError']],
    ['BucketNotEmpty', ['BucketNotEmpty']],
    ['BucketAlreadyExists', ['BucketAlreadyExists']],
    ['BucketAlreadyOwnedByYou', ['BucketAlreadyOwnedByYou']],
    ['ServerSideEncryptionConfigurationNotFoundError', ['ServerSideEncryptionConfigurationNotFoundError']],
    ['MalformedXML', ['MalformedXML']],
    ['NoSuchTagSet', ['NoSuchTagSet']],
  ],
  // REST-XML: InternalError (500), SlowDown (503).
  faultAnswer: (fault, message, requestId) => {
    const [status, code] = fault === 'server-error' ? [500, 'InternalError'] : [503, 'SlowDown'];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`;
    return { statusCode: status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId }, body: bytes(xml) };
  },
  limits: {},
  // An upload's ID is the target's choice, named by the answer that first shows it (`upload#0`), so that a recording
  // replays on a target that chooses another
  targetIds: [{ fields: ['UploadId'], symbol: 'upload', madeUp: { chosenBy: 'target' } }],
  // A reproduction names the upload CreateMultipartUpload started
  captures: { CreateMultipartUpload: [[['UploadId'], 'UploadId']] },
});
