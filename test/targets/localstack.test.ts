/**
 * LocalStack in host mode (no container): it starts on a free loopback port from the provisioned
 * virtual environment, answers SQS, SNS, KMS and STS, and is stopped by its PID with its files
 * removed. Without a provisioned LocalStack these tests are reported as not run (CI: they fail).
 */
import { CreateKeyCommand, DisableKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { LocalstackTarget } from '../../test-targets/localstack/localstack-target.js';
import { arrangeAtRest, deliverThroughSns } from './at-rest-inspection.js';
import { describeNeeding } from '../prerequisites.js';
import { alive } from '../process-alive.js';

describeNeeding({ emulators: ['localstack'] }, 'LocalStack in host mode', () => {
  it('starts on a free loopback port, enforces KMS key states, and is stopped by its PID', async () => {
    const t = new LocalstackTarget();
    await t.start();
    const pid = t.pid!;
    try {
      expect(t.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${t.endpoint}/_localstack/health`)).json()) as { services: Record<string, string> };
      for (const s of ['sqs', 'sns', 'kms', 'sts']) expect(health.services[s], s).toMatch(/available|running/);
      const { kms } = t.clients(0);
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
      await kms.send(new DisableKeyCommand({ KeyId: key }));
      await expect(kms.send(new EncryptCommand({ KeyId: key, Plaintext: new Uint8Array([1]) }))).rejects.toMatchObject({ name: 'DisabledException' });
    } finally {
      await t.dispose();
    }
    expect(alive(pid)).toBe(false);
  }, 120_000);

  it('reports an endpoint where no LocalStack answers as unavailable, every clause not observable', async () => {
    const report = await runConformance(new LocalstackTarget({ endpoint: 'http://127.0.0.1:9' }), { clauses: (await loadClauses()).slice(0, 2) });
    expect(report.target.unavailable).toMatch(/no LocalStack answering at http:\/\/127\.0\.0\.1:9/);
    expect(report.clauses.map((c) => c.verdict)).toEqual(['not-observable', 'not-observable']);
  });

  it('keeps its files in a folder of its own, removed when it stops', async () => {
    const t = new LocalstackTarget();
    await t.start();
    const dir = t.workDir!;
    expect(existsSync(dir)).toBe(true);
    await t.dispose();
    expect(existsSync(dir)).toBe(false);
  }, 120_000);

  it("shows each queue's stored messages in send order, in flight and SNS deliveries included and deleted ones not, with their bodies in plaintext (its SQS never calls KMS)", async () => {
    // Arrange
    const t = new LocalstackTarget();
    await t.start();
    try {
      const s = await arrangeAtRest(t, 'ssec-atrest');
      // Act
      const [sealed, other, deleting] = [await t.inspectQueue(s.sealedQueue), await t.inspectQueue(s.otherQueue), await t.inspectQueue(s.deletingQueue)];
      // Assert: the SSE-KMS queue's bodies exactly as sent, unsealed, the one in flight first (LocalStack lists in-flight messages first too)
      expect(sealed).toEqual([
        { messageId: s.ids[0], body: 'plaintext-one', sealed: false, messageAttributes: { a: { DataType: 'String', StringValue: 'x' } } },
        { messageId: s.ids[1], body: 'plaintext-two', sealed: false },
      ]);
      expect(other).toEqual([{ messageId: s.otherId, body: 'elsewhere', sealed: false }]);
      expect(deleting).toEqual([{ messageId: s.keptId, body: 'kept', sealed: false }]);
      // Assert: LocalStack's store names each message's queue, so an SNS delivery (asynchronous here) is shown too, after the earlier send
      await deliverThroughSns(t, 'ssec-atrest', s.otherQueue);
      let bodies: (string | undefined)[] = [];
      for (const until = Date.now() + 3_000; bodies.length < 2 && Date.now() < until; await new Promise((r) => setTimeout(r, 100)))
        bodies = (await t.inspectQueue(s.otherQueue)).map((m) => m.body);
      expect(bodies).toEqual(['elsewhere', 'delivered-by-sns']);
      expect(await t.inspectQueue(s.sealedQueue)).toEqual(sealed);
      expect(await t.inspectQueue(`${t.endpoint}/000000000000/ssec-atrest-absent`)).toEqual([]);
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
