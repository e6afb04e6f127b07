/**
 * SIGINT mid-run: the CLI stops after the current scenario, cleans up what the run created (checked
 * through the emulator's own state), writes a partial report marked interrupted, says so and exits 130.
 */
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startMoto } from '../test-targets/moto/moto-emulator.js';
import { BUILT_CLI } from './cli-runner.js';
import { describeNeeding } from './prerequisites.js';

describeNeeding({ emulators: ['moto'] }, 'interruption', () => {
  it('SIGINT keeps a partial report, cleans up, and exits 130', async () => {
    const moto = await startMoto();
    try {
      const out = mkdtempSync(join(tmpdir(), 'ssec-int-'));
      const child = spawn(process.execPath, [BUILT_CLI, 'run', '--target', 'moto', '--endpoint', moto.endpoint, '--out', out, '--format', 'json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.resume();
      // Interrupt once the run is under way: after its first queue exists.
      const sqs = new SQSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'x' } });
      const sns = new SNSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIAADMIN', secretAccessKey: 'x' } });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && ((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).length === 0) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(code, stderr).toBe(130);
      expect(stderr).toMatch(/SIGINT: stopping after the current scenario/);
      expect(stderr).toMatch(/interrupted by SIGINT: \d+ of \d+ clauses finished; partial report in /);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { interrupted?: boolean; clauses: { reason?: string }[] };
      expect(report.interrupted).toBe(true);
      expect(report.clauses.some((c) => c.reason?.startsWith('not run: the run was interrupted'))).toBe(true);
      expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [], 'no queue left behind').toEqual([]);
      expect((await sns.send(new ListTopicsCommand({}))).Topics ?? [], 'no topic left behind').toEqual([]);
    } finally {
      await moto.stop();
    }
  }, 60_000);
});
