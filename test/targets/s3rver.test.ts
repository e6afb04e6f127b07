/**
 * The s3rver target, end to end: s3rver in this process on a free loopback port with its objects in a folder of its
 * own, local-kms as a process beside it, both gone after dispose (local-kms by its PID, s3rver's folder removed).
 * Without a provisioned local-kms they are reported as not run (CI: they fail).
 */
import { existsSync, readdirSync } from 'node:fs';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, it } from 'vitest';
import { describeNeeding } from '../prerequisites.js';
import { alive } from '../process-alive.js';
import { S3rverTarget } from '../../test-targets/s3rver/s3rver-target.js';

describeNeeding({ emulators: ['local-kms'] }, 's3rver target lifecycle', () => {
  it('serves S3 on 127.0.0.1 with its own key pair, keeps objects in its own folder, and leaves nothing behind', async () => {
    const t = new S3rverTarget();
    await t.start();
    const pids = t.pids;
    let dir = '';
    try {
      expect(t.capabilities.services).toEqual(['s3', 'kms']);
      const { s3 } = t.clients(0);
      expect(String((await s3.config.endpoint!()).hostname)).toBe('127.0.0.1');
      await s3.send(new CreateBucketCommand({ Bucket: 'lifecycle' }));
      await s3.send(new PutObjectCommand({ Bucket: 'lifecycle', Key: 'a', Body: 'x' }));
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['lifecycle']);
      // Its folder of its own holds the bucket (s3rver's filesystem store).
      dir = t.dataDir!;
      expect(readdirSync(dir)).toContain('lifecycle');
      expect(pids).toHaveLength(1); // local-kms; s3rver runs in this process
      expect(alive(pids[0]!)).toBe(true);
    } finally {
      await t.dispose();
    }
    expect(alive(pids[0]!)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});
