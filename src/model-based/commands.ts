/**
 * Model-based testing (fast-check commands): each command runs one AWS operation on the target
 * and the same operation on a fresh reference model (the oracle). The target's normalised outcome
 * must be in the set the model allows: its own outcome, plus the alternatives it notes while a
 * cached data key is still in use (windows, KMS-9). Resources are named symbolically
 * (`key#0`, `queue#1`) in the steps and in `toString`.
 */
import { CancelKeyDeletionCommand, CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import type { ModelOutcome } from '../../reference/windows.js';
import type { ModelError } from '../../reference/errors.js';
import { canonicalCode, type Service } from '../errors/codes.js';
import { fails, OK, type Expected } from '../outcome.js';
import { operationOf, type SdkCommand, type Session } from '../session.js';
import { DAY, SECOND } from '../time.js';
import { OracleModel } from './oracle.js';

export interface MbState {
  oracle: OracleModel;
  keys: { target: string; model: string }[];
  queues: { target: string; model: string; bodies: Set<string> }[];
  topics: { target: string; model: string }[];
  /** S3 (src/model-based/s3-commands.ts): buckets, with the objects written to each and their bodies. */
  buckets: { target: string; model: string; objects: { key: string; body: string }[] }[];
  virtualClock: boolean;
  principals: number;
  n: number;
}

export type Cmd = fc.AsyncCommand<MbState, Session>;

const ACCOUNT = '123456789012';
export const principal = (i: number) => `arn:aws:iam::${ACCOUNT}:user/p${i}`;
export const OWNER = { caller: principal(0) };

function allowedFrom(service: Service, predicted: { outcome: ModelOutcome<unknown>; alsoAllowed: ModelError[] }): Expected[] {
  const code = (e: ModelError) => fails(canonicalCode(service, e.name) ?? `Unmapped:${e.name}`);
  const first = predicted.outcome.ok ? OK : code(predicted.outcome.error);
  return [first, ...predicted.alsoAllowed.map(code)];
}

/** Runs the operation on both sides and judges the target's outcome. */
export async function runOnBoth<T, I extends object, O extends object>(s: Session, m: MbState, command: SdkCommand<I, O>, oracle: () => T, who = 0) {
  const predicted = m.oracle.windows.collect(oracle);
  const observed = await s.attempt(command, { principal: who });
  s.expectLast(observed, allowedFrom(operationOf(command).service, predicted));
  return { predicted, observed };
}

export type KeyOp = 'DisableKey' | 'EnableKey' | 'ScheduleKeyDeletion' | 'CancelKeyDeletion';
/** Commands name resources by index modulo how many exist, so that shrinking keeps them valid. */
export const byIndex = <T>(list: readonly T[], i: number): [T, number] => [list[i % list.length]!, i % list.length];

/**
 * A command names, as it runs, the resources it resolved (`SendMessage(queue#1, as p0)`): fast-check
 * prints only commands that ran, so the label set in `run` is all a report ever shows.
 */
export abstract class Command implements Cmd {
  protected label = '';
  abstract check(m: Readonly<MbState>): boolean;
  abstract run(m: MbState, s: Session): Promise<void>;
  toString(): string {
    return this.label;
  }
}

export class CreateKey extends Command {
  check() {
    return true;
  }
  async run(m: MbState, s: Session) {
    this.label = 'CreateKey()';
    const { predicted, observed } = await runOnBoth(s, m, new CreateKeyCommand({}), () => m.oracle.kms.createKey(OWNER));
    if (predicted.outcome.ok && observed.ok) m.keys.push({ model: predicted.outcome.value.keyId, target: observed.value.KeyMetadata!.KeyId! });
  }
}

export class ChangeKeyState extends Command {
  constructor(
    readonly op: KeyOp,
    readonly k: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.keys.length > 0;
  }
  async run(m: MbState, s: Session) {
    const [key, k] = byIndex(m.keys, this.k);
    this.label = `${this.op}(key#${k})`;
    const KeyId = key.target;
    const command =
      this.op === 'DisableKey'
        ? new DisableKeyCommand({ KeyId })
        : this.op === 'EnableKey'
          ? new EnableKeyCommand({ KeyId })
          : this.op === 'ScheduleKeyDeletion'
            ? new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 })
            : new CancelKeyDeletionCommand({ KeyId });
    await runOnBoth(s, m, command, () => {
      const kms = m.oracle.kms;
      if (this.op === 'DisableKey') return kms.disableKey(OWNER, key.model);
      if (this.op === 'EnableKey') return kms.enableKey(OWNER, key.model);
      if (this.op === 'ScheduleKeyDeletion') return kms.scheduleKeyDeletion(OWNER, key.model, 7);
      return kms.cancelKeyDeletion(OWNER, key.model);
    });
  }
}

/** `k` undefined: SSE-SQS; -1: unencrypted; otherwise SSE-KMS with key k. */
class CreateQueue extends Command {
  constructor(readonly k: number | undefined) {
    super();
  }
  check(m: Readonly<MbState>) {
    return this.k === undefined || this.k < 0 || m.keys.length > 0;
  }
  async run(m: MbState, s: Session) {
    const name = s.name('queue');
    const key = this.k === undefined || this.k < 0 ? undefined : byIndex(m.keys, this.k);
    this.label = `CreateQueue(${this.k === undefined ? 'SSE-SQS' : key ? `key#${key[1]}` : 'unencrypted'})`;
    const attrs = (side: 'target' | 'model'): Record<string, string> =>
      this.k === undefined ? {} : !key ? { SqsManagedSseEnabled: 'false' } : { KmsMasterKeyId: key[0][side] };
    const { predicted, observed } = await runOnBoth(s, m, new CreateQueueCommand({ QueueName: name, Attributes: attrs('target') }), () =>
      m.oracle.sqs.createQueue(OWNER, name, attrs('model')),
    );
    if (predicted.outcome.ok && observed.ok) m.queues.push({ model: predicted.outcome.value, target: observed.value.QueueUrl!, bodies: new Set() });
  }
}

/** `k` -1 clears the key (SSE off). */
class SetQueueKey extends Command {
  constructor(
    readonly q: number,
    readonly k: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.queues.length > 0 && (this.k < 0 || m.keys.length > 0);
  }
  async run(m: MbState, s: Session) {
    const [q, qi] = byIndex(m.queues, this.q);
    const key = this.k < 0 ? undefined : byIndex(m.keys, this.k);
    this.label = `SetQueueAttributes(queue#${qi}, KmsMasterKeyId=${key ? `key#${key[1]}` : '""'})`;
    const id = (side: 'target' | 'model') => (key ? key[0][side] : '');
    await runOnBoth(s, m, new SetQueueAttributesCommand({ QueueUrl: q.target, Attributes: { KmsMasterKeyId: id('target') } }), () =>
      m.oracle.sqs.setQueueAttributes(OWNER, q.model, { KmsMasterKeyId: id('model') }),
    );
  }
}

class SendMessage extends Command {
  constructor(
    readonly q: number,
    readonly p: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.queues.length > 0 && this.p < m.principals;
  }
  async run(m: MbState, s: Session) {
    const [q, qi] = byIndex(m.queues, this.q);
    this.label = `SendMessage(queue#${qi}, as p${this.p})`;
    const body = `m${++m.n}`;
    const { observed } = await runOnBoth(
      s,
      m,
      new SendMessageCommand({ QueueUrl: q.target, MessageBody: body }),
      () => m.oracle.sqs.sendMessage({ caller: principal(this.p) }, { QueueUrl: q.model, MessageBody: body }),
      this.p,
    );
    if (observed.ok) q.bodies.add(body);
  }
}

class ReceiveMessage extends Command {
  constructor(
    readonly q: number,
    readonly p: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.queues.length > 0 && this.p < m.principals;
  }
  async run(m: MbState, s: Session) {
    const [q, qi] = byIndex(m.queues, this.q);
    this.label = `ReceiveMessage(queue#${qi}, as p${this.p})`;
    const input = { QueueUrl: q.target, MaxNumberOfMessages: 10, VisibilityTimeout: 0 };
    const { observed } = await runOnBoth(
      s,
      m,
      new ReceiveMessageCommand(input),
      () => m.oracle.sqs.receiveMessage({ caller: principal(this.p) }, { ...input, QueueUrl: q.model }),
      this.p,
    );
    if (observed.ok) {
      const bodies = (observed.value.Messages ?? []).map((x) => x.Body ?? '');
      // Hard, like every judgement of a command: after an answer the model did not predict, its state no longer predicts the target's.
      s.require(
        bodies.every((b) => q.bodies.has(b)),
        'Bodies',
        'only bodies sent to this queue, unchanged',
        bodies,
      );
    }
  }
}

class CreateTopic extends Command {
  constructor(readonly k: number) {
    super();
  }
  check(m: Readonly<MbState>) {
    return this.k < 0 || m.keys.length > 0;
  }
  async run(m: MbState, s: Session) {
    const name = s.name('topic');
    const key = this.k < 0 ? undefined : byIndex(m.keys, this.k);
    this.label = `CreateTopic(${key ? `key#${key[1]}` : 'unencrypted'})`;
    const attrs = (side: 'target' | 'model'): Record<string, string> => (key ? { KmsMasterKeyId: key[0][side] } : {});
    const { predicted, observed } = await runOnBoth(s, m, new CreateTopicCommand({ Name: name, Attributes: attrs('target') }), () =>
      m.oracle.sns.createTopic(OWNER, name, attrs('model')),
    );
    if (predicted.outcome.ok && observed.ok) m.topics.push({ model: predicted.outcome.value, target: observed.value.TopicArn! });
  }
}

class Publish extends Command {
  constructor(
    readonly t: number,
    readonly p: number,
  ) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.topics.length > 0 && this.p < m.principals;
  }
  async run(m: MbState, s: Session) {
    const [t, ti] = byIndex(m.topics, this.t);
    this.label = `Publish(topic#${ti}, as p${this.p})`;
    await runOnBoth(
      s,
      m,
      new PublishCommand({ TopicArn: t.target, Message: 'p' }),
      () => m.oracle.sns.publish({ caller: principal(this.p) }, { TopicArn: t.model, Message: 'p' }),
      this.p,
    );
  }
}

/** Virtual clock only: lets reuse periods run out and deletion windows end on both sides. */
export class AdvanceTime extends Command {
  constructor(readonly ms: number) {
    super();
  }
  check(m: Readonly<MbState>) {
    return m.virtualClock;
  }
  async run(m: MbState, s: Session) {
    this.label = `AdvanceTime(${this.ms >= DAY ? `${this.ms / DAY}d` : `${this.ms / SECOND}s`})`;
    m.oracle.clock.advance(this.ms);
    await s.wait(this.ms);
  }
}

export const idx = fc.integer({ min: 0, max: 2 });
export const keyOrNone = fc.integer({ min: -1, max: 2 });
export const who = fc.integer({ min: 0, max: 1 });
export const keyStateChange = fc
  .tuple(fc.constantFrom<KeyOp>('DisableKey', 'EnableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion'), idx)
  .map(([op, k]) => new ChangeKeyState(op, k));
const send = fc.tuple(idx, who).map(([q, p]) => new SendMessage(q, p));
const receive = fc.tuple(idx, who).map(([q, p]) => new ReceiveMessage(q, p));
const publish = fc.tuple(idx, who).map(([t, p]) => new Publish(t, p));

/** The command mix; creations, key-state changes and data-path operations are listed twice to weigh them up. */
export const sseCommands = fc.commands(
  [
    fc.constant(new CreateKey()),
    fc.constant(new CreateKey()),
    keyStateChange,
    keyStateChange,
    fc.option(keyOrNone, { nil: undefined }).map((k) => new CreateQueue(k)),
    fc.tuple(idx, keyOrNone).map(([q, k]) => new SetQueueKey(q, k)),
    send,
    send,
    receive,
    receive,
    keyOrNone.map((k) => new CreateTopic(k)),
    keyOrNone.map((k) => new CreateTopic(k)),
    publish,
    publish,
    fc.constantFrom(61 * SECOND, 301 * SECOND, 7 * DAY).map((ms) => new AdvanceTime(ms)),
  ],
  { maxCommands: 14, size: '+1' },
);

export async function runSseCommands(s: Session, cmds: Iterable<Cmd>): Promise<void> {
  const principals = Math.min(2, s.target.capabilities.principals);
  await fc.asyncModelRun(
    () => ({
      model: { oracle: new OracleModel(), keys: [], queues: [], topics: [], buckets: [], virtualClock: s.target.capabilities.virtualClock, principals, n: 0 },
      real: s,
    }),
    cmds,
  );
}

/**
 * A fixed command sequence, run like a generated one. fast-check prints a generated sequence by
 * the commands that ran; this does the same, so reports read alike.
 */
export class Sequence implements Iterable<Cmd> {
  constructor(readonly commands: Command[]) {}
  [Symbol.iterator](): Iterator<Cmd> {
    return this.commands[Symbol.iterator]();
  }
  toString(): string {
    return this.commands
      .map(String)
      .filter((l) => l !== '')
      .join(',');
  }
}

const key = () => new CreateKey();
const state = (op: KeyOp) => new ChangeKeyState(op, 0);

/**
 * The shortest sequence for each key state and operation the lifecycle crosses, run first on every
 * seed: a deviation on one of these transitions shows whatever the seed (a baseline must hold for
 * any seed), and the generated sequences look for the ones nobody thought of.
 */
export const lifecycleExamples = (): Iterable<Cmd>[] =>
  [
    [key(), state('CancelKeyDeletion')],
    [key(), state('DisableKey'), state('CancelKeyDeletion')],
    [key(), state('ScheduleKeyDeletion'), state('ScheduleKeyDeletion')],
    [key(), state('ScheduleKeyDeletion'), state('CancelKeyDeletion'), new CreateQueue(0), new SendMessage(0, 0)],
    [key(), state('ScheduleKeyDeletion'), state('DisableKey')],
    [key(), state('ScheduleKeyDeletion'), state('EnableKey')],
    [key(), state('DisableKey'), new CreateTopic(0), new Publish(0, 0)],
    [key(), state('ScheduleKeyDeletion'), new CreateTopic(0), new Publish(0, 0)],
    [key(), state('DisableKey'), new CreateQueue(0), new SendMessage(0, 0)],
    [key(), state('ScheduleKeyDeletion'), new CreateQueue(0), new SendMessage(0, 0)],
    [key(), new CreateQueue(0), new SendMessage(0, 0), state('DisableKey'), new ReceiveMessage(0, 1)],
    [key(), new CreateQueue(0), new SendMessage(0, 0), state('ScheduleKeyDeletion'), new ReceiveMessage(0, 1)],
    [key(), state('DisableKey'), state('EnableKey'), new CreateQueue(0), new SendMessage(0, 0), new ReceiveMessage(0, 0)],
    [key(), new CreateQueue(-1), new SendMessage(0, 0), new SetQueueKey(0, 0), state('DisableKey'), new ReceiveMessage(0, 0)],
    [key(), new CreateQueue(0), new SendMessage(0, 0), new SetQueueKey(0, -1), state('DisableKey'), new ReceiveMessage(0, 1)],
  ].map((commands) => new Sequence(commands));
