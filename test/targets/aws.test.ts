/**
 * The real-AWS path, end to end against moto standing in for AWS (same wire protocols; no network
 * here). It must refuse accounts outside the allow-list before any other call, touch only what it
 * created, never follow a queue URL to another host, reuse pooled keys, and clean up without
 * relying on the behaviour under test; a decoy without the prefix survives everything.
 */
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding } from '../prerequisites.js';
import { runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { AwsTarget } from '../../test-targets/aws/aws-target.js';
import { SafetyRefusal } from '../../test-targets/aws/safety.js';
import { sweep } from '../../test-targets/aws/sweep.js';
import { MotoServer } from '../../test-targets/moto/moto-server.js';
import { EndpointTarget } from '../../test-targets/endpoint/endpoint-target.js';

const MOTO_ACCOUNT = '123456789012';
const credentials = { accessKeyId: 'AKIASTANDINFORAWS000', secretAccessKey: 'stand-in' };
let moto: MotoServer;
let decoy: { queueUrl: string; topicArn: string; keyId: string };
let admin: EndpointTarget; // the account's administrator, outside the run's safety rules

const target = (allowedAccounts: string[], runId?: string) => new AwsTarget({ allowedAccounts, endpoint: moto.endpoint, credentials, ...(runId ? { runId } : {}) });

describeNeeding({ emulators: ['moto'] }, 'the AWS target (against moto standing in for AWS)', () => {
  beforeAll(async () => {
    moto = await MotoServer.start();
    admin = new EndpointTarget(moto.endpoint);
    await admin.start();
    // The account's own resources, created by someone else: no prefix, no tag.
    const c = admin.clients(0);
    decoy = {
      queueUrl: (await c.sqs.send(new CreateQueueCommand({ QueueName: 'production-orders' }))).QueueUrl!,
      topicArn: (await c.sns.send(new CreateTopicCommand({ Name: 'production-events' }))).TopicArn!,
      keyId: (await c.kms.send(new CreateKeyCommand({ Description: 'production key' }))).KeyMetadata!.KeyId!,
    };
  });
  afterAll(async () => {
    await moto.stop();
  });

  it('refuses an account outside the allow-list, before any other call', async () => {
    const t = target(['111111111111']);
    await expect(t.start()).rejects.toThrow(/account 123456789012, which is not in the allow-list/);
    const report = await runConformance(target(['111111111111']), { clauses: (await loadClauses()).slice(0, 2) });
    expect(report.target.unavailable).toMatch(/not in the allow-list/);
    expect(report.summary['not-observable']).toBe(2);
    const queues = (await admin.clients(0).sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    expect(queues).toEqual([decoy.queueUrl]); // nothing was created
  });

  it('refuses to run without an allow-list at all', async () => {
    await expect(target([]).start()).rejects.toThrow(/without an allow-list/);
  });

  it('runs clauses, creating only prefixed and tagged resources, and leaves nothing but the decoys behind', async () => {
    const clauses = (await loadClauses()).filter((c) => ['sqs.sse-kms.send-fails-when-key-unusable', 'sns-to-sqs.encrypted-topic-delivers-plaintext', 'kms.aliases.alias-name-rules', 'kms.aws-managed-keys.cannot-be-disabled'].includes(c.id));
    const t = target([MOTO_ACCOUNT], 'run1');
    const report = await runConformance(t, { clauses, runs: 3 });
    const verdicts = Object.fromEntries(report.clauses.map((c) => [c.id, c.verdict]));
    // The safety rules do not change what is observed: moto's known deviations still show…
    expect(verdicts['sqs.sse-kms.send-fails-when-key-unusable']).toBe('fail');
    expect(verdicts['sns-to-sqs.encrypted-topic-delivers-plaintext']).toBe('pass');
    // …and clauses that would touch account-wide resources the run did not create are not run.
    expect(verdicts['kms.aws-managed-keys.cannot-be-disabled']).toBe('not-observable');
    expect(report.summary.error).toBe(0);
    const c = admin.clients(0);
    expect((await c.sqs.send(new ListQueuesCommand({}))).QueueUrls).toEqual([decoy.queueUrl]);
    expect((await c.sns.send(new ListTopicsCommand({}))).Topics!.map((x) => x.TopicArn)).toEqual([decoy.topicArn]);
    expect(((await c.kms.send(new ListAliasesCommand({}))).Aliases ?? []).filter((a) => a.AliasName!.startsWith('alias/ssec-'))).toEqual([]);
    expect((await c.kms.send(new DescribeKeyCommand({ KeyId: decoy.keyId }))).KeyMetadata!.KeyState).toBe('Enabled');
  });

  it('leases keys from a tagged pool, restores them, and reuses them in the next run', async () => {
    const clauses = (await loadClauses()).filter((c) => c.id === 'kms.key-state.cancel-deletion-leaves-key-disabled');
    const first = target([MOTO_ACCOUNT], 'run2');
    await runConformance(first, { clauses, runs: 3 });
    const second = target([MOTO_ACCOUNT], 'run3');
    await runConformance(second, { clauses, runs: 3 });
    expect(second.pool!.created, 'the second run creates no keys').toBe(0);
    const pooled = await second.pool!.load();
    expect(pooled.length).toBeGreaterThan(0);
    expect(pooled.length).toBeLessThanOrEqual(3);
    for (const id of pooled) expect((await admin.clients(0).kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyState, 'restored').toBe('Enabled');
    expect(pooled).not.toContain(decoy.keyId);
  });

  it('refuses a queue URL that points at another host, and names without the run prefix', async () => {
    const t = target([MOTO_ACCOUNT], 'run4');
    await t.start();
    const c = t.clients(0);
    await expect(c.sqs.send(new SendMessageCommand({ QueueUrl: 'https://evil.example.com/123456789012/q', MessageBody: 'x' }))).rejects.toBeInstanceOf(SafetyRefusal);
    await expect(c.sqs.send(new CreateQueueCommand({ QueueName: 'not-mine' }))).rejects.toThrow(/must start with the run prefix ssec-run4/);
    await t.dispose();
  });

  it('sweeps leftovers of an interrupted run: dry run by default, then only prefixed and tagged resources', async () => {
    // Arrange: an interrupted run's leftovers, and a prefixed but untagged queue and a prefixed alias on a key that are not ours.
    const t = target([MOTO_ACCOUNT], 'run5');
    await t.start();
    const c = t.clients(0);
    const leftover = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'ssec-run5-q1' }))).QueueUrl!;
    const leftoverTopic = (await c.sns.send(new CreateTopicCommand({ Name: 'ssec-run5-t1' }))).TopicArn!;
    const pooledKey = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await c.kms.send(new CreateAliasCommand({ AliasName: 'alias/ssec-run5-a1', TargetKeyId: pooledKey }));
    const lookalike = (await admin.clients(0).sqs.send(new CreateQueueCommand({ QueueName: 'ssec-not-ours' }))).QueueUrl!;
    await admin.clients(0).kms.send(new CreateAliasCommand({ AliasName: 'alias/ssec-not-ours', TargetKeyId: decoy.keyId }));
    // Act, Assert
    const dry = await sweep(c, t.pool, { delete: false });
    expect(dry.queues).toEqual([leftover]);
    expect(dry.topics).toEqual([leftoverTopic]);
    expect(dry.aliases, 'only aliases on the pool\'s keys').toEqual(['alias/ssec-run5-a1']);
    expect((await admin.clients(0).sqs.send(new ListQueuesCommand({}))).QueueUrls).toContain(leftover);
    await sweep(c, t.pool, { delete: true });
    const remaining = (await admin.clients(0).sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    expect(remaining.sort()).toEqual([decoy.queueUrl, lookalike].sort());
    expect((await admin.clients(0).sns.send(new ListTopicsCommand({}))).Topics!.map((x) => x.TopicArn)).toEqual([decoy.topicArn]);
    const aliases = ((await admin.clients(0).kms.send(new ListAliasesCommand({}))).Aliases ?? []).map((a) => a.AliasName).filter((n) => n?.startsWith('alias/ssec-'));
    expect(aliases, 'the decoy alias with our prefix survives').toEqual(['alias/ssec-not-ours']);
    await t.dispose();
  });
});
