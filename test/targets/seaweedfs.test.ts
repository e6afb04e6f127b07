/**
 * The seaweedfs target, end to end: its launcher runs SeaweedFS's `weed mini` (master, volume server, filer, S3
 * gateway, admin: a dozen ports) beside a local-kms, every port it listens on bound to 127.0.0.1, and both processes
 * stopped by PID. Without a provisioned SeaweedFS and local-kms they are reported as not run (CI: they fail).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, it } from 'vitest';
import { describeNeeding } from '../prerequisites.js';
import { alive } from '../process-alive.js';
import { SeaweedfsTarget } from '../../test-targets/seaweedfs/seaweedfs-target.js';

/** The local addresses a process listens on (LISTEN sockets of /proc/net/tcp and tcp6 whose inode it holds). */
function listening(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const m = /^socket:\[(\d+)\]$/.exec(
      (() => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          return '';
        }
      })(),
    );
    if (m) inodes.add(m[1]!);
  }
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && inodes.has(f[9]!)) out.push(f[1]!.split(':')[0]!); // 0A: LISTEN
    }
  }
  return out;
}

const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000']);

describeNeeding({ emulators: ['seaweedfs', 'local-kms'] }, 'seaweedfs target lifecycle', () => {
  it('listens on 127.0.0.1 only, seals an object under a key of its local-kms, and is stopped by PID', async () => {
    const t = new SeaweedfsTarget();
    await t.start();
    const pids = t.pids;
    try {
      expect(t.capabilities.services).toEqual(['kms', 's3']);
      expect(pids).toHaveLength(2); // local-kms, then SeaweedFS
      const seaweed = listening(pids[1]!);
      expect(seaweed.length, 'SeaweedFS listens on its master, volume, filer, S3 and admin ports').toBeGreaterThanOrEqual(5);
      for (const pid of pids) for (const a of listening(pid)) expect(LOOPBACK.has(a), `PID ${pid} listens on ${a}`).toBe(true);
      const { s3, kms } = t.clients(0);
      const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
      await s3.send(new CreateBucketCommand({ Bucket: 'lifecycle' }));
      await s3.send(new PutObjectCommand({ Bucket: 'lifecycle', Key: 'a', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KeyMetadata!.KeyId }));
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'lifecycle', Key: 'a' }));
      expect([head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual(['aws:kms', KeyMetadata!.Arn]);
    } finally {
      await t.dispose();
    }
    for (const pid of pids) expect(alive(pid), `PID ${pid}`).toBe(false);
  }, 180_000);
});
