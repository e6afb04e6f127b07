/**
 * The scenarios of one clause on one target, run by fast-check in passes over the clause's generated inputs (the
 * same seed gives the same inputs in the same order). Each scenario gets a fresh session, runs the clause's check,
 * cleans up and is reported to `onScenario`. What the passes share (the scenarios run, the last session, a target
 * fault that ends them all) lives on the instance; src/runner.ts decides which passes to make and judges them.
 */
import fc from 'fast-check';
import type { Clause } from './clause.js';
import type { Leftover } from './report.js';
import { inputHash } from './recording/input-hash.js';
import { ClauseViolation, NotObservableError, Session, TargetBrokeError, type Failure, type Step } from './session.js';
import { signatureKey, signatureText, withRule, type DeviationSignature } from './signature.js';
import type { Target } from './target.js';
import { abbreviate } from './abbreviate.js';
import { UsageError } from './usage-error.js';
import type { ScenarioEnd } from './runner.js';

/**
 * Shrink steps that may wait out a bound (an `eventually` that reached the target's bound, or a real-time wait)
 * before shrinking stops: a check that nothing arrives costs the whole bound on every step. Counted in steps, not
 * seconds, so that the same seed shrinks to the same counterexample on a loaded machine or at any concurrency.
 */
export const SHRINK_WAIT_BUDGET = 8;

/** A replay's path (`RunOptions.path`) that leads to no scenario of the clause with that seed: exit code 2. */
export class ReplayPathError extends UsageError {
  override readonly name = 'ReplayPathError';
}

export interface PassOptions {
  /** Judge by this deviation (its signature key) only: violations that do not show it count as passes. */
  only?: string;
  /** Skip the inputs before this one: an earlier pass already knows their outcome. */
  from?: number;
  /** Collect the signature of every violation's failures here, with the input it was first seen at; never fail. */
  explore?: Map<string, { signature: DeviationSignature; at: number }>;
}

/** The failing scenario a pass ended with (fast-check's last failing run: the shrunk counterexample). */
export interface Failing {
  steps: Step[];
  session: Session;
  input: unknown;
  error: unknown;
  /** The failure it is judged by. */
  failure?: Failure;
  /** Every failure it showed. */
  found: Failure[];
}

export interface PassResult {
  details: fc.RunDetails<[unknown]>;
  failing: Failing | undefined;
  /** The index of the first failing input, before shrinking (-1: none). */
  firstFailure: number;
  /** The failures of that first failing input (each is a deviation to look for). */
  firstFound: Failure[];
  /** Shrinking stopped at SHRINK_WAIT_BUDGET. */
  cut: boolean;
}

export interface ScenarioOptions {
  /** The clause's own seed. */
  seed: number;
  numRuns: number;
  examples: [unknown][];
  /** Prefix of the clause's resource names; each scenario adds `r<k>`. */
  prefix: string;
  /** Replay the input at this fast-check path and nothing else. */
  path?: string | undefined;
  /** Stop starting scenarios once this is aborted. */
  signal?: AbortSignal | undefined;
  /** Receives what cleanup could not remove on a real account, with this clause's id. */
  leftovers?: Leftover[] | undefined;
  onScenario?: ((s: ScenarioEnd) => void | Promise<void>) | undefined;
}

export class ClauseScenarios {
  /** Scenarios run, over every pass. */
  runs = 0;
  /** The steps and session of the last scenario run. */
  lastSteps: Step[] = [];
  lastSession: Session | undefined;
  /** The target broke, or nothing was observable: no pass calls it again. */
  aborted: TargetBrokeError | NotObservableError | undefined;
  #n = 0;

  constructor(
    readonly target: Target,
    readonly clause: Clause,
    readonly opts: ScenarioOptions,
  ) {}

  /**
   * One pass over the clause's generated inputs. Inputs before `from` are skipped. With `explore`, the
   * signatures of every violation's failures are collected and the pass never fails; otherwise fast-check stops
   * at the first violation (one that shows `only`, when given) and shrinks it, and the last failing run is the
   * counterexample, judged by its first failure (or the one that is `only`).
   */
  async pass(o: PassOptions): Promise<PassResult> {
    const state = { index: 0, firstFailure: -1, firstFound: [] as Failure[], failing: undefined as Failing | undefined, shrinkWaits: 0, cut: false };
    const property = fc.asyncProperty(this.clause.arbitrary, async (input) => {
      const i = state.index++;
      if (this.aborted || this.opts.signal?.aborted || i < (o.from ?? 0)) return;
      // A replay runs the input at its path and nothing else (fast-check would go on to its siblings and shrinks).
      if (this.opts.path && this.runs > 0) return;
      // Past the budget, the smaller inputs still to try are not run: to fast-check they pass, so the last
      // failing input, which did run and fail, stays the counterexample.
      const shrinking = state.firstFailure >= 0 && !o.explore;
      if (shrinking && state.shrinkWaits >= SHRINK_WAIT_BUDGET) {
        state.cut = true;
        return;
      }
      const ran = await this.#scenario(input);
      if (shrinking && (this.lastSession?.boundedWaits ?? 0) > 0) state.shrinkWaits++;
      if (ran.thrown === undefined) return;
      const e = ran.thrown;
      if (e instanceof TargetBrokeError || e instanceof NotObservableError) {
        this.aborted = e;
        return;
      }
      if (ran.found.length && o.explore) {
        for (const { signature } of ran.found) if (!o.explore.has(signatureKey(signature))) o.explore.set(signatureKey(signature), { signature, at: i });
        return;
      }
      const failure = o.only === undefined ? ran.found[0] : ran.found.find((f) => signatureKey(f.signature) === o.only);
      if (ran.found.length && !failure) return; // other deviations: not this pass's
      if (state.firstFailure < 0) [state.firstFailure, state.firstFound] = [i, ran.found];
      const session = this.lastSession!;
      state.failing = {
        steps: session.steps,
        session,
        input: session.symbolize(describeInput(input)),
        error: e,
        ...(failure ? { failure } : {}),
        found: ran.found,
      };
      throw e;
    });
    const details = await this.#check(property);
    return { details, failing: state.failing, firstFailure: state.firstFailure, firstFound: state.firstFound, cut: state.cut };
  }

  async #check(property: fc.IAsyncProperty<[unknown]>): Promise<fc.RunDetails<[unknown]>> {
    const { seed, numRuns, examples, path } = this.opts;
    try {
      return await fc.check(property, { seed, numRuns, examples, ...(path ? { path } : {}) });
    } catch (e) {
      // fast-check walks a replay's path before it runs anything: a path that leads nowhere is the caller's mistake.
      if (path && e instanceof Error && e.message.startsWith('Unable to replay'))
        throw new ReplayPathError(
          `path ${abbreviate(path, 60)} leads to no scenario of ${this.clause.id} with seed ${seed} (a path is valid only with the clause and seed it was printed with)`,
        );
      throw e;
    }
  }

  /** One scenario: a fresh session runs the check, cleans up and is reported; what it threw, and its failures. */
  async #scenario(input: unknown): Promise<{ thrown?: unknown; found: Failure[] }> {
    this.runs++;
    const k = ++this.#n;
    const { target, clause, opts } = this;
    const prefix = `${opts.prefix}r${k}`;
    const hash = inputHash(input);
    let ended: ScenarioEnd['outcome'] = 'pass';
    let found: Failure[] = [];
    let thrown: unknown;
    const run = async (): Promise<void> => {
      const session = new Session(target, prefix);
      this.lastSteps = session.steps;
      this.lastSession = session;
      try {
        // The clause's failed soft checks end the scenario in one violation (src/session.ts).
        await clause.scenario(session, input).then(
          () => session.settle(),
          (e: unknown) => session.settle(e),
        );
      } catch (e) {
        ended = e instanceof TargetBrokeError ? 'error' : e instanceof NotObservableError ? 'not-observable' : 'violation';
        if (e instanceof ClauseViolation) found = e.failures.map((f) => ({ ...f, signature: withRule(f.signature, clause.rule?.(input as never)) }));
        thrown = e;
      }
      const left = await cleanupAfter(session, target, clause.id, opts.leftovers);
      // A target fault already ends the clause as an error; otherwise what cleanup left behind does.
      if (left && !(thrown instanceof TargetBrokeError)) [ended, thrown] = ['error', left];
      await opts.onScenario?.({
        clause: clause.id,
        seed: opts.seed,
        index: k - 1,
        inputHash: hash,
        input: session.symbolize(describeInput(input)),
        session,
        outcome: ended,
        ...(found.length && ended === 'violation' ? { signature: signatureText(found[0]!.signature) } : {}),
      });
      if (thrown !== undefined) throw thrown;
    };
    try {
      await (target.scenario ? target.scenario({ clause: clause.id, seed: opts.seed, inputHash: hash, prefix }, run) : run());
    } catch (e) {
      // What the scenario threw, or what the target's wrapper threw around it.
      return { thrown: e, found };
    }
    return { found };
  }
}

/**
 * Cleans up after a scenario (Session.cleanup, which retries). On a real account what it could not delete goes to
 * the report's leftovers. On any target, a resource that a fault kept it from deleting makes the clause an error
 * naming it (returned here): a later scenario could meet it (a name the clause does not prefix, an alias) and
 * report a deviation that is not one. A delete that timed out makes the error unreachable, so the runner probes the target.
 */
async function cleanupAfter(session: Session, target: Target, clause: string, into: Leftover[] | undefined): Promise<TargetBrokeError | undefined> {
  const { leftovers, unreachable } = await session.cleanup();
  if (!target.capabilities.disposableAccount) for (const { notAttempted: _n, refused: _r, ...l } of leftovers) into?.push({ ...l, clause });
  // A refusal is the service's own answer, which this scenario meets on every run: deterministic, not a fault.
  const failed = leftovers.filter((l) => !l.notAttempted && !l.refused);
  if (!failed.length) return undefined;
  const named = failed.map((l) => `${l.kind} ${session.symbolize(l.id)} (${l.id}): ${l.reason}`).join('; ');
  return new TargetBrokeError(`${target.name}: cleanup could not delete what the scenario created, so the clause stops: ${named}`, { unreachable });
}

/** Generated inputs as a reader wants them: command sequences by their own toString, data as is. */
function describeInput(input: unknown): unknown {
  // fast-check builds records without a prototype: those have no toString at all.
  const own = input !== null && typeof input === 'object' ? (input as { toString?: unknown }).toString : undefined;
  const custom = !Array.isArray(input) && typeof own === 'function' && own !== Object.prototype.toString;
  return custom ? String(input) : input;
}
