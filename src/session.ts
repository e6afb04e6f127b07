/**
 * One run of a clause's property against a target: it makes the SDK calls, records each as a step
 * (operation, input, expected, observed), gives resources run-prefixed names and prints them
 * symbolically (`key#0`, `queue#1`) in reports, and deletes what it created afterwards.
 */
import * as KMS from '@aws-sdk/client-kms';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import type { Service } from './errors/codes.js';
import { faultOf, isReset, isUnreachable, normalizeError, type NormalizedError } from './errors/normalize.js';
import { abbreviate, shown } from './abbreviate.js';
import { describeExpected, describeObserved, matches, OK, reportObserved, type Expected, type Observed } from './outcome.js';
import type { Leftover, Step } from './report.js';
import type { AtRestMessage, Target } from './target.js';
import { expectedCodes, type DeviationSignature, type FaultSignature } from './signature.js';

/** A step's shape is part of the report format (src/report-schema.ts). */
export type { Step };

/** The clause's expectation did not hold: a `fail` verdict, with the steps as counterexample. */
export class ClauseViolation extends Error {
  override readonly name = 'ClauseViolation';
  /**
   * What was violated, without generated values: the step and the expected vs observed outcome
   * codes, or the step and the field checked (src/signature.ts). Deviations and baseline entries are keyed by it.
   */
  readonly signature: DeviationSignature;
  constructor(message: string, signature: DeviationSignature) {
    super(message);
    this.signature = signature;
  }
}

/** The target or the harness broke (not an answer of the service): an `error` verdict, never pass or fail. */
export class TargetBrokeError extends Error {
  override readonly name = 'TargetBrokeError';
  /** The target could not be reached at all (refused, reset, timed out), as opposed to a 5xx or throttling. */
  readonly unreachable: boolean;
  /**
   * An HTTP 5xx answer of the target: what it was, without its message. The only error a baseline
   * may name as expected; throttling, timeouts and unreachable targets have none.
   */
  readonly fault?: FaultSignature;
  constructor(message: string, opts: { cause?: unknown; unreachable?: boolean; fault?: FaultSignature } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.unreachable = opts.unreachable ?? false;
    if (opts.fault) this.fault = opts.fault;
  }
}

/** Nothing could be observed in this run: the clause is reported not observable, never passed. */
export class NotObservableError extends Error {
  override readonly name = 'NotObservableError';
}

/** An SDK v3 command of the KMS, SNS or SQS client, with the SDK's own input and output types. */
export type SdkCommand<I extends object, O extends object> = SQS.$Command<I, O, unknown>;
/** A command's output as steps see it: without the SDK's `$metadata`. */
export type Output<O> = Omit<O, '$metadata'>;

/**
 * Every command class of the three SDK packages, under its export name there (`SendMessageCommand`
 * → sqs SendMessage). Export names are the packages' public API, so minifying a build keeps them.
 */
const OPERATIONS = new Map<unknown, { service: Service; op: string }>();
for (const [service, module] of [
  ['kms', KMS],
  ['sns', SNS],
  ['sqs', SQS],
] as [Service, Record<string, unknown> & { $Command: typeof SQS.$Command }][]) {
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function' && value.prototype instanceof module.$Command && name.endsWith('Command'))
      OPERATIONS.set(value, { service, op: name.slice(0, -'Command'.length) });
  }
}

/** The service and operation a command runs, from its class (or the SDK class it extends). */
export function operationOf(command: object): { service: Service; op: string } {
  for (let c: unknown = command.constructor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const found = OPERATIONS.get(c);
    if (found) return found;
  }
  throw new TargetBrokeError(`not a command of @aws-sdk/client-kms, client-sns or client-sqs: ${command.constructor?.name ?? typeof command}`);
}

/** A deep copy of plain data (Uint8Arrays included); the value itself when it cannot be cloned. */
function copyOf<T>(v: T): T {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}

function errorOf(o: Observed): NormalizedError | undefined {
  if (o.ok) return undefined;
  const { ok: _ok, ...error } = o;
  return error;
}

/** Between probes that do not wait by themselves (receives long-poll instead). */
const POLL_INTERVAL_MS = 250;
/** Throttled requests are retried after these pauses, then the clause is an error. */
const THROTTLE_BACKOFF_MS = [100, 300, 900];

type Kind = 'key' | 'alias' | 'queue' | 'topic' | 'sub';

/**
 * What a step was before reports symbolised and cut it: the exact input sent, the output received,
 * the last value check made on it, and how long the clause let time pass before it. Kept beside
 * the steps (never in reports) so that a counterexample can be turned into a standalone script.
 */
export interface RawStep {
  step: Step;
  input: unknown;
  /** The output of a successful call (undefined after a failure). */
  output?: unknown;
  /** The value check that judged this step last (the failing one when the clause failed on it). */
  check?: { what: string; expected: unknown; observed: unknown };
  /** Time the clause let pass (`wait`) between the previous step and this one. */
  waitedMs?: number;
  /** When the call started, in ms since the session began (the target's clock), and how long it took. */
  atMs?: number;
  ms?: number;
  /** The normalised error of a failed call, in full (the step's copy is symbolised and cut). */
  error?: NormalizedError;
  /** The last probe of an `eventually`: whether its condition was met, or its bound reached first (then the clause takes what it saw as final). */
  settled?: { met: boolean; polls: number };
  /** The call ended in a target fault (5xx, throttling, unreachable): no outcome, the scenario stopped there. */
  fault?: { message: string; unreachable: boolean };
}

/** An at-rest inspection the clause made (targets with atRestInspection), in call order with the steps. */
export interface RawInspection {
  inspect: string;
  messages: AtRestMessage[];
  atMs: number;
}

export class Session {
  readonly steps: Step[] = [];
  readonly #target: Target;
  readonly #prefix: string;
  readonly #symbols = new Map<string, string>();
  readonly #counts: Record<Kind, number> = { key: 0, alias: 0, queue: 0, topic: 0, sub: 0 };
  readonly #created: { kind: Kind; id: string }[] = [];
  /** Keyed by the step object, so it follows steps that `eventually` collapses. */
  readonly #raw = new WeakMap<Step, RawStep>();
  /** Every call in the order made, polls that `eventually` collapses and faults included (recordings, src/recording). */
  readonly #log: (RawStep | RawInspection)[] = [];
  readonly #t0: number;
  #waitedMs = 0;
  #n = 0;
  /** A request timed out or was refused: the target is not there, and cleanup would only wait out more timeouts. */
  #gone = false;

  constructor(target: Target, prefix: string) {
    this.#target = target;
    this.#prefix = prefix;
    // Names the run made but never created (a rejected alias) show the prefix as `<run>`: the same seed gives the same report.
    this.#symbols.set(prefix, '<run>');
    this.#t0 = this.#now();
  }

  /** The target's clock (a recorded target replays the recorded times), else the wall clock. */
  #now(): number {
    return this.#target.now?.() ?? Date.now();
  }

  #sleep(ms: number): Promise<void> {
    return this.#target.sleep ? this.#target.sleep(ms) : new Promise((r) => setTimeout(r, ms));
  }

  /** Every call and inspection as made, in order (see RawStep): what `run --record` writes. */
  calls(): readonly (RawStep | RawInspection)[] {
    return this.#log;
  }

  get target(): Target {
    return this.#target;
  }

  /** The run prefix every name of this session starts with. */
  get prefix(): string {
    return this.#prefix;
  }

  /** Concrete identifier → symbol (`key#0`, `arn(queue#1)`, the prefix → `<run>`), read-only. */
  get symbols(): ReadonlyMap<string, string> {
    return this.#symbols;
  }

  /** The steps as sent and received (see RawStep), in step order. */
  rawSteps(): RawStep[] {
    return this.steps.map((step) => this.#raw.get(step) ?? { step, input: undefined });
  }

  /** A fresh, run-prefixed resource name (queue and topic names; alias names get `alias/`). */
  name(kind: 'queue' | 'topic' | 'alias', fifo = false): string {
    const base = `${this.#prefix}-${kind[0]}${++this.#n}`;
    if (kind === 'alias') return `alias/${base}`;
    return fifo ? `${base}.fifo` : base;
  }

  /** Makes a call, records it, and returns the normalised outcome without judging it. */
  async attempt<I extends object, O extends object>(command: SdkCommand<I, O>, opts: { principal?: number } = {}): Promise<Observed<Output<O>>> {
    const { service, op } = operationOf(command);
    const principal = opts.principal ?? 0;
    const input = command.input;
    if (!this.#target.capabilities.services.includes(service)) throw new NotObservableError(`${this.#target.name} offers no Amazon ${service.toUpperCase()}`);
    const client = this.#target.clients(principal)[service] as unknown as { send: (c: SdkCommand<I, O>) => Promise<O> };
    let observed: Observed<Output<O>>;
    const atMs = this.#now() - this.#t0;
    const logFault = (e: TargetBrokeError): TargetBrokeError => {
      const step: Step = { op, service, principal, input: this.symbolize(input), observed: { ok: false } };
      this.#log.push({
        step,
        input: copyOf(input),
        atMs,
        ms: this.#now() - this.#t0 - atMs,
        fault: { message: e.message, unreachable: e.unreachable },
        ...(this.#waitedMs ? { waitedMs: this.#waitedMs } : {}),
      });
      return e;
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const { $metadata: _m, ...value } = (await client.send(command)) as O & { $metadata?: unknown };
        observed = { ok: true, value: value as Output<O> };
        break;
      } catch (e) {
        if (e instanceof NotObservableError) throw e; // a recorded target that holds no such call
        const n = normalizeError(service, e);
        if (!n) {
          if (isUnreachable(e) && !isReset(e)) this.#gone = true;
          throw logFault(
            new TargetBrokeError(
              `${this.#target.name}: ${service} ${op} failed without a service answer: ${String((e as Error)?.message ?? e).replace(/\s+/g, ' ')}`,
              { cause: e, unreachable: isUnreachable(e) },
            ),
          );
        }
        const fault = faultOf(n);
        if (fault === 'throttled' && attempt < THROTTLE_BACKOFF_MS.length) {
          await new Promise((r) => setTimeout(r, THROTTLE_BACKOFF_MS[attempt]));
          continue;
        }
        if (fault) {
          const what = fault === 'throttled' ? `still throttled after ${attempt + 1} attempts` : `answered HTTP ${n.httpStatus}`;
          throw logFault(
            new TargetBrokeError(
              `${this.#target.name}: ${service} ${op} ${what} (${n.name}: ${n.message.replace(/\s+/g, ' ')}): a target fault, not a verdict`,
              { cause: e, ...(fault === 'server-error' ? { fault: { service, operation: op, httpStatus: n.httpStatus!, code: n.code } } : {}) },
            ),
          );
        }
        observed = { ok: false, ...n };
        break;
      }
    }
    this.#nameSymbol(op, input as Record<string, unknown>);
    if (observed.ok) this.#track(op, input as Record<string, unknown>, observed.value as Record<string, unknown>);
    const step: Step = { op, service, principal, input: this.symbolize(input), observed: this.symbolize(reportObserved(observed)) as Step['observed'] };
    this.steps.push(step);
    // A copy: a clause may go on to change the object it sent; Uint8Arrays survive structuredClone.
    const raw: RawStep = {
      step,
      input: copyOf(input),
      ...(observed.ok ? { output: observed.value } : { error: errorOf(observed)! }),
      ...(this.#waitedMs ? { waitedMs: this.#waitedMs } : {}),
      atMs,
      ms: this.#now() - this.#t0 - atMs,
    };
    this.#raw.set(step, raw);
    this.#log.push(raw);
    this.#waitedMs = 0;
    return observed;
  }

  /**
   * Sends a command whose outcome must be one of `expect` (default: success) and returns its output;
   * `undefined` when an allowed failure happened.
   */
  async send<I extends object, O extends object>(command: SdkCommand<I, O>, opts?: { principal?: number }): Promise<Output<O>>;
  async send<I extends object, O extends object>(
    command: SdkCommand<I, O>,
    opts: { expect: Expected | Expected[]; principal?: number },
  ): Promise<Output<O> | undefined>;
  async send<I extends object, O extends object>(
    command: SdkCommand<I, O>,
    opts: { expect?: Expected | Expected[]; principal?: number } = {},
  ): Promise<Output<O> | undefined> {
    const allowed = opts.expect === undefined ? [OK] : Array.isArray(opts.expect) ? opts.expect : [opts.expect];
    const observed = await this.attempt(command, { principal: opts.principal });
    this.expectLast(observed, allowed);
    return observed.ok ? observed.value : undefined;
  }

  /** Judges the last step's outcome against the allowed set and records the expectation on it. */
  expectLast(observed: Observed, allowed: readonly Expected[]): void {
    const step = this.steps.at(-1)!;
    step.expected = [...allowed];
    if (!matches(observed, allowed)) {
      throw new ClauseViolation(`${step.service}:${step.op} expected ${describeExpected(allowed)}, observed ${describeObserved(observed)}`, {
        service: step.service,
        operation: step.op,
        expected: expectedCodes(allowed),
        observed: observed.ok ? 'success' : observed.code,
      });
    }
  }

  /** Asserts a value seen in the last step's output; records expected and observed values on the step. */
  check(ok: boolean, what: string, expected: unknown, observed: unknown): void {
    const step = this.steps.at(-1);
    if (step) {
      step.expected = [{ ok: true, [what]: this.symbolize(expected) }];
      step.observed = { ...step.observed, [what]: this.symbolize(observed) };
      const raw = this.#raw.get(step);
      if (raw) raw.check = { what, expected, observed };
    }
    const where = step ? `${step.service}:${step.op} ` : '';
    if (!ok)
      throw new ClauseViolation(
        `${where}${what}: expected ${shown(this.symbolize(expected))}, observed ${shown(this.symbolize(observed))}`,
        step ? { service: step.service, operation: step.op, field: what } : { field: what },
      );
  }

  /**
   * Lets time pass where that costs nothing (a virtual clock) and does nothing elsewhere: for a clause that holds
   * with or without the wait, whose wait only lets a virtual clock reach more (automatic key rotation after 90 days).
   */
  async waitIfVirtual(ms: number): Promise<void> {
    if (this.#target.advanceTime) await this.wait(ms);
  }

  /** Lets time pass: instantly on a virtual clock, for real where the target allows it. */
  async wait(ms: number): Promise<void> {
    const t = this.#target;
    this.#waitedMs += ms;
    if (t.advanceTime) return t.advanceTime(ms);
    if (!t.capabilities.realTimeWindows) throw new NotObservableError(`${t.name} can neither advance time nor wait real time`);
    await new Promise((r) => setTimeout(r, ms));
  }

  /**
   * Probes until `enough(result)` or the target's bound for asynchronous effects
   * (`capabilities.eventualMs`) has passed, and records on the last probe's step how long it waited
   * and why it stopped (`observed.waited`). A probe gets the time left, so receives can long-poll.
   * A check that something never happens passes `enough` only for the wrong outcome, so it waits
   * the whole bound and says so. With a bound of 0 (synchronous targets) it probes once.
   */
  async eventually<T>(probe: (remainingMs: number) => Promise<T>, enough: (result: T) => boolean): Promise<T> {
    const bound = this.#target.capabilities.eventualMs;
    const started = this.#now();
    let previous: { from: number; seen: string } | undefined;
    for (let polls = 1; ; polls++) {
      const from = this.steps.length;
      const result = await probe(Math.max(0, bound - (this.#now() - started)));
      // A poll that saw exactly what the one before it saw replaces it: a counterexample shows what
      // changed between polls, and the poll count, not every identical poll.
      const added = this.steps.length - from;
      const seen = JSON.stringify(this.steps.slice(from).map((st) => [st.op, st.observed]));
      let start = from;
      if (previous && previous.seen === seen && previous.from + added === from) {
        this.steps.splice(previous.from, added); // the previous poll's steps, directly before this poll's
        start = previous.from;
      }
      previous = { from: start, seen };
      const met = enough(result);
      const elapsed = this.#now() - started;
      if (met || elapsed >= bound) {
        const step = this.steps.at(-1);
        const raw = step && this.#raw.get(step);
        if (raw) raw.settled = { met, polls };
        if (step && bound > 0)
          step.observed = {
            ...step.observed,
            waited: `${(elapsed / 1000).toFixed(1)} s of a ${bound / 1000} s bound, ${polls} ${polls === 1 ? 'poll' : 'polls'}, ${met ? 'condition met' : 'bound reached'}`,
          };
        return result;
      }
      await this.#sleep(Math.min(POLL_INTERVAL_MS, bound - elapsed));
    }
  }

  async inspect(queueUrl: string): Promise<AtRestMessage[]> {
    if (!this.#target.inspectQueue) throw new NotObservableError(`${this.#target.name} offers no at-rest inspection`);
    const atMs = this.#now() - this.#t0;
    const messages = await this.#target.inspectQueue(queueUrl);
    this.#log.push({ inspect: queueUrl, messages: copyOf(messages), atMs });
    return messages;
  }

  notObservable(reason: string): never {
    throw new NotObservableError(reason);
  }

  /**
   * What reports show of a value: every concrete resource identifier replaced by its symbol, and
   * long strings (message bodies near the size limit) cut to their start and their length.
   */
  symbolize(v: unknown): unknown {
    const keys = [...this.#symbols.keys()].sort((a, b) => b.length - a.length);
    const walk = (x: unknown): unknown => {
      if (typeof x === 'string') {
        let s = x;
        for (const k of keys) if (s.includes(k)) s = s.split(k).join(this.#symbols.get(k)!);
        return abbreviate(s);
      }
      if (x instanceof Uint8Array) return `<${x.length} bytes>`;
      if (Array.isArray(x)) return x.map(walk);
      if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, val]) => [k, walk(val)]));
      return x;
    };
    return walk(v);
  }

  /**
   * Deletes what this run created, best effort, without recording steps. Keys are scheduled for deletion.
   * Once a request timed out or was refused, only pooled keys are given back (a real account would pay
   * for a new key otherwise): each delete would wait out its own timeout (30 s) on a target that stopped
   * answering. What is left has the run's prefix (`sweep` finds it on a real account; emulators are disposable).
   *
   * On an account that is not disposable (a real one) nothing left behind goes unsaid: it returns each
   * resource it could not delete or give back, and why (a resource that is already gone is not one).
   * Emulators are wiped or thrown away, so there it returns nothing.
   */
  async cleanup(): Promise<Leftover[]> {
    const c = this.#target.clients(0);
    const leftovers: Leftover[] = [];
    const report = !this.#target.capabilities.disposableAccount;
    for (const r of [...this.#created].reverse()) {
      if (this.#gone && !(r.kind === 'key' && this.#target.releaseKey)) {
        if (report) leftovers.push({ kind: r.kind as Leftover['kind'], id: r.id, reason: 'not attempted: the target stopped answering' });
        continue;
      }
      try {
        if (r.kind === 'queue') await c.sqs.send(new SQS.DeleteQueueCommand({ QueueUrl: r.id }));
        if (r.kind === 'topic') await c.sns.send(new SNS.DeleteTopicCommand({ TopicArn: r.id }));
        if (r.kind === 'alias') await c.kms.send(new KMS.DeleteAliasCommand({ AliasName: r.id }));
        if (r.kind === 'key') {
          if (this.#target.releaseKey) await this.#target.releaseKey(r.id);
          else await c.kms.send(new KMS.ScheduleKeyDeletionCommand({ KeyId: r.id, PendingWindowInDays: 7 }));
        }
      } catch (e) {
        // The resource may already be gone, or in a state the clause put it in (a key pending deletion).
        const service = r.kind === 'queue' ? 'sqs' : r.kind === 'topic' ? 'sns' : 'kms';
        const code = normalizeError(service, e)?.code;
        const gone =
          code === 'QueueDoesNotExist' ||
          code === 'NotFound' ||
          code === 'KMS.NotFound' ||
          (r.kind === 'key' && !this.#target.releaseKey && code === 'KMS.InvalidState');
        if (report && !gone)
          leftovers.push({
            kind: r.kind as Leftover['kind'],
            id: r.id,
            reason: abbreviate(`${(e as Error).name}: ${(e as Error).message}`.replace(/\s+/g, ' ')),
          });
      }
    }
    return leftovers;
  }

  #symbol(kind: Kind, values: (string | undefined)[]): void {
    const sym = `${kind}#${this.#counts[kind]++}`;
    const [primary, ...others] = values;
    if (primary) this.#symbols.set(primary, sym);
    for (const o of others) if (o) this.#symbols.set(o, `arn(${sym})`);
  }

  /**
   * A queue or topic name gets its symbol when it is first sent, whatever the answer: the same input
   * then reads the same on every target (a replay elsewhere compares step for step).
   */
  #nameSymbol(op: string, input: Record<string, unknown>): void {
    const name = op === 'CreateQueue' ? input.QueueName : op === 'CreateTopic' ? input.Name : undefined;
    if (typeof name === 'string' && !this.#symbols.has(name)) this.#symbol(op === 'CreateQueue' ? 'queue' : 'topic', [name]);
  }

  #track(op: string, input: Record<string, unknown>, out: Record<string, unknown>): void {
    if (op === 'CreateKey') {
      const md = out.KeyMetadata as { KeyId?: string; Arn?: string };
      this.#symbol('key', [md.KeyId, md.Arn]);
      this.#created.push({ kind: 'key', id: md.KeyId! });
    } else if (op === 'CreateAlias') {
      // Alias names are the client's own choice, often the generated value under test: shown as
      // sent (the run prefix as `<run>`), never replaced by a symbol.
      this.#created.push({ kind: 'alias', id: input.AliasName as string });
    } else if (op === 'CreateQueue') {
      const url = out.QueueUrl as string;
      if (!this.#symbols.has(url)) {
        this.#symbols.set(url, this.#symbols.get(input.QueueName as string)!);
        this.#created.push({ kind: 'queue', id: url });
      }
    } else if (op === 'CreateTopic') {
      const arn = out.TopicArn as string;
      if (!this.#symbols.has(arn)) {
        this.#symbols.set(arn, this.#symbols.get(input.Name as string)!);
        this.#created.push({ kind: 'topic', id: arn });
      }
    } else if (op === 'GetQueueAttributes') {
      const attrs = out.Attributes as Record<string, string> | undefined;
      const url = input.QueueUrl as string;
      if (attrs?.QueueArn && this.#symbols.has(url)) this.#symbols.set(attrs.QueueArn, `arn(${this.#symbols.get(url)})`);
    } else if (op === 'Subscribe') {
      const arn = out.SubscriptionArn as string | undefined;
      if (arn && !this.#symbols.has(arn)) this.#symbol('sub', [arn]);
    }
  }
}
