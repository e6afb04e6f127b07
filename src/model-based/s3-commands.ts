/**
 * The S3 commands of model-based testing (src/model-based/commands.ts says how a command runs on the target and on
 * the oracle): buckets with a default encryption, objects written with an encryption of their own or the bucket's,
 * and reads, by one of two principals, beside the KMS key-state changes. An object sealed under a KMS key can be read
 * only while that key is usable (S3-9), whatever the bucket's default says now (S3-10).
 */
import { CreateBucketCommand, GetObjectCommand, PutBucketEncryptionCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import type { Session } from '../session.js';
import { DAY, SECOND } from '../time.js';
import {
  AdvanceTime,
  byIndex,
  ChangeKeyState,
  Command,
  CreateKey,
  idx,
  keyOrNone,
  keyStateChange,
  type KeyOp,
  type MbState,
  OWNER,
  principal,
  runOnBoth,
  Sequence,
  who,
} from './commands.js';

/** A bucket; its Region is the S3 client's (outside us-east-1 CreateBucket must name it). */
class CreateBucket extends Command {
  check() {
    return true;
  }
  async run(m: MbState, s: Session) {
    const name = s.name('bucket');
    this.label = 'CreateBucket()';
    const region = await s.target.clients().s3.config.region();
    const where = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } };
    const { predicted, observed } = await runOnBoth(s, m, new CreateBucketCommand({ Bucket: name, ...where }), () => m.oracle.s3.createBucket(OWNER, name));
    if (predicted.outcome.ok && observed.ok) m.buckets.push({ target: name, model: name, objects: [] });
  }
}

/** `k` -1: SSE-S3; otherwise SSE-KMS with key k. */
class SetBucketDefault extends Command {
  constructor(
    readonly b: number,
    readonly k: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.buckets.length > 0 && (this.k < 0 || m.keys.length > 0);
  }
  async run(m: MbState, s: Session) {
    const [bucket, bi] = byIndex(m.buckets, this.b);
    const key = this.k < 0 ? undefined : byIndex(m.keys, this.k);
    this.label = `PutBucketEncryption(bucket#${bi}, ${key ? `key#${key[1]}` : 'SSE-S3'})`;
    const rule = (side: 'target' | 'model') => (key ? { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: key[0][side] } : { SSEAlgorithm: 'AES256' as const });
    await runOnBoth(
      s,
      m,
      new PutBucketEncryptionCommand({
        Bucket: bucket.target,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: rule('target') }] },
      }),
      () => m.oracle.s3.putBucketEncryption(OWNER, bucket.model, key ? { algorithm: 'aws:kms', kmsMasterKeyId: key[0].model } : { algorithm: 'AES256' }),
    );
  }
}

/** `k` undefined: the bucket's default; -1: SSE-S3 asked for; otherwise SSE-KMS with key k. */
class PutObject extends Command {
  constructor(
    readonly b: number,
    readonly k: number | undefined,
    readonly p: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.buckets.length > 0 && this.p < m.principals && (this.k === undefined || this.k < 0 || m.keys.length > 0);
  }
  async run(m: MbState, s: Session) {
    const [bucket, bi] = byIndex(m.buckets, this.b);
    const key = this.k === undefined || this.k < 0 ? undefined : byIndex(m.keys, this.k);
    const objectKey = `o${bucket.objects.length}`;
    const body = `b${++m.n}`;
    this.label = `PutObject(bucket#${bi}, ${objectKey}, ${this.k === undefined ? 'default' : key ? `key#${key[1]}` : 'SSE-S3'}, as p${this.p})`;
    const sse = (side: 'target' | 'model') =>
      this.k === undefined ? {} : key ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key[0][side] } : { ServerSideEncryption: 'AES256' };
    const { observed } = await runOnBoth(
      s,
      m,
      new PutObjectCommand({ Bucket: bucket.target, Key: objectKey, Body: body, ...(sse('target') as object) }),
      () =>
        m.oracle.s3.putObject({ caller: principal(this.p) }, { Bucket: bucket.model, Key: objectKey, Body: new TextEncoder().encode(body), ...sse('model') }),
      this.p,
    );
    if (observed.ok) bucket.objects.push({ key: objectKey, body });
  }
}

class GetObject extends Command {
  constructor(
    readonly b: number,
    readonly o: number,
    readonly p: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.buckets.some((b) => b.objects.length > 0) && this.p < m.principals;
  }
  async run(m: MbState, s: Session) {
    const withObjects = m.buckets.filter((b) => b.objects.length > 0);
    const [bucket] = byIndex(withObjects, this.b);
    const bi = m.buckets.indexOf(bucket);
    const [object] = byIndex(bucket.objects, this.o);
    this.label = `GetObject(bucket#${bi}, ${object.key}, as p${this.p})`;
    const { observed } = await runOnBoth(
      s,
      m,
      new GetObjectCommand({ Bucket: bucket.target, Key: object.key }),
      () => m.oracle.s3.getObject({ caller: principal(this.p) }, bucket.model, object.key),
      this.p,
    );
    if (observed.ok) {
      const text = (await observed.value.Body?.transformToString('utf8')) ?? '';
      // Hard, like every judgement of a command: after an answer the model did not predict, its state no longer predicts the target's.
      s.require(text === object.body, 'Body', object.body, text);
    }
  }
}

const objectIdx = fc.integer({ min: 0, max: 3 });
const putObject = fc.tuple(idx, fc.option(keyOrNone, { nil: undefined }), who).map(([b, k, p]) => new PutObject(b, k, p));
const getObject = fc.tuple(idx, objectIdx, who).map(([b, o, p]) => new GetObject(b, o, p));

/** The command mix: keys and their states, buckets and their defaults, writes and reads (weighed up by listing twice). */
export const s3SseCommands = fc.commands(
  [
    fc.constant(new CreateKey()),
    fc.constant(new CreateKey()),
    keyStateChange,
    keyStateChange,
    fc.constant(new CreateBucket()),
    fc.tuple(idx, keyOrNone).map(([b, k]) => new SetBucketDefault(b, k)),
    putObject,
    putObject,
    getObject,
    getObject,
    fc.constantFrom(301 * SECOND, 7 * DAY).map((ms) => new AdvanceTime(ms)),
  ],
  { maxCommands: 12, size: '+1' },
);

const key = () => new CreateKey();
const state = (op: KeyOp) => new ChangeKeyState(op, 0);

/**
 * The shortest sequence for each key state an object's reads and writes cross, run first on every seed, after those
 * for the key-state transitions themselves (as the SQS and SNS lifecycle runs them): a deviation that any generated
 * sequence may reach, a transition's included, then shows whatever the seed.
 */
export const s3LifecycleExamples = (): Sequence[] =>
  [
    [key(), state('CancelKeyDeletion')],
    [key(), state('DisableKey'), state('CancelKeyDeletion')],
    [key(), state('ScheduleKeyDeletion'), state('ScheduleKeyDeletion')],
    [key(), state('ScheduleKeyDeletion'), state('DisableKey')],
    [key(), state('ScheduleKeyDeletion'), state('EnableKey')],
    [key(), new CreateBucket(), new PutObject(0, 0, 0), state('DisableKey'), new GetObject(0, 0, 1)],
    [key(), new CreateBucket(), new PutObject(0, 0, 0), state('ScheduleKeyDeletion'), new GetObject(0, 0, 0)],
    [key(), new CreateBucket(), new PutObject(0, 0, 0), state('DisableKey'), state('EnableKey'), new GetObject(0, 0, 1)],
    [key(), state('DisableKey'), new CreateBucket(), new PutObject(0, 0, 0)],
    [key(), state('ScheduleKeyDeletion'), new CreateBucket(), new PutObject(0, 0, 0)],
    [key(), state('DisableKey'), new CreateBucket(), new SetBucketDefault(0, 0), new PutObject(0, undefined, 0)],
    [
      key(),
      new CreateBucket(),
      new SetBucketDefault(0, 0),
      new PutObject(0, undefined, 0),
      new SetBucketDefault(0, -1),
      state('DisableKey'),
      new GetObject(0, 0, 0),
    ],
  ].map((commands) => new Sequence(commands));
