/**
 * Model-based testing (fast-check commands): each command runs one AWS operation on the target
 * and the same operation on a fresh reference model (the oracle). The target's normalised outcome
 * must be in the set the model allows: its own outcome, plus the alternatives it notes while a
 * cached data key is still in use (windows, KMS-9). Resources are named symbolically
 * (`key#0`, `queue#1`) in the steps and in `toString`.
 */
import fc from 'fast-check';
import { ReferenceModel } from '../../reference/index.js';
import type { ModelOutcome } from '../../reference/windows.js';
import type { ModelError } from '../../reference/errors.js';
import { canonicalCode, type Service } from '../errors/codes.js';
import { fails, OK, type Expected } from '../outcome.js';
import type { Session } from '../session.js';
import { DAY, SECOND } from '../time.js';

export interface MbState {
  oracle: ReferenceModel;
  keys: { target: string; model: string }[];
  queues: { target: string; model: string; bodies: Set<string> }[];
  topics: { target: string; model: string }[];
  virtualClock: boolean;
  principals: number;
  n: number;
}

type Cmd = fc.AsyncCommand<MbState, Session>;

const ACCOUNT = '123456789012';
const principal = (i: number) => `arn:aws:iam::${ACCOUNT}:user/p${i}`;
const OWNER = { caller: principal(0) };

function allowedFrom(service: Service, predicted: { outcome: ModelOutcome<unknown>; alsoAllowed: ModelError[] }): Expected[] {
  const code = (e: ModelError) => fails(canonicalCode(service, e.name) ?? `Unmapped:${e.name}`);
  const first = predicted.outcome.ok ? OK : code(predicted.outcome.error);
  return [first, ...predicted.alsoAllowed.map(code)];
}

/** Runs the operation on both sides and judges the target's outcome. */
async function both<T>(s: Session, m: MbState, service: Service, op: string, targetInput: object, oracle: () => T, who = 0) {
  const predicted = m.oracle.windows.collect(oracle);
  const observed = await s.attempt(service, op, targetInput, who);
  s.expectLast(observed, allowedFrom(service, predicted));
  return { predicted, observed };
}

class CreateKey implements Cmd {
  check = () => true;
  async run(m: MbState, s: Session) {
    const { predicted, observed } = await both(s, m, 'kms', 'CreateKey', {}, () => m.oracle.kms.createKey(OWNER));
    if (predicted.outcome.ok && observed.ok) {
      m.keys.push({ model: (predicted.outcome.value as { keyId: string }).keyId, target: (observed.value as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId });
    }
  }
  toString = () => 'CreateKey()';
}

type KeyOp = 'DisableKey' | 'EnableKey' | 'ScheduleKeyDeletion' | 'CancelKeyDeletion';
/** Commands name resources by index modulo how many exist, so that shrinking keeps them valid. */
const at = <T>(list: readonly T[], i: number): [T, number] => [list[i % list.length]!, i % list.length];

class ChangeKeyState implements Cmd {
  #label = '';
  constructor(readonly op: KeyOp, readonly k: number) {}
  check = (m: Readonly<MbState>) => m.keys.length > 0;
  async run(m: MbState, s: Session) {
    const [key, k] = at(m.keys, this.k);
    this.#label = `key#${k}`;
    const extra = this.op === 'ScheduleKeyDeletion' ? { PendingWindowInDays: 7 } : {};
    await both(s, m, 'kms', this.op, { KeyId: key.target, ...extra }, () => {
      const kms = m.oracle.kms;
      if (this.op === 'DisableKey') return kms.disableKey(OWNER, key.model);
      if (this.op === 'EnableKey') return kms.enableKey(OWNER, key.model);
      if (this.op === 'ScheduleKeyDeletion') return kms.scheduleKeyDeletion(OWNER, key.model, 7);
      return kms.cancelKeyDeletion(OWNER, key.model);
    });
  }
  toString = () => `${this.op}(${this.#label || `key#${this.k}`})`;
}

/** `k` undefined: SSE-SQS; -1: unencrypted; otherwise SSE-KMS with key k. */
class CreateQueue implements Cmd {
  #label = '';
  constructor(readonly k: number | undefined) {}
  check = (m: Readonly<MbState>) => this.k === undefined || this.k < 0 || m.keys.length > 0;
  async run(m: MbState, s: Session) {
    const name = s.name('queue');
    const key = this.k === undefined || this.k < 0 ? undefined : at(m.keys, this.k);
    this.#label = this.k === undefined ? 'SSE-SQS' : key ? `key#${key[1]}` : 'unencrypted';
    const attrs = (side: 'target' | 'model'): Record<string, string> =>
      this.k === undefined ? {} : !key ? { SqsManagedSseEnabled: 'false' } : { KmsMasterKeyId: key[0][side] };
    const { predicted, observed } = await both(s, m, 'sqs', 'CreateQueue', { QueueName: name, Attributes: attrs('target') }, () => m.oracle.sqs.createQueue(OWNER, name, attrs('model')));
    if (predicted.outcome.ok && observed.ok) m.queues.push({ model: predicted.outcome.value as string, target: (observed.value as { QueueUrl: string }).QueueUrl, bodies: new Set() });
  }
  toString = () => `CreateQueue(${this.#label || (this.k === undefined ? 'SSE-SQS' : this.k < 0 ? 'unencrypted' : `key#${this.k}`)})`;
}

/** `k` -1 clears the key (SSE off). */
class SetQueueKey implements Cmd {
  #label = '';
  constructor(readonly q: number, readonly k: number) {}
  check = (m: Readonly<MbState>) => m.queues.length > 0 && (this.k < 0 || m.keys.length > 0);
  async run(m: MbState, s: Session) {
    const [q, qi] = at(m.queues, this.q);
    const key = this.k < 0 ? undefined : at(m.keys, this.k);
    this.#label = `queue#${qi}, KmsMasterKeyId=${key ? `key#${key[1]}` : '""'}`;
    const id = (side: 'target' | 'model') => (key ? key[0][side] : '');
    await both(s, m, 'sqs', 'SetQueueAttributes', { QueueUrl: q.target, Attributes: { KmsMasterKeyId: id('target') } }, () =>
      m.oracle.sqs.setQueueAttributes(OWNER, q.model, { KmsMasterKeyId: id('model') }));
  }
  toString = () => `SetQueueAttributes(${this.#label || `queue#${this.q}, KmsMasterKeyId=${this.k < 0 ? '""' : `key#${this.k}`}`})`;
}

class SendMessage implements Cmd {
  #label = '';
  constructor(readonly q: number, readonly p: number) {}
  check = (m: Readonly<MbState>) => m.queues.length > 0 && this.p < m.principals;
  async run(m: MbState, s: Session) {
    const [q, qi] = at(m.queues, this.q);
    this.#label = `queue#${qi}`;
    const body = `m${++m.n}`;
    const { observed } = await both(s, m, 'sqs', 'SendMessage', { QueueUrl: q.target, MessageBody: body }, () =>
      m.oracle.sqs.sendMessage({ caller: principal(this.p) }, { QueueUrl: q.model, MessageBody: body }), this.p);
    if (observed.ok) q.bodies.add(body);
  }
  toString = () => `SendMessage(${this.#label || `queue#${this.q}`}, as p${this.p})`;
}

class ReceiveMessage implements Cmd {
  #label = '';
  constructor(readonly q: number, readonly p: number) {}
  check = (m: Readonly<MbState>) => m.queues.length > 0 && this.p < m.principals;
  async run(m: MbState, s: Session) {
    const [q, qi] = at(m.queues, this.q);
    this.#label = `queue#${qi}`;
    const input = { QueueUrl: q.target, MaxNumberOfMessages: 10, VisibilityTimeout: 0 };
    const { observed } = await both(s, m, 'sqs', 'ReceiveMessage', input, () =>
      m.oracle.sqs.receiveMessage({ caller: principal(this.p) }, { ...input, QueueUrl: q.model }), this.p);
    if (observed.ok) {
      const bodies = ((observed.value as { Messages?: { Body?: string }[] }).Messages ?? []).map((x) => x.Body ?? '');
      s.check(bodies.every((b) => q.bodies.has(b)), 'Bodies', 'only bodies sent to this queue, unchanged', bodies);
    }
  }
  toString = () => `ReceiveMessage(${this.#label || `queue#${this.q}`}, as p${this.p})`;
}

class CreateTopic implements Cmd {
  #label = '';
  constructor(readonly k: number) {}
  check = (m: Readonly<MbState>) => this.k < 0 || m.keys.length > 0;
  async run(m: MbState, s: Session) {
    const name = s.name('topic');
    const key = this.k < 0 ? undefined : at(m.keys, this.k);
    this.#label = key ? `key#${key[1]}` : 'unencrypted';
    const attrs = (side: 'target' | 'model'): Record<string, string> => (key ? { KmsMasterKeyId: key[0][side] } : {});
    const { predicted, observed } = await both(s, m, 'sns', 'CreateTopic', { Name: name, Attributes: attrs('target') }, () => m.oracle.sns.createTopic(OWNER, name, attrs('model')));
    if (predicted.outcome.ok && observed.ok) m.topics.push({ model: predicted.outcome.value as string, target: (observed.value as { TopicArn: string }).TopicArn });
  }
  toString = () => `CreateTopic(${this.#label || (this.k < 0 ? 'unencrypted' : `key#${this.k}`)})`;
}

class Publish implements Cmd {
  #label = '';
  constructor(readonly t: number, readonly p: number) {}
  check = (m: Readonly<MbState>) => m.topics.length > 0 && this.p < m.principals;
  async run(m: MbState, s: Session) {
    const [t, ti] = at(m.topics, this.t);
    this.#label = `topic#${ti}`;
    await both(s, m, 'sns', 'Publish', { TopicArn: t.target, Message: 'p' }, () => m.oracle.sns.publish({ caller: principal(this.p) }, { TopicArn: t.model, Message: 'p' }), this.p);
  }
  toString = () => `Publish(${this.#label || `topic#${this.t}`}, as p${this.p})`;
}

/** Virtual clock only: lets reuse periods run out and deletion windows end on both sides. */
class AdvanceTime implements Cmd {
  constructor(readonly ms: number) {}
  check = (m: Readonly<MbState>) => m.virtualClock;
  async run(m: MbState, s: Session) {
    m.oracle.clock.advance(this.ms);
    await s.wait(this.ms);
  }
  toString = () => `AdvanceTime(${this.ms >= DAY ? `${this.ms / DAY}d` : `${this.ms / SECOND}s`})`;
}

const idx = fc.integer({ min: 0, max: 2 });
const keyOrNone = fc.integer({ min: -1, max: 2 });
const who = fc.integer({ min: 0, max: 1 });
const keyStateChange = fc.tuple(fc.constantFrom<KeyOp>('DisableKey', 'EnableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion'), idx).map(([op, k]) => new ChangeKeyState(op, k));
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
      model: { oracle: new ReferenceModel(), keys: [], queues: [], topics: [], virtualClock: s.target.capabilities.virtualClock, principals, n: 0 },
      real: s,
    }),
    cmds,
  );
}
