/**
 * The real-AWS path, end to end against moto standing in for AWS (same wire protocols; no network
 * here). It must refuse accounts outside the allow-list before any other call, touch only what it
 * created, never follow a queue URL to another host, reuse pooled keys, and clean up without
 * relying on the behaviour under test; a decoy without the prefix survives everything.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { CreateTopicCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { CreateBucketCommand, GetBucketTaggingCommand, ListBucketsCommand, PutBucketTaggingCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUILT_CLI } from '../cli-runner.js';
import { describeNeeding } from '../prerequisites.js';
import { exitCodeOf } from '../../app/index.js';
import { runConformance } from '../../src/runner.js';
import type { Clients } from '../../src/target.js';
import { leaseTagValue, parseLease } from '../../test-targets/aws/key-pool.js';
import { loadClauses } from '../../src/spec-loader.js';
import { AwsTarget } from '../../test-targets/aws/aws-target.js';
import { LEASE_TAG_KEY, POOL_TAG_KEY, SafetyRefusal, TAG_KEY } from '../../test-targets/aws/safety.js';
import { sweep } from '../../test-targets/aws/sweep.js';
import type { Instance } from '../../test-targets/emulator-target.js';
import { startMoto } from '../../test-targets/moto/moto-emulator.js';
import { EndpointTarget } from '../../test-targets/endpoint/endpoint-target.js';

const MOTO_ACCOUNT = '123456789012';
const credentials = { accessKeyId: 'AKIASTANDINFORAWS000', secretAccessKey: 'stand-in' };
let moto: Instance;
let decoy: { queueUrl: string; topicArn: string; keyId: string; bucket: string };
let admin: EndpointTarget; // the account's administrator, outside the run's safety rules

const target = (allowedAccounts: string[], runId?: string) =>
  new AwsTarget({ allowedAccounts, endpoint: moto.endpoint, credentials, settleMs: 150, ...(runId ? { runId } : {}) });
/** The lease tag on a key, as any other process reads it. */
const leaseOn = async (keyId: string) =>
  parseLease(((await admin.clients(0).kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags ?? []).find((t) => t.TagKey === LEASE_TAG_KEY)?.TagValue);

/** An AWS target whose DeleteQueue is refused (as an account without that permission would): its cleanup fails. */
class DeleteRefusedTarget extends AwsTarget {
  protected override decorateClients(c: Clients): void {
    super.decorateClients(c);
    c.sqs.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteQueueCommand')
          throw Object.assign(new Error('User is not authorized to perform: sqs:DeleteQueue'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        return next(args);
      },
      { step: 'initialize', priority: 'high', name: 'refuseDeleteQueue' },
    );
  }
}

describeNeeding({ emulators: ['moto'] }, 'the AWS target (against moto standing in for AWS)', () => {
  beforeAll(async () => {
    moto = await startMoto();
    admin = new EndpointTarget(moto.endpoint);
    await admin.start();
    // The account's own resources, created by someone else: no prefix, no tag.
    const c = admin.clients(0);
    decoy = {
      queueUrl: (await c.sqs.send(new CreateQueueCommand({ QueueName: 'production-orders' }))).QueueUrl!,
      topicArn: (await c.sns.send(new CreateTopicCommand({ Name: 'production-events' }))).TopicArn!,
      keyId: (await c.kms.send(new CreateKeyCommand({ Description: 'production key' }))).KeyMetadata!.KeyId!,
      bucket: 'production-assets',
    };
    await c.s3.send(new CreateBucketCommand({ Bucket: decoy.bucket }));
    await c.s3.send(new PutObjectCommand({ Bucket: decoy.bucket, Key: 'logo.png', Body: 'png' }));
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
    const clauses = (await loadClauses()).filter((c) =>
      [
        'sqs.sse-kms.send-fails-when-key-unusable',
        'sns-to-sqs.encrypted-topic-delivers-plaintext',
        'kms.aliases.alias-name-rules',
        'kms.aws-managed-keys.cannot-be-disabled',
        'sqs.sse-kms.key-usage-that-cannot-make-data-keys-refuses-send',
        's3.sse-kms.put-object-with-key-reports-key-arn',
      ].includes(c.id),
    );
    const t = target([MOTO_ACCOUNT], 'run1');
    const report = await runConformance(t, { clauses, runs: 3 });
    const verdicts = Object.fromEntries(report.clauses.map((c) => [c.id, c.verdict]));
    // The safety rules do not change what is observed: moto's known deviations still show…
    expect(verdicts['sqs.sse-kms.send-fails-when-key-unusable']).toBe('fail');
    expect(verdicts['sns-to-sqs.encrypted-topic-delivers-plaintext']).toBe('pass');
    // …and clauses that would touch account-wide resources the run did not create are not run.
    expect(verdicts['kms.aws-managed-keys.cannot-be-disabled']).toBe('not-observable');
    // …nor are those about a key of a given usage: CreateKey leases a pooled key, whatever it asks for.
    const usage = report.clauses.find((c) => c.id === 'sqs.sse-kms.key-usage-that-cannot-make-data-keys-refuses-send')!;
    expect([usage.verdict, usage.reason]).toEqual(['not-observable', expect.stringMatching(/^aws lacks a CreateKey that creates the key asked for/)]);
    expect(report.summary.error).toBe(0);
    const c = admin.clients(0);
    expect((await c.sqs.send(new ListQueuesCommand({}))).QueueUrls).toEqual([decoy.queueUrl]);
    expect((await c.sns.send(new ListTopicsCommand({}))).Topics!.map((x) => x.TopicArn)).toEqual([decoy.topicArn]);
    // The S3 clause ran (whatever moto answers), and its buckets were emptied and deleted.
    expect(verdicts['s3.sse-kms.put-object-with-key-reports-key-arn']).toMatch(/^(pass|fail)$/);
    expect((await c.s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toEqual([decoy.bucket]);
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
    await expect(c.sqs.send(new SendMessageCommand({ QueueUrl: 'https://evil.example.com/123456789012/q', MessageBody: 'x' }))).rejects.toBeInstanceOf(
      SafetyRefusal,
    );
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
    // A bucket of the run (tagged by its guard) with an object in it, and a prefixed bucket someone else made, untagged.
    await c.s3.send(new CreateBucketCommand({ Bucket: 'ssec-run5-b1' }));
    // The guard tags a bucket through CreateBucketConfiguration.Tags, which AWS stores (the S3 API model has them) and
    // moto 5.2.5 drops: the bucket is tagged here as AWS would have stored it.
    const stored = await c.s3.send(new GetBucketTaggingCommand({ Bucket: 'ssec-run5-b1' })).then(
      () => true,
      () => false,
    );
    if (!stored)
      await admin.clients(0).s3.send(new PutBucketTaggingCommand({ Bucket: 'ssec-run5-b1', Tagging: { TagSet: [{ Key: TAG_KEY, Value: 'run5' }] } }));
    await c.s3.send(new PutObjectCommand({ Bucket: 'ssec-run5-b1', Key: 'left/over', Body: 'x' }));
    await admin.clients(0).s3.send(new CreateBucketCommand({ Bucket: 'ssec-not-ours-b' }));
    await admin.clients(0).kms.send(new CreateAliasCommand({ AliasName: 'alias/ssec-not-ours', TargetKeyId: decoy.keyId }));
    await t.runLease!.end(); // the run was interrupted, and its lease is over (a live run's is spared: see below)
    // Act, Assert
    const dry = await sweep(c, t.pool, { delete: false });
    expect(dry.of('queue')).toEqual([leftover]);
    expect(dry.of('topic')).toEqual([leftoverTopic]);
    expect(dry.of('alias'), "only aliases on the pool's keys").toEqual(['alias/ssec-run5-a1']);
    expect(dry.of('bucket'), 'only tagged buckets').toEqual(['ssec-run5-b1']);
    expect((await admin.clients(0).sqs.send(new ListQueuesCommand({}))).QueueUrls).toContain(leftover);
    await sweep(c, t.pool, { delete: true });
    const remaining = (await admin.clients(0).sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    expect(remaining.sort()).toEqual([decoy.queueUrl, lookalike].sort());
    expect((await admin.clients(0).sns.send(new ListTopicsCommand({}))).Topics!.map((x) => x.TopicArn)).toEqual([decoy.topicArn]);
    const buckets = (await admin.clients(0).s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name);
    expect(buckets.sort(), 'the tagged bucket was emptied and deleted; the others survive').toEqual([decoy.bucket, 'ssec-not-ours-b'].sort());
    const aliases = ((await admin.clients(0).kms.send(new ListAliasesCommand({}))).Aliases ?? [])
      .map((a) => a.AliasName)
      .filter((n) => n?.startsWith('alias/ssec-'));
    expect(aliases, 'the decoy alias with our prefix survives').toEqual(['alias/ssec-not-ours']);
    await t.dispose();
  });

  it("a sweep during a run leaves the run's queues and topics alone, and deletes them once the run's lease has expired", async () => {
    const run = new AwsTarget({ allowedAccounts: [MOTO_ACCOUNT], endpoint: moto.endpoint, credentials, settleMs: 150, runId: 'live1', leaseMs: 3_000 });
    await run.start();
    const c = run.clients(0);
    const queue = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'ssec-live1-q1' }))).QueueUrl!;
    const topic = (await c.sns.send(new CreateTopicCommand({ Name: 'ssec-live1-t1' }))).TopicArn!;
    const sweeper = target([MOTO_ACCOUNT], 'sweep2');
    await sweeper.start();
    const queues = async () => (await admin.clients(0).sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    const topics = async () => ((await admin.clients(0).sns.send(new ListTopicsCommand({}))).Topics ?? []).map((x) => x.TopicArn);
    // The run is live: its lease is renewed every second, so a sweep over several seconds still leaves it alone.
    for (let i = 0; i < 2; i++) {
      const r = await sweep(sweeper.clients(0), sweeper.pool, { delete: true });
      expect(r.liveRuns.map((x) => x.run)).toEqual(['live1']);
      expect(r.liveRuns[0]!.resources).toEqual(expect.arrayContaining([queue, topic]));
      expect(r.of('queue')).not.toContain(queue);
      expect(r.of('topic')).not.toContain(topic);
      expect(r.failures).toEqual([]);
      expect(await queues()).toContain(queue);
      expect(await topics()).toContain(topic);
      await new Promise((res) => setTimeout(res, 2_000));
    }
    // The run is killed: nothing renews its lease, which expires, and the next sweep deletes what the run left.
    run.runLease!.stop();
    await new Promise((res) => setTimeout(res, 3_200));
    const after = await sweep(sweeper.clients(0), sweeper.pool, { delete: true });
    expect(after.liveRuns).toEqual([]);
    expect(after.of('queue')).toEqual(expect.arrayContaining([queue, expect.stringMatching(/ssec-live1-lease$/)]));
    expect(await queues()).not.toContain(queue);
    expect((await queues()).some((q) => q.endsWith('ssec-live1-lease'))).toBe(false);
    expect(await topics()).not.toContain(topic);
    await run.dispose();
    await sweeper.dispose();
  }, 30_000);

  it('leases a pooled key with a tag that outlives the process: another pool sees it, and it is gone after release', async () => {
    const a = target([MOTO_ACCOUNT], 'lease1');
    await a.start();
    const key = (await a.clients(0).kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const lease = await leaseOn(key);
    expect(lease?.holder).toBe('lease1');
    expect(lease!.expiresAt).toBeGreaterThan(Date.now() + 10 * 60_000); // 15 minutes unless renewed
    const other = target([MOTO_ACCOUNT], 'lease2');
    await other.start();
    expect((await other.pool!.inspect()).find((k) => k.id === key)?.lease?.holder, 'a second run reads the lease from the key').toBe('lease1');
    expect(await other.pool!.take(key), 'and does not take it').toBe(false);
    await a.releaseKey(key);
    expect(await leaseOn(key), 'released: no lease tag').toBeUndefined();
    expect(await other.pool!.take(key), 'free again').toBe(true);
    await other.releaseKey(key);
    await a.dispose();
    await other.dispose();
  });

  it('two concurrent runs never hold the same key: simultaneous takes of one key, and simultaneous leases', async () => {
    const a = target([MOTO_ACCOUNT], 'conc-a');
    const b = target([MOTO_ACCOUNT], 'conc-b');
    await a.start();
    await b.start();
    const [free] = (await a.pool!.inspect()).filter((k) => !a.pool!.live(k.lease)).map((k) => k.id);
    expect(free).toBeDefined();
    // Both read the key as free before either writes: the later writer keeps it, the other backs off.
    const took = await Promise.all([a.pool!.take(free!), b.pool!.take(free!)]);
    expect(took.filter(Boolean), JSON.stringify(took)).toHaveLength(1);
    const winner = took[0] ? a : b;
    expect((await leaseOn(free!))?.holder).toBe(winner.runId);
    await winner.releaseKey(free!);
    // Whole leases through the runs' own CreateKey, at the same time: three each, all distinct.
    const ids = await Promise.all(
      [a, b, a, b, a, b].map(async (t) => ({ t, id: (await t.clients(0).kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId! })),
    );
    expect(new Set(ids.map((x) => x.id)).size).toBe(6);
    for (const { t, id } of ids) expect((await leaseOn(id))?.holder).toBe(t.runId);
    for (const { t, id } of ids) await t.releaseKey(id);
    await a.dispose();
    await b.dispose();
  });

  it('treats an expired or unreadable lease as free (a run that died), and renews its own lease while it holds the key', async () => {
    const a = target([MOTO_ACCOUNT], 'exp1');
    await a.start();
    const [id] = await a.pool!.load();
    const kms = admin.clients(0).kms;
    for (const dead of [leaseTagValue({ holder: 'killed-run', expiresAt: Date.now() - 1000 }), 'garbage']) {
      await kms.send(new TagResourceCommand({ KeyId: id!, Tags: [{ TagKey: LEASE_TAG_KEY, TagValue: dead }] }));
      expect(await a.pool!.take(id!), dead).toBe(true);
      await a.releaseKey(id!);
    }
    const short = new AwsTarget({ allowedAccounts: [MOTO_ACCOUNT], endpoint: moto.endpoint, credentials, runId: 'renew1', settleMs: 0, leaseMs: 3000 });
    await short.start();
    const key = (await short.clients(0).kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const first = (await leaseOn(key))!.expiresAt;
    await new Promise((r) => setTimeout(r, 4000)); // past the first expiry: renewed every second
    const later = (await leaseOn(key))!;
    expect(later.holder).toBe('renew1');
    expect(later.expiresAt).toBeGreaterThan(first);
    expect(later.expiresAt).toBeGreaterThan(Date.now());
    await short.releaseKey(key);
    await short.dispose();
    await a.dispose();
  }, 20_000);

  it('a sweep during a lease leaves the leased key and its aliases alone, and restores the key once the lease is gone', async () => {
    const run = target([MOTO_ACCOUNT], 'busy1');
    await run.start();
    const c = run.clients(0);
    const key = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await c.kms.send(new DisableKeyCommand({ KeyId: key })); // the scenario is in the middle of its work
    await c.kms.send(new CreateAliasCommand({ AliasName: 'alias/ssec-busy1-a', TargetKeyId: key }));
    const sweeper = target([MOTO_ACCOUNT], 'sweep1');
    await sweeper.start();
    const r = await sweep(sweeper.clients(0), sweeper.pool, { delete: true });
    expect(r.inUse.find((k) => k.id === key)).toMatchObject({ holder: 'busy1', aliases: ['alias/ssec-busy1-a'] });
    expect(r.pooledKeys).not.toContain(key);
    expect(r.of('alias')).not.toContain('alias/ssec-busy1-a');
    expect(r.failures).toEqual([]);
    expect((await admin.clients(0).kms.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata!.KeyState, 'not restored under the run').toBe('Disabled');
    // The run is killed: its lease expires (here: rewritten as expired), and the next sweep cleans up.
    run.pool!.stop();
    await admin
      .clients(0)
      .kms.send(
        new TagResourceCommand({ KeyId: key, Tags: [{ TagKey: LEASE_TAG_KEY, TagValue: leaseTagValue({ holder: 'busy1', expiresAt: Date.now() - 1 }) }] }),
      );
    const after = await sweep(sweeper.clients(0), sweeper.pool, { delete: true });
    expect(after.inUse.map((k) => k.id)).not.toContain(key);
    expect(after.of('alias')).toContain('alias/ssec-busy1-a');
    expect((await admin.clients(0).kms.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata!.KeyState, 'restored').toBe('Enabled');
    expect(await leaseOn(key), 'the sweep gave its own lease back').toBeUndefined();
    const tags = (await admin.clients(0).kms.send(new ListResourceTagsCommand({ KeyId: key }))).Tags ?? [];
    expect(tags.some((t) => t.TagKey === POOL_TAG_KEY)).toBe(true);
    await run.dispose();
    await sweeper.dispose();
  });

  it('reports what cleanup could not delete: in the report, with exit code 5 when the verdicts are as expected, and from sweep', async () => {
    const clauses = (await loadClauses()).filter((c) => c.id === 'sns-to-sqs.encrypted-topic-delivers-plaintext');
    const t = new DeleteRefusedTarget({ allowedAccounts: [MOTO_ACCOUNT], endpoint: moto.endpoint, credentials, runId: 'left1', settleMs: 0 });
    const report = await runConformance(t, { clauses, runs: 2 });
    expect(report.summary.pass).toBe(1);
    expect(report.leftovers?.length).toBeGreaterThan(0);
    for (const l of report.leftovers!) {
      expect(l).toMatchObject({ kind: 'queue', clause: 'sns-to-sqs.encrypted-topic-delivers-plaintext' });
      expect(l.reason).toMatch(/^AccessDenied: User is not authorized to perform: sqs:DeleteQueue$/);
    }
    expect(exitCodeOf(report)).toBe(5);
    expect(exitCodeOf({ ...report, leftovers: undefined })).toBe(0);
    // The queues really are still there; a sweep that may not delete them says so for each one.
    const left = report.leftovers!.map((l) => l.id);
    const queues = (await admin.clients(0).sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    for (const q of left) expect(queues).toContain(q);
    const s = new DeleteRefusedTarget({ allowedAccounts: [MOTO_ACCOUNT], endpoint: moto.endpoint, credentials, runId: 'left2', settleMs: 0 });
    await s.start();
    const r = await sweep(s.clients(0), s.pool, { delete: true });
    expect(r.failures.map((f) => f.resource).sort()).toEqual([...left].sort());
    expect(r.failures[0]!.reason).toMatch(/AccessDenied/);
    await s.dispose();
    expect((await sweep(admin.clients(0), undefined, { delete: true })).failures).toEqual([]);
  });

  it('sweeps past the first page of ListAliases: 60 leftover aliases, paged 50 at a time as AWS does', async () => {
    const t = target([MOTO_ACCOUNT], 'page1');
    await t.start();
    const c = t.clients(0);
    const key = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const names = Array.from({ length: 60 }, (_, i) => `alias/ssec-page1-${String(i).padStart(2, '0')}`);
    for (const AliasName of names) await c.kms.send(new CreateAliasCommand({ AliasName, TargetKeyId: key }));
    await t.releaseKey(key);
    // moto answers ListAliases in one page whatever its size; AWS pages it (Limit 1 to 100, default 50)
    // with Truncated and NextMarker. The sweep's client gets AWS's paging on top of moto's answer.
    const s = target([MOTO_ACCOUNT], 'page2');
    await s.start();
    const markers: (string | undefined)[] = [];
    s.clients(0).kms.middlewareStack.add(
      ((next: (a: unknown) => Promise<{ output: { Aliases?: unknown[] } }>, context: { commandName?: string }) =>
        async (args: { input: { Marker?: string; Limit?: number } }) => {
          if (context.commandName !== 'ListAliasesCommand') return next(args);
          const from = Number(args.input.Marker ?? 0);
          const limit = args.input.Limit ?? 50;
          markers.push(args.input.Marker);
          const r = await next({ ...args, input: {} });
          const all = r.output.Aliases ?? [];
          const more = from + limit < all.length;
          return {
            ...r,
            output: { ...r.output, Aliases: all.slice(from, from + limit), Truncated: more, ...(more ? { NextMarker: String(from + limit) } : {}) },
          };
        }) as never,
      { step: 'initialize', priority: 'high', name: 'pageAsAws' },
    );
    const dry = await sweep(s.clients(0), s.pool, { delete: false });
    expect(markers.length, 'more than one page was read').toBeGreaterThanOrEqual(2);
    expect(
      dry
        .of('alias')
        .filter((a) => a.startsWith('alias/ssec-page1-'))
        .sort(),
    ).toEqual(names);
    await sweep(s.clients(0), s.pool, { delete: true });
    const left = ((await admin.clients(0).kms.send(new ListAliasesCommand({}))).Aliases ?? []).filter((a) => a.AliasName!.startsWith('alias/ssec-page1-'));
    expect(left).toEqual([]);
    await t.dispose();
    await s.dispose();
  });

  it('from the CLI: each thing a faulty run left behind is a line on stderr, and sweep --delete then removes it (exit 0)', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey };
    // Asynchronous child processes: this process keeps draining moto's output meanwhile.
    const run = await execa(
      process.execPath,
      [
        BUILT_CLI,
        'run',
        '--target',
        'aws',
        '--endpoint',
        moto.endpoint,
        '--allow-account',
        MOTO_ACCOUNT,
        '--clause',
        'sns-to-sqs.encrypted-topic-delivers-plaintext',
        '--runs',
        '3',
        '--no-baseline',
        '--faults',
        'server-error=1,on=DeleteTopic', // every delete of a topic fails, after cleanup's retries
      ],
      { env, reject: false },
    );
    expect(run.exitCode, 'the injected 500s make the clause an error: 1 takes precedence over 5').toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('sse-conformance: left behind: '));
    expect(lines.length, run.stderr).toBeGreaterThan(0);
    const topics = (await admin.clients(0).sns.send(new ListTopicsCommand({}))).Topics!.map((x) => x.TopicArn);
    for (const l of lines) {
      expect(l).toMatch(
        /^sse-conformance: left behind: topic (\S+) \(sns-to-sqs\.encrypted-topic-delivers-plaintext\): InternalErrorException: injected by the faulty target \(server-error\) \(after 4 attempts\); `sweep --delete` removes it$/,
      );
      expect(topics, 'it really is still there').toContain(/left behind: topic (\S+)/.exec(l)![1]);
    }
    const swept = await execa(process.execPath, [BUILT_CLI, 'sweep', '--endpoint', moto.endpoint, '--allow-account', MOTO_ACCOUNT, '--delete'], {
      env,
      reject: false,
    });
    expect(swept.exitCode, swept.stderr).toBe(0);
    expect(swept.stdout).toMatch(new RegExp(`^deleted: \\d+ buckets, \\d+ queues, ${lines.length} topics`));
    const after = (await admin.clients(0).sns.send(new ListTopicsCommand({}))).Topics!.map((x) => x.TopicArn);
    expect(after).toEqual([decoy.topicArn]);
  }, 120_000);
});
