/**
 * One run of a clause's property against a target: it makes the SDK calls, records each as a step
 * (operation, input, expected, observed), gives resources run-prefixed names and prints them
 * symbolically (`key#0`, `queue#1`) in reports, and deletes what it created afterwards.
 */
import type * as SQS from '@aws-sdk/client-sqs';
import type { Service } from './errors/codes.js';
import { faultOf, isReset, isUnreachable, normalizeError, type NormalizedError } from './errors/normalize.js';
import { shown } from './abbreviate.js';
import { withBufferedBody } from './buffered-body.js';
import { withRetries } from './retry.js';
import { describeExpected, describeObserved, matches, OK, reportObserved, type Expected, type Observed } from './outcome.js';
import type { Step } from './report.js';
import { ResourceLedger, type CleanupLeftover } from './resource-ledger.js';
import { SymbolTable } from './symbol-table.js';
import type { AtRestMessage, Target } from './target.js';
import { expectedCodes, type DeviationSignature, type FaultSignature } from './signature.js';
import type { Fields } from './services/define.js';
import { clientOf, findService, operationOf as registeredOperation, resourceKind, serviceEntry, services } from './services/registry.js';

/** A step's shape is part of the report format (src/report-schema.ts). */
export type { Step };

/**
 * One thing a scenario found wrong: a value check (`s.check`, `s.require`) or a call's outcome (`s.send`) that
 * did not hold. A scenario goes on after a soft failure and collects them; the violation it ends in carries them all.
 */
export interface Failure {
  /**
   * What was violated, without generated values: the step and the expected vs observed outcome
   * codes, or the step and the field checked (src/signature.ts). Deviations and baseline entries are keyed by it.
   */
  signature: DeviationSignature;
  /** The sentence people read, with the values (symbolised). */
  message: string;
  /** The step it judged (none for a value checked before any call). */
  step?: Step;
  /** A value check: what it compared, unsymbolised (a reproduction decides it again). */
  check?: { what: string; expected: unknown; observed: unknown };
}

/**
 * The clause's expectation did not hold: a `fail` verdict, with the steps as counterexample. It carries
 * every failure of the scenario, in the order found: the soft checks that failed and the one that stopped
 * it, if one did. The runner makes each distinct signature its own deviation.
 */
export class ClauseViolation extends Error {
  override readonly name = 'ClauseViolation';
  /** The first failure's signature (a scenario that failed once has only that one). */
  readonly signature: DeviationSignature;
  readonly failures: readonly Failure[];
  constructor(failures: readonly Failure[]) {
    if (failures.length === 0) throw new Error('a violation needs at least one failure');
    super(failures.length === 1 ? failures[0]!.message : `${failures.length} checks failed: ${failures.map((f) => f.message).join('; ')}`);
    this.failures = failures;
    this.signature = failures[0]!.signature;
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

export type { CleanupLeftover } from './resource-ledger.js';

/** Nothing could be observed in this run: the clause is reported not observable, never passed. */
export class NotObservableError extends Error {
  override readonly name = 'NotObservableError';
}

/** An SDK v3 command of a service of the registry (src/services/), with the SDK's own input and output types. */
export type SdkCommand<I extends object, O extends object> = SQS.$Command<I, O, unknown>;
/** A command's output as steps see it: without the SDK's `$metadata`. */
export type Output<O> = Omit<O, '$metadata'>;

/** The service and operation a command runs, from its class (or the SDK class it extends), by the registry's SDK modules. */
export function operationOf(command: object): { service: Service; op: string } {
  const found = registeredOperation(command);
  if (found) return found;
  throw new TargetBrokeError(
    `not a command of ${services()
      .map((e) => e.sdk.package)
      .join(', ')}: ${command.constructor?.name ?? typeof command}`,
  );
}

/** A deep copy of plain data (Uint8Arrays included); a shallow one when it cannot be cloned (a stream in it). */
function copyOf<T>(v: T): T {
  try {
    return structuredClone(v);
  } catch {
    return (v && typeof v === 'object' && !Array.isArray(v) ? { ...v } : v) as T;
  }
}

function errorOf(o: Observed): NormalizedError | undefined {
  if (o.ok) return undefined;
  const { ok: _ok, ...error } = o;
  return error;
}

/** Between probes that do not wait by themselves (receives long-poll instead). */
const POLL_INTERVAL_MS = 250;
/** The longest `pause` (Session.pause): a few seconds, which any target may be asked to let pass. */
export const MAX_PAUSE_MS = 5_000;

/**
 * What a step was before reports symbolised and cut it: the input as the clause gave it (before the SDK's middleware
 * added to it), the output received,
 * the last value check made on it, and how long the clause let time pass before it. Kept beside
 * the steps (never in reports) so that a counterexample can be turned into a standalone script.
 */
export interface RawStep {
  step: Step;
  input: unknown;
  /** The output of a successful call (undefined after a failure). */
  output?: unknown;
  /** The value check that judged this step: the first that failed on it, else the last made. */
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
  readonly #symbols: SymbolTable;
  /** What the session created, for cleanup. */
  readonly #created = new ResourceLedger();
  /** Keyed by the step object, so it follows steps that `eventually` collapses. */
  readonly #raw = new WeakMap<Step, RawStep>();
  /** Every call in the order made, polls that `eventually` collapses and faults included (recordings, src/recording). */
  readonly #log: (RawStep | RawInspection)[] = [];
  readonly #t0: number;
  #waitedMs = 0;
  #boundedWaits = 0;
  #waitingMs = 0;
  #n = 0;
  /** A request timed out or was refused: the target is not there, and cleanup would only wait out more timeouts. */
  #gone = false;
  /** What the scenario found wrong so far (soft checks go on): `settle` ends it in one violation carrying them all. */
  readonly #failures: Failure[] = [];

  constructor(target: Target, prefix: string) {
    this.#target = target;
    this.#prefix = prefix;
    this.#symbols = new SymbolTable(prefix);
    this.#t0 = this.#now();
  }

  /** The target's clock (a recorded target replays the recorded times), else the wall clock. */
  #now(): number {
    return this.#target.now?.() ?? Date.now();
  }

  #sleep(ms: number): Promise<void> {
    return this.#target.sleep ? this.#target.sleep(ms) : new Promise((r) => setTimeout(r, ms));
  }

  /**
   * How often this scenario waited a bound out: an `eventually` that reached the target's bound before its
   * condition (a check that nothing arrives), or a real-time `wait`. Shrinking counts them (src/runner.ts).
   */
  get boundedWaits(): number {
    return this.#boundedWaits;
  }

  /** Time spent waiting rather than calling, in ms: every `eventually` on a target with a bound, and real-time `wait`s. */
  get waitingMs(): number {
    return this.#waitingMs;
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
    return this.#symbols.map;
  }

  /** The steps as sent and received (see RawStep), in step order. */
  rawSteps(): RawStep[] {
    return this.steps.map((step) => this.#raw.get(step) ?? { step, input: undefined });
  }

  /** A fresh, run-prefixed name for a resource of this kind, as its registry entry makes it (a queue's; alias names get `alias/`). */
  name(kind: 'queue' | 'topic' | 'alias' | (string & {}), fifo = false): string {
    const make = resourceKind(kind)?.resource.name;
    if (!make) throw new Error(`no service of the registry names a resource of kind ${kind}`);
    return make(`${this.#prefix}-${kind[0]}${++this.#n}`, { fifo });
  }

  /**
   * Makes a call, records it, and returns the normalised outcome without judging it. With `serverErrorAnswers`, an
   * HTTP 5xx is the call's outcome rather than a target fault: only for a call of the clause's arrangement whose
   * outcome no check judges (throttling, timeouts and an unreachable target stay faults).
   */
  async attempt<I extends object, O extends object>(
    command: SdkCommand<I, O>,
    opts: { principal?: number; serverErrorAnswers?: boolean } = {},
  ): Promise<Observed<Output<O>>> {
    const { service, op } = operationOf(command);
    const principal = opts.principal ?? 0;
    // As the clause gave it: the SDK's middleware adds to a command's input in place as it sends (S3's checksum
    // algorithm), and reports, recordings and reproductions show what the clause asked for.
    const input = copyOf(command.input);
    if (!this.#target.capabilities.services.includes(service)) throw new NotObservableError(`${this.#target.name} offers no ${serviceEntry(service).title}`);
    const client = clientOf(this.#target.clients(principal), service) as unknown as { send: (c: SdkCommand<I, O>) => Promise<O> } | undefined;
    if (!client) throw new TargetBrokeError(`${this.#target.name} offers ${service} but gave no client for it`);
    let observed: Observed<Output<O>>;
    const atMs = this.#now() - this.#t0;
    const logFault = (e: TargetBrokeError): TargetBrokeError => {
      const step: Step = { op, service, principal, input: this.symbolize(input), observed: { ok: false } };
      this.#log.push({
        step,
        input,
        atMs,
        ms: this.#now() - this.#t0 - atMs,
        fault: { message: e.message, unreachable: e.unreachable },
        ...(this.#waitedMs ? { waitedMs: this.#waitedMs } : {}),
      });
      return e;
    };
    // Throttling is retried (src/retry.ts); any other failure is judged at once.
    const sent = await withRetries(
      () => client.send(command),
      (e) => {
        const n = e instanceof NotObservableError ? undefined : normalizeError(service, e);
        return n !== undefined && faultOf(n) === 'throttled';
      },
    );
    if (sent.ok) {
      const { $metadata: _m, ...value } = sent.value as O & { $metadata?: unknown };
      const read = await withBufferedBody(value).then(
        (v) => ({ ok: true as const, v }),
        (e: unknown) => ({ ok: false as const, e }),
      );
      if (read.ok) observed = { ok: true, value: read.v as Output<O> };
      else {
        // A body the SDK refuses as it reads it (its checksum is not the one the headers name) is the target's answer,
        // as an SQS MD5 it refuses is; a body that stops arriving is a fault, as a call that gets no answer is
        const n = normalizeError(service, read.e);
        if (!n || faultOf(n))
          throw logFault(
            new TargetBrokeError(
              `${this.#target.name}: ${service} ${op} answered, and its body failed: ${String((read.e as Error)?.message ?? read.e).replace(/\s+/g, ' ')}`,
              { cause: read.e, unreachable: isUnreachable(read.e) },
            ),
          );
        observed = { ok: false, ...n };
      }
    } else {
      const e = sent.error;
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
      if (fault && !(fault === 'server-error' && opts.serverErrorAnswers)) {
        const what = fault === 'throttled' ? `still throttled after ${sent.attempts} attempts` : `answered HTTP ${n.httpStatus}`;
        throw logFault(
          new TargetBrokeError(`${this.#target.name}: ${service} ${op} ${what} (${n.name}: ${n.message.replace(/\s+/g, ' ')}): a target fault, not a verdict`, {
            cause: e,
            ...(fault === 'server-error' ? { fault: { service, operation: op, httpStatus: n.httpStatus!, code: n.code } } : {}),
          }),
        );
      }
      observed = { ok: false, ...n };
    }
    this.#track(service, op, input as Fields, observed.ok ? (observed.value as Fields) : undefined);
    const step: Step = { op, service, principal, input: this.symbolize(input), observed: this.symbolize(reportObserved(observed)) as Step['observed'] };
    this.steps.push(step);
    // `input` is the copy made before sending: a clause may go on to change the object it sent.
    const raw: RawStep = {
      step,
      input,
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
   * `undefined` when an allowed failure happened. Another outcome stops the scenario at once (later steps
   * usually depend on it), unless the clause marks the outcome `independent`: then it is recorded as a
   * failure, the scenario goes on, and the call returns `undefined` when it failed.
   */
  async send<I extends object, O extends object>(command: SdkCommand<I, O>, opts?: { principal?: number }): Promise<Output<O>>;
  async send<I extends object, O extends object>(
    command: SdkCommand<I, O>,
    opts: { expect?: Expected | Expected[]; principal?: number; independent?: boolean },
  ): Promise<Output<O> | undefined>;
  async send<I extends object, O extends object>(
    command: SdkCommand<I, O>,
    opts: { expect?: Expected | Expected[]; principal?: number; independent?: boolean } = {},
  ): Promise<Output<O> | undefined> {
    const allowed = opts.expect === undefined ? [OK] : Array.isArray(opts.expect) ? opts.expect : [opts.expect];
    const observed = await this.attempt(command, { principal: opts.principal });
    this.expectLast(observed, allowed, { independent: opts.independent ?? false });
    return observed.ok ? observed.value : undefined;
  }

  /**
   * Judges the last step's outcome against the allowed set and records the expectation on it. Another
   * outcome stops the scenario, unless it is `independent` (then it is recorded and the scenario goes on);
   * returns whether it held.
   */
  expectLast(observed: Observed, allowed: readonly Expected[], opts: { independent?: boolean } = {}): boolean {
    const step = this.steps.at(-1)!;
    step.expected = [...allowed];
    if (matches(observed, allowed)) return true;
    this.#fail(
      {
        signature: { service: step.service, operation: step.op, expected: expectedCodes(allowed), observed: observed.ok ? 'success' : observed.code },
        message: `${step.service}:${step.op} expected ${describeExpected(allowed)}, observed ${describeObserved(observed)}`,
        step,
      },
      !opts.independent,
    );
    return false;
  }

  /**
   * Checks a value seen in the last step's output and records expected and observed values on the step.
   * A soft check: a wrong value is recorded as a failure of its own and the scenario goes on, so that every
   * independent check is judged (the scenario ends in one violation carrying every failed check). Returns
   * whether it held, for a later check that only means something if this one did. Where what follows
   * depends on the value (a field of a message that must have arrived), use `require`.
   */
  check(ok: boolean, what: string, expected: unknown, observed: unknown): boolean {
    return this.#check(ok, what, expected, observed, false);
  }

  /**
   * A check that what follows depends on: a wrong value stops the scenario at once (with the soft checks
   * that failed before it). Say in the clause why it is hard.
   */
  require(ok: boolean, what: string, expected: unknown, observed: unknown): void {
    this.#check(ok, what, expected, observed, true);
  }

  #check(ok: boolean, what: string, expected: unknown, observed: unknown, stop: boolean): boolean {
    const step = this.steps.at(-1);
    const raw = step && this.#raw.get(step);
    const made = { what, expected, observed };
    if (step) {
      // Several checks of one step show side by side; an expectation of its outcome (`expect`) is replaced.
      const prior = step.expected?.length === 1 && step.expected[0]!.ok ? step.expected[0]! : { ok: true };
      // A value that is not there reads "(absent)": JSON would drop it, and with several checks on one step the
      // reader could not tell which one it was.
      const shown = (v: unknown) => (v === undefined ? '(absent)' : this.symbolize(v));
      step.expected = [{ ...prior, ok: true, [what]: shown(expected) }];
      step.observed = { ...step.observed, [what]: shown(observed) };
      // A reproduction decides the step by this check: keep the first that failed on it.
      if (raw && !(raw.check && this.#failures.some((f) => f.check === raw.check))) raw.check = made;
    }
    if (ok) return true;
    const where = step ? `${step.service}:${step.op} ` : '';
    this.#fail(
      {
        signature: step ? { service: step.service, operation: step.op, field: what } : { field: what },
        message: `${where}${what}: expected ${shown(this.symbolize(expected))}, observed ${shown(this.symbolize(observed))}`,
        ...(step ? { step } : {}),
        check: made,
      },
      stop,
    );
    return false;
  }

  #fail(failure: Failure, stop: boolean): void {
    this.#failures.push(failure);
    if (stop) throw new ClauseViolation([...this.#failures]);
  }

  /** What the scenario found wrong so far, in order. */
  get failures(): readonly Failure[] {
    return this.#failures;
  }

  /**
   * Ends a scenario (the runner calls it after the clause's `scenario`): the violation carrying every failure
   * it recorded, if any. `thrown` is what ended the scenario early, if anything did: a violation already
   * carries them all; a target fault or a clause that could observe nothing after a failed check does not
   * undo what was found (the violation stands, as it did when checks stopped the scenario at once); anything
   * else (a bug of the clause) is thrown as it is.
   */
  settle(thrown?: unknown): void {
    if (thrown instanceof ClauseViolation) throw thrown;
    const after = thrown instanceof TargetBrokeError || thrown instanceof NotObservableError;
    if (thrown !== undefined && !(after && this.#failures.length)) throw thrown;
    if (this.#failures.length) throw new ClauseViolation([...this.#failures]);
  }

  /**
   * Lets time pass where that costs nothing (a virtual clock) and does nothing elsewhere: for a clause that holds
   * with or without the wait, whose wait only lets a virtual clock reach more (automatic key rotation after 90 days).
   */
  async waitIfVirtual(ms: number): Promise<void> {
    if (this.#target.advanceTime) await this.wait(ms);
  }

  /**
   * Lets a few seconds pass on any target (at most MAX_PAUSE_MS): instantly on a virtual clock, for real elsewhere,
   * as `eventually` waits for real. For a clause that must tell two moments apart (the time of a send from the time
   * of a receive); a longer wait goes through `wait`, which needs a target that accepts waiting real time.
   */
  async pause(ms: number): Promise<void> {
    if (ms > MAX_PAUSE_MS) throw new Error(`a pause is at most ${MAX_PAUSE_MS} ms (asked ${ms}); longer waits go through wait()`);
    this.#waitedMs += ms;
    if (this.#target.advanceTime) return this.#target.advanceTime(ms);
    this.#boundedWaits++;
    this.#waitingMs += ms;
    await this.#sleep(ms);
  }

  /** Lets time pass: instantly on a virtual clock, for real where the target allows it. */
  async wait(ms: number): Promise<void> {
    const t = this.#target;
    this.#waitedMs += ms;
    if (t.advanceTime) return t.advanceTime(ms);
    if (!t.capabilities.realTimeWindows) throw new NotObservableError(`${t.name} can neither advance time nor wait real time`);
    this.#boundedWaits++;
    this.#waitingMs += ms;
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
        if (bound > 0) this.#waitingMs += elapsed;
        if (!met && bound > 0) this.#boundedWaits++;
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

  /** What reports show of a value: identifiers as their symbols, long strings cut (src/symbol-table.ts). */
  symbolize(v: unknown): unknown {
    return this.#symbols.symbolize(v);
  }

  /**
   * Deletes what this scenario created (src/resource-ledger.ts). What still fails is returned with its reason: on a
   * real account the runner lists it in the report, and when a fault kept it (not the service's own refusal, which
   * the same scenario meets every time) it makes the clause an error naming it, so that no later scenario meets it
   * as a deviation. A target that stopped answering is not asked again, and `unreachable` tells the runner to probe.
   */
  async cleanup(): Promise<{ leftovers: CleanupLeftover[]; unreachable: boolean }> {
    const r = await this.#created.cleanup(this.#target, this.#gone);
    if (r.unreachable) this.#gone = true;
    return r;
  }

  /** What a call tells the session (src/services/: each resource kind's `create` and `learn`): symbols, and what to delete afterwards. */
  #track(service: string, op: string, input: Fields, out: Fields | undefined): void {
    const kinds = findService(service)?.resources ?? [];
    for (const r of kinds) this.#symbols.named(r, op, input);
    if (!out) return;
    for (const r of kinds) {
      if (r.create.operation === op) {
        const id = r.create.id(input, out);
        if (typeof id === 'string' && id && !this.#created.has(r.kind, id) && this.#symbols.created(r, id, input, out) && r.cleanup)
          this.#created.add(r.kind, id);
      }
      this.#symbols.learn(r, op, input, out);
    }
  }
}
