/**
 * The S3 entry of the service registry (src/services/s3.ts), built in like KMS, SNS and SQS: the engine finds its
 * commands and facts, deletes a bucket only after emptying it of its objects and unfinished uploads (the generic
 * `cleanup.empty`), and on a real account guards bucket names and tags them, and sweeps only prefixed buckets with the
 * run tag. Run against the reference's S3, which answers the same S3Client calls.
 */
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createReferenceClients } from '../reference/index.js';
import { factIdPattern } from '../src/facts.js';
import { requirementsOf } from '../src/target.js';
import { operationOf } from '../src/session.js';
import { s3 } from '../src/services/s3.js';
import { deleteResource, findService, resourceKind, serviceEntry } from '../src/services/registry.js';

const bucketKind = s3.resources[0]!;
const run = { prefix: 'ssec-abc123', tag: { key: 'sse-conformance:run', value: 'abc123' } };

describe('the S3 registry entry', () => {
  it('is a built-in service: its commands, its bucket kind, its fact prefix, its feature', () => {
    expect(findService('s3')).toBe(s3);
    expect(operationOf(new PutObjectCommand({ Bucket: 'b', Key: 'k' }))).toEqual({ service: 's3', op: 'PutObject' });
    expect(resourceKind('bucket')?.service.name).toBe('s3');
    expect(factIdPattern().test('S3-10')).toBe(true);
    expect(requirementsOf({ features: ['s3', 'sse-kms'] })).toEqual([{ service: 's3' }]);
    expect(serviceEntry('s3').clientConfig).toEqual({ forcePathStyle: true });
  });

  it('prepares its clients to send an empty PutObject body with Content-Length 0 (the SDK leaves it off, then warns of a stream)', async () => {
    // Arrange: a client as an HTTP target makes it, and a middleware that catches each request before it is sent
    const sent: Record<string, string>[] = [];
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAX', secretAccessKey: 'x' },
    });
    s3.prepareClient!(client);
    client.middlewareStack.add(
      () => async (args) => {
        sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
        throw new Error('caught before sending');
      },
      { step: 'finalizeRequest', priority: 'high' },
    );
    // Act
    for (const Body of ['', 'abc']) await expect(client.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body }))).rejects.toThrow('caught before sending');
    // Assert: 0 for the empty body, the SDK's own length for the other
    expect(sent.map((h) => h['content-length'])).toEqual(['0', '3']);
  });

  it('spells a fault as S3 does: a 500 InternalError and a 503 SlowDown in REST-XML', () => {
    const err = s3.faultAnswer('server-error', 'boom', 'r1');
    expect(err.statusCode).toBe(500);
    expect(new TextDecoder().decode(err.body)).toContain('<Code>InternalError</Code>');
    const slow = s3.faultAnswer('throttle', 'slow', 'r2');
    expect(slow.statusCode).toBe(503);
    expect(new TextDecoder().decode(slow.body)).toContain('<Code>SlowDown</Code>');
  });

  it('empties a bucket before it deletes it', async () => {
    const c = createReferenceClients();
    await c.s3.send(new CreateBucketCommand({ Bucket: 'full' }));
    for (const Key of ['a', 'b/c', 'd']) await c.s3.send(new PutObjectCommand({ Bucket: 'full', Key, Body: Key }));
    await deleteResource('bucket', c.s3, 'full');
    expect(c.model.s3.buckets.has('full')).toBe(false);
    const gone = await c.s3.send(new HeadBucketCommand({ Bucket: 'full' })).catch((e: Error) => e.name);
    expect(gone).toBe('NotFound');
    expect(bucketKind.cleanup!.gone('NoSuchBucket', { released: false })).toBe(true);
    expect(bucketKind.cleanup!.gone('BucketNotEmpty', { released: false })).toBe(false);
  });

  it('aborts the multipart uploads a scenario left unfinished, page by page, before it deletes the bucket', async () => {
    // Arrange: more uploads than a page of ListMultipartUploads holds
    const c = createReferenceClients();
    await c.s3.send(new CreateBucketCommand({ Bucket: 'busy' }));
    for (let n = 0; n < 1002; n++) await c.s3.send(new CreateMultipartUploadCommand({ Bucket: 'busy', Key: `k${n % 3}` }));
    // Act
    await deleteResource('bucket', c.s3, 'busy');
    // Assert
    expect(c.model.calls.filter((call) => call.operation === 'AbortMultipartUpload' && call.ok)).toHaveLength(1002);
    expect(c.model.calls.filter((call) => call.operation === 'ListMultipartUploads')).toHaveLength(2);
    expect(c.model.s3.buckets.has('busy')).toBe(false);
  });

  it('deletes a bucket all the same on a target that cannot list uploads (nothing of ours can be in progress there)', async () => {
    // Arrange: a target whose S3 refuses ListMultipartUploads as an emulator without the operation would
    const c = createReferenceClients();
    await c.s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    c.s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ListMultipartUploadsCommand')
          throw new S3ServiceException({ name: 'NotImplemented', $fault: 'server', $metadata: { httpStatusCode: 501 }, message: 'not implemented' });
        return next(args);
      },
      { step: 'initialize', priority: 'high' },
    );
    // Act
    await deleteResource('bucket', c.s3, 'plain');
    // Assert
    expect(c.model.s3.buckets.has('plain')).toBe(false);
  });

  it('on a real account refuses a bucket name without the run prefix, and tags the ones it lets through', () => {
    const guard = bucketKind.realAccount!.guard!;
    expect(guard({ Bucket: 'someone-elses' }, run)).toMatch(/refusing to create bucket "someone-elses"/);
    const input: Record<string, unknown> = { Bucket: 'ssec-abc123r0-b1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } };
    expect(guard(input, run)).toBeUndefined();
    expect(input.CreateBucketConfiguration).toEqual({ LocationConstraint: 'eu-west-1', Tags: [{ Key: run.tag.key, Value: 'abc123' }] });
  });

  it('sweeps only buckets with the prefix and the run tag', async () => {
    const c = createReferenceClients();
    const guard = bucketKind.realAccount!.guard!;
    const create = async (input: Record<string, unknown>, guarded: boolean) => {
      if (guarded) expect(guard(input, run)).toBeUndefined();
      await c.s3.send(new CreateBucketCommand(input as never));
    };
    await create({ Bucket: 'ssec-abc123r0-b1' }, true); // a run's, tagged: swept
    await create({ Bucket: 'ssec-def456r0-b2' }, false); // prefixed but untagged (made by hand): kept
    await create({ Bucket: 'decoy' }, false);
    await create({ Bucket: 'other-ssec-x', CreateBucketConfiguration: { Tags: [{ Key: run.tag.key, Value: 'x' }] } }, false);
    const found: string[] = [];
    for await (const r of bucketKind.realAccount!.sweep!(c.s3, { prefix: 'ssec-', tagKey: run.tag.key, pooled: new Set() })) found.push(r.id);
    expect(found).toEqual(['ssec-abc123r0-b1']);
    expect((await c.s3.send(new ListBucketsCommand({}))).Buckets?.length).toBe(4);
  });
});
