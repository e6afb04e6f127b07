/**
 * The moto target, end to end against a real moto_server this test starts: the process lifecycle,
 * the clear failures, and what it must never do to a moto the user runs. Without a provisioned moto
 * they are reported as not run (CI: they fail).
 */
import { cli } from '../cli-runner.js';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect, it } from 'vitest';
import { describeNeeding } from '../prerequisites.js';
import { alive } from '../process-alive.js';
import { runConformance } from '../../src/runner.js';
import { NotObservableError } from '../../src/session.js';
import { loadClauses } from '../../src/spec-loader.js';
import { TargetUnavailableError } from '../../src/target.js';
import { startMoto } from '../../test-targets/moto/moto-emulator.js';
import { MotoTarget } from '../../test-targets/moto/moto-target.js';
import { arrangeAtRest, deliverThroughSns } from './at-rest-inspection.js';

describeNeeding({ emulators: ['moto'] }, 'moto_server lifecycle', () => {
  it('starts on a free loopback port, answers, and is stopped by its PID', async () => {
    const server = await startMoto();
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.endpoint}/moto-api/`)).ok).toBe(true);
    const pid = server.pid!;
    expect(alive(pid)).toBe(true);
    await server.stop();
    expect(alive(pid)).toBe(false);
  });

  it('two servers started at once get different ports (get-port locks a port it hands out) and both answer', async () => {
    const servers = await Promise.all([startMoto(), startMoto()]);
    try {
      expect(new Set(servers.map((x) => x.endpoint)).size).toBe(2);
      for (const x of servers) expect((await fetch(`${x.endpoint}/moto-api/`)).ok).toBe(true);
    } finally {
      for (const x of servers) await x.stop();
    }
  });

  it('reports a missing moto_server as a clear unavailability, not a crash', async () => {
    const e = await startMoto('moto_server_that_is_not_installed').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TargetUnavailableError);
    expect((e as Error).message).toMatch(/not found: run `npm run provision -- moto`/);
  });

  it('reports an endpoint where nothing answers as unavailable: every clause not observable', async () => {
    const clauses = (await loadClauses()).slice(0, 3);
    const report = await runConformance(new MotoTarget({ endpoint: 'http://127.0.0.1:9' }), { clauses });
    expect(report.target.unavailable).toMatch(/no moto answering at http:\/\/127\.0\.0\.1:9/);
    expect(report.clauses.map((c) => c.verdict)).toEqual(['not-observable', 'not-observable', 'not-observable']);
    expect(report.summary.pass).toBe(0);
  });

  it('exits with code 3 from the CLI when moto is not installed, saying how to install it', () => {
    const r = cli(['run', '--target', 'moto', '--clause', 'sqs.sse-sqs.*'], { env: { ...process.env, MOTO_SERVER: 'moto_server_not_installed' } });
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/UNAVAILABLE: moto_server_not_installed not found: run `npm run provision -- moto`/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('sweeps from the CLI: refuses without an allow-list (2, a configuration error), lists as a dry run (0)', async () => {
    const server = await startMoto();
    try {
      const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIASTANDIN', AWS_SECRET_ACCESS_KEY: 'x' };
      expect(cli(['sweep', '--endpoint', server.endpoint], { env }).code).toBe(2);
      const r = cli(['sweep', '--endpoint', server.endpoint, '--allow-account', '123456789012'], { env });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^would delete \(dry run; pass --delete\): 0 buckets, 0 queues, 0 topics, 0 aliases/);
    } finally {
      await server.stop();
    }
  });

  it('never wipes a moto the user runs, unless asked with reset', async () => {
    const server = await startMoto();
    try {
      const sqs = new SQSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIAUSER', secretAccessKey: 'x' } });
      await sqs.send(new CreateQueueCommand({ QueueName: 'users-own-queue' }));
      const queues = async () => (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
      for (const reset of [false, true]) {
        const t = new MotoTarget({ endpoint: server.endpoint, reset });
        await t.start();
        await t.dispose();
        expect(
          (await queues()).some((u) => u.endsWith('/users-own-queue')),
          `reset: ${reset}`,
        ).toBe(!reset);
      }
    } finally {
      await server.stop();
    }
  });

  it("matches its baseline and exits 0 although the clause ends in moto's HTTP 500: the baseline names that fault (issue 26)", () => {
    const id = 'sqs.sse-kms.reuse-period-must-be-an-integer-on-create-queue';
    const r = cli(['run', '--target', 'moto', '--clause', id]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`XERR  ${id} `);
    expect(r.out).toMatch(/answered HTTP 500 .*\(a known target fault: in the baseline since \d{4}-\d{2}-\d{2}\)$/m);
    expect(r.out).toMatch(/^0 passed, 0 failed, 0 expected failures, 1 expected errors, 0 unexpected passes, 0 not observable, 0 errors$/m);
    // Without the baseline, the same fault is an error.
    const bare = cli(['run', '--target', 'moto', '--clause', id, '--no-baseline']);
    expect(bare.code).toBe(1);
    expect(bare.out).toMatch(/, 1 errors$/m);
  });

  it('exits with code 3 from the CLI when the endpoint is unreachable', () => {
    const r = cli(['run', '--target', 'moto', '--endpoint', 'http://127.0.0.1:9', '--clause', 'sqs.sse-sqs.*'], { timeout: 60_000 });
    const [status, stdout] = [r.code, r.out];
    expect(status).toBe(3);
    expect(stdout).toMatch(/UNAVAILABLE: no moto answering/);
  });
});

describeNeeding({ emulators: ['moto'] }, 'moto at rest', () => {
  it("shows each queue's stored messages in send order, in flight included and deleted ones not, with their bodies in plaintext (moto never calls KMS)", async () => {
    // Arrange
    const t = new MotoTarget();
    await t.start();
    try {
      const s = await arrangeAtRest(t, 'ssec-atrest');
      // Act
      const [sealed, other, deleting] = [await t.inspectQueue(s.sealedQueue), await t.inspectQueue(s.otherQueue), await t.inspectQueue(s.deletingQueue)];
      // Assert: the SSE-KMS queue's bodies exactly as sent, unsealed, the one in flight with its attribute (not the receive's filtered copy)
      expect(sealed).toEqual([
        { messageId: s.ids[0], body: 'plaintext-one', sealed: false, messageAttributes: { a: { DataType: 'String', StringValue: 'x' } } },
        { messageId: s.ids[1], body: 'plaintext-two', sealed: false },
      ]);
      expect(other).toEqual([{ messageId: s.otherId, body: 'elsewhere', sealed: false }]);
      expect(deleting).toEqual([{ messageId: s.keptId, body: 'kept', sealed: false }]);
      // Assert: a queue holding a message the target's clients did not send (an SNS delivery) cannot be told apart
      await deliverThroughSns(t, 'ssec-atrest', s.otherQueue);
      const e = await t.inspectQueue(s.otherQueue).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NotObservableError);
      expect((e as Error).message).toMatch(/the queue holds 2, and 1 is one this target's clients sent there/);
      expect(await t.inspectQueue(s.sealedQueue)).toEqual(sealed);
    } finally {
      await t.dispose();
    }
  });
});
