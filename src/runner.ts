/**
 * Runs clauses against a target and returns the report as data. Each clause is a fast-check
 * property run with a seed derived from the run's seed and the clause id, so adding a clause
 * never changes another's scenarios; a failure shrinks, and its steps are the counterexample.
 */
import fc from 'fast-check';
import type { Clause } from './clause.js';
import { summarize, type ClauseResult, type Deviation, type Leftover, type Report, type Verdict } from './report.js';
import { isReset, isUnreachable } from './errors/normalize.js';
import { LIVENESS_PAUSES_MS, withRetries } from './retry.js';
import { ClauseViolation, NotObservableError, Session, TargetBrokeError, type Failure, type RawStep, type Step } from './session.js';
import { describeRequirement, meets, requirementsOf, TargetUnavailableError, type Target } from './target.js';
import { VERSION } from './version.js';
import { abbreviate } from './abbreviate.js';
import { UsageError } from './usage-error.js';
import { redactCredentials } from './terminal-text.js';
import { credentialsOf, redactSecretsIn } from './secrets.js';
import { MissingPackageError } from './optional-dependency.js';
import { clientOf, serviceEntry, serviceNames } from './services/registry.js';
import { inputHash } from './recording/input-hash.js';
import { signatureKey, signatureText, withRule, type DeviationSignature, type FaultSignature } from './signature.js';

/** One generated scenario as it ended: what `run --record` keeps (src/recording). */
export interface ScenarioEnd {
  clause: string;
  /** The clause's own seed. */
  seed: number;
  /** Which scenario of the clause this was (0-based, in the order run: generated inputs, shrinks and later passes count on). */
  index: number;
  inputHash: string;
  /** The generated input, with resources named symbolically. */
  input: unknown;
  session: Session;
  /** How the clause ended on it. */
  outcome: 'pass' | 'violation' | 'error' | 'not-observable';
  /** The violation's signature as text (src/signature.ts). */
  signature?: string;
}

export const DEFAULT_SEED = 20261123;

/** A replayed scenario as sent: raw steps and the session's symbols (for standalone reproductions, src/reproduce). */
export interface Recording {
  prefix: string;
  symbols: ReadonlyMap<string, string>;
  steps: RawStep[];
  /**
   * The failure the replay was judged by (a scenario goes on after a failed soft check, so it need not be the
   * last step): its place in `steps` and, for a value check, what it compared.
   */
  judged?: { step: number; check?: Failure['check'] };
}

export interface BaselineEntry {
  /** The first deviation as observed when the entry was written, for people. */
  reason: string;
  since: string;
  /** The signatures of every deviation the target is known to show in this clause; any other fails. */
  deviations?: DeviationSignature[];
  /**
   * Instead of deviations: the clause is known to end this way on the target although its
   * capabilities promise more (a target fault such as a deterministic HTTP 500, or nothing
   * observable). The run still reports the not observable, and the error, unless `fault` names it;
   * a pass makes the entry stale.
   */
  observed?: 'error' | 'not-observable';
  /**
   * With `observed: 'error'`: the target fault the clause ends in (an HTTP 5xx answer, src/signature.ts).
   * That fault, and no other error, is then an `expected-error`.
   */
  fault?: FaultSignature;
}
export type Baseline = Record<string, BaselineEntry>;

export interface RunOptions {
  clauses: Clause[];
  seed?: number;
  /** Generated runs per clause (default: the target's profile, else 25). */
  runs?: number;
  /** Known failures of this target: expected-fail, and unexpected-pass when they pass. */
  baseline?: Baseline;
  /** Replay one counterexample exactly: fast-check's path for the clause seed. */
  path?: string;
  /** Prefix of every resource name (default: `ssec-` and a random id). */
  prefix?: string;
  onClauseStart?: (clause: Clause, index: number, total: number) => void;
  onClauseEnd?: (result: ClauseResult, index: number, total: number) => void;
  /** Interrupts the run: the current clause stops after its current scenario (which cleans up), the rest are not run. */
  signal?: AbortSignal;
  /** Called after each generated scenario (after cleanup): `run --record` keeps them. */
  onScenario?: (s: ScenarioEnd) => void | Promise<void>;
}

const INTERRUPTED = 'not run: the run was interrupted';

/** A replay's path (`RunOptions.path`) that leads to no scenario of the clause with that seed: exit code 2. */
export class ReplayPathError extends UsageError {
  override readonly name = 'ReplayPathError';
}

export function clauseSeed(seed: number, id: string): number {
  return (seed ^ fc.hash(id)) >>> 0; // unsigned, as --seed takes it; fast-check reads the same 32 bits either way
}

export async function runConformance(target: Target, opts: RunOptions): Promise<Report> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const started = Date.now();
  const report: Report = {
    tool: 'sse-conformance',
    version: VERSION,
    target: { name: target.name },
    seed,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    clauses: [],
    summary: summarize([]),
  };
  let unavailable: string | undefined;
  let stoppedAnswering = false;
  try {
    await target.start();
    // Known once started (emulators pick free ports); a report never holds a password that was in the URL.
    if (target.endpoint) report.target.endpoint = redactCredentials(target.endpoint);
  } catch (e) {
    // A missing optional package is the user's setup, not the target's state: one line, no report.
    if (!(e instanceof TargetUnavailableError) || e instanceof MissingPackageError) throw e;
    unavailable = redactCredentials(e.message);
    report.target.unavailable = unavailable;
  }
  const leftovers: Leftover[] = [];
  let credentials: string[] = [];
  const prefix = opts.prefix ?? target.namePrefix ?? `ssec-${Math.random().toString(36).slice(2, 8)}`;
  const runOne = async (clause: Clause, i: number): Promise<ClauseResult> => {
    opts.onClauseStart?.(clause, i, opts.clauses.length);
    let result: ClauseResult;
    if (opts.signal?.aborted) {
      result = base(clause, 'not-observable', 0, 0, INTERRUPTED);
      report.interrupted = true;
    } else if (unavailable) {
      result = base(
        clause,
        'not-observable',
        0,
        0,
        stoppedAnswering ? `not run: ${unavailable}` : `target ${target.name} could not be started: ${unavailable}`,
      );
    } else {
      const { unreachable, ...r } = await runClause(target, clause, {
        seed,
        runs: opts.runs ?? target.defaultRuns,
        baseline: opts.baseline,
        path: opts.path,
        prefix: `${prefix}${i}`,
        signal: opts.signal,
        leftovers,
        onScenario: opts.onScenario,
      });
      result = r;
      if (opts.signal?.aborted) {
        result = base(clause, 'not-observable', r.runs, r.durationMs, `${INTERRUPTED} (during this clause, after ${r.runs} scenarios)`);
        report.interrupted = true;
      }
      // One request could not reach the target: if a second, harmless one cannot either, it has stopped
      // answering, and the rest of the run is not run (exit 3) instead of waiting out every request.
      if (unreachable && !unavailable && !(await answers(target))) {
        stoppedAnswering = true;
        unavailable = `target ${target.name} stopped answering during ${clause.id}`;
        report.target.unavailable = unavailable;
      }
    }
    opts.onClauseEnd?.(result, i, opts.clauses.length);
    return result;
  };
  try {
    // Clauses that wait out data-key windows in real time (minutes) mostly sleep: they run alongside the
    // others instead of one after another. Each uses only what it creates, and results keep clause order.
    const waits = (c: Clause) => !target.capabilities.virtualClock && requirementsOf(c).includes('timeWindows');
    const indexed = opts.clauses.map((clause, i) => ({ clause, i }));
    const waiting = Promise.all(indexed.filter(({ clause }) => waits(clause)).map(async ({ clause, i }) => ({ i, result: await runOne(clause, i) })));
    const results: ClauseResult[] = [];
    for (const { clause, i } of indexed.filter(({ clause }) => !waits(clause))) results[i] = await runOne(clause, i);
    for (const { i, result } of await waiting) results[i] = result;
    report.clauses.push(...results);
  } finally {
    // Learnt before the target is thrown away: what its clients sign with, which it may have echoed back.
    if (!unavailable || stoppedAnswering) credentials = await credentialsOf(target).catch(() => []);
    if (!unavailable || stoppedAnswering) await target.dispose();
    if (leftovers.length) report.leftovers = leftovers;
  }
  // A target's error message may quote its URL (with credentials, when the user's endpoint had them), and a target
  // may echo a credential it was sent (a session token): every output is made from this report.
  for (const c of report.clauses) if (c.reason) c.reason = redactCredentials(c.reason);
  redactSecretsIn(report.clauses, credentials);
  if (report.leftovers) redactSecretsIn(report.leftovers, credentials);
  report.durationMs = Date.now() - started;
  report.summary = summarize(report.clauses);
  return report;
}

/**
 * Whether the target still answers a harmless request (any service answer counts, an error too).
 * A refused or timed-out probe means it does not. A reset one is asked again after each pause of
 * LIVENESS_PAUSES_MS (src/retry.ts), over a few seconds: a target that resets some connections (one
 * in five, say) still answers, and a few unlucky probes in a row must not end the run.
 */
async function answers(target: Target): Promise<boolean> {
  // The harmless call of the first service it offers (src/services/: each entry's `probe`).
  const service = serviceEntry(target.capabilities.services[0] ?? serviceNames()[0]!);
  const client = clientOf(target.clients(0), service.name);
  const probed = await withRetries(
    () => service.probe(client as never),
    (e) => isUnreachable(e) && isReset(e),
    LIVENESS_PAUSES_MS,
  );
  return probed.ok || !isUnreachable(probed.error);
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

function base(clause: Clause, verdict: Verdict, runs: number, durationMs: number, reason?: string): ClauseResult {
  return {
    id: clause.id,
    title: clause.title,
    level: clause.level,
    sources: clause.sources,
    features: clause.features,
    verdict,
    ...(reason ? { reason } : {}),
    runs,
    durationMs,
  };
}

export async function runClause(
  target: Target,
  clause: Clause,
  opts: {
    seed: number;
    runs: number;
    baseline?: Baseline | undefined;
    path?: string | undefined;
    prefix: string;
    /** Replay: `seed` is already the clause's own seed (as a counterexample records it). */
    exactSeed?: boolean;
    /** Keep the steps of the last run on the result (replay prints them). */
    keepTranscript?: boolean;
    /** Replay: the deviation to show (a counterexample can show several); without it, the scenario's first failure. */
    only?: DeviationSignature | undefined;
    /** Stop starting scenarios once this is aborted (the caller reports the clause as not run). */
    signal?: AbortSignal | undefined;
    /** Receives what cleanup could not remove on a real account, with this clause's id. */
    leftovers?: Leftover[];
    onScenario?: RunOptions['onScenario'];
  },
): Promise<ClauseResult & { transcript?: Step[]; recording?: Recording; unreachable?: boolean }> {
  const t0 = Date.now();
  const missing = requirementsOf(clause).filter((r) => !meets(target, r));
  if (missing.length > 0) {
    return base(clause, 'not-observable', 0, 0, `${target.name} lacks ${missing.map(describeRequirement).join(', ')}`);
  }
  const seed = opts.exactSeed ? opts.seed : clauseSeed(opts.seed, clause.id);
  // fast-check counts examples among its runs: they come on top of the generated ones.
  const examples = (clause.examples ?? []).map((e) => [e] as [unknown]);
  const numRuns = Math.min(opts.runs, clause.maxRuns ?? Infinity) + examples.length;
  let runs = 0;
  let n = 0;
  let lastSteps: Step[] = [];
  let lastSession: Session | undefined;
  let aborted: Error | undefined; // the target broke, or nothing was observable: stop calling it
  /** Each failure of a violation, keyed as the runner keys deviations (with the clause's rule for the input). */
  const failuresOf = (e: ClauseViolation, input: unknown): Failure[] =>
    e.failures.map((f) => ({ ...f, signature: withRule(f.signature, clause.rule?.(input as never)) }));

  /**
   * One pass over the clause's generated inputs (the same seed gives the same inputs in the same
   * order). Inputs before `from` are skipped: an earlier pass already knows their outcome. With
   * `explore`, the signatures of every violation's failures are collected and the pass never fails; otherwise
   * fast-check stops at the first violation (one that shows `only`, when given) and shrinks it, and the last
   * failing run is the counterexample, judged by its first failure (or the one that is `only`).
   */
  const pass = async (o: { only?: string; from?: number; explore?: Map<string, { signature: DeviationSignature; at: number }> }) => {
    let index = 0;
    let firstFailure = -1;
    /** The failures of the first failing input, before shrinking (each is a deviation to look for). */
    let firstFound: Failure[] = [];
    let failing: { steps: Step[]; session: Session; input: unknown; error: unknown; failure?: Failure; found: Failure[] } | undefined;
    const property = fc.asyncProperty(clause.arbitrary, async (input) => {
      const i = index++;
      if (aborted || opts.signal?.aborted || i < (o.from ?? 0)) return;
      // A replay runs the input at its path and nothing else (fast-check would go on to its siblings and shrinks).
      if (opts.path && runs > 0) return;
      runs++;
      const k = ++n;
      const prefix = `${opts.prefix}r${k}`;
      const hash = inputHash(input);
      let ended: ScenarioEnd['outcome'] = 'pass';
      let found: Failure[] = [];
      const run = async (): Promise<void> => {
        const session = new Session(target, prefix);
        lastSteps = session.steps;
        lastSession = session;
        let thrown: unknown;
        try {
          // The clause's failed soft checks end the scenario in one violation (src/session.ts).
          await clause.check(session, input).then(
            () => session.settle(),
            (e: unknown) => session.settle(e),
          );
        } catch (e) {
          ended = e instanceof TargetBrokeError ? 'error' : e instanceof NotObservableError ? 'not-observable' : 'violation';
          if (e instanceof ClauseViolation) found = failuresOf(e, input);
          thrown = e;
        }
        const left = await cleanupAfter(session, target, clause.id, opts.leftovers);
        // A target fault already ends the clause as an error; otherwise what cleanup left behind does.
        if (left && !(thrown instanceof TargetBrokeError)) {
          ended = 'error';
          thrown = left;
        }
        await opts.onScenario?.({
          clause: clause.id,
          seed,
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
        await (target.scenario ? target.scenario({ clause: clause.id, seed, inputHash: hash, prefix }, run) : run());
      } catch (e) {
        const session = lastSession!;
        if (e instanceof TargetBrokeError || e instanceof NotObservableError) {
          aborted = e;
          return;
        }
        if (found.length && o.explore) {
          for (const { signature } of found) if (!o.explore.has(signatureKey(signature))) o.explore.set(signatureKey(signature), { signature, at: i });
          return;
        }
        const failure = o.only === undefined ? found[0] : found.find((f) => signatureKey(f.signature) === o.only);
        if (found.length && !failure) return; // other deviations: not this pass's
        if (firstFailure < 0) [firstFailure, firstFound] = [i, found];
        failing = { steps: session.steps, session, input: session.symbolize(describeInput(input)), error: e, ...(failure ? { failure } : {}), found };
        throw e;
      }
    });
    let details: fc.RunDetails<[unknown]>;
    try {
      details = await fc.check(property, { seed, numRuns, examples, ...(opts.path ? { path: opts.path } : {}) });
    } catch (e) {
      // fast-check walks a replay's path before it runs anything: a path that leads nowhere is the caller's mistake.
      if (opts.path && e instanceof Error && e.message.startsWith('Unable to replay'))
        throw new ReplayPathError(
          `path ${abbreviate(opts.path, 60)} leads to no scenario of ${clause.id} with seed ${seed} (a path is valid only with the clause and seed it was printed with)`,
        );
      throw e;
    }
    return { details, failing, firstFailure, firstFound };
  };

  const first = await pass(opts.only ? { only: signatureKey(opts.only) } : {});
  const durationSoFar = () => Date.now() - t0;
  const known = opts.baseline?.[clause.id];
  const broke = (): (ClauseResult & { unreachable?: boolean }) | undefined => {
    if (aborted instanceof TargetBrokeError) return errorResult(clause, aborted, known, runs, durationSoFar());
    if (aborted instanceof NotObservableError) return base(clause, 'not-observable', runs, durationSoFar(), aborted.message);
    return undefined;
  };
  if (broke()) return broke()!;
  const recordingOf = (s: Session | undefined, failure?: Failure): { recording?: Recording } => {
    if (!s) return {};
    const step = failure?.step ? s.steps.indexOf(failure.step) : -1;
    const judged = step >= 0 ? { judged: { step, ...(failure!.check ? { check: failure!.check } : {}) } } : {};
    return { recording: { prefix: s.prefix, symbols: s.symbols, steps: s.rawSteps(), ...judged } };
  };
  if (!first.details.failed) {
    if (opts.keepTranscript)
      return { ...base(clause, known ? 'unexpected-pass' : 'pass', runs, durationSoFar()), transcript: lastSteps, ...recordingOf(lastSession) };
    return known
      ? base(
          clause,
          'unexpected-pass',
          runs,
          durationSoFar(),
          `listed in the baseline since ${known.since}${known.observed ? ` as ${known.observed}` : ''} (${known.reason}) but passed: the baseline is stale`,
        )
      : base(clause, 'pass', runs, durationSoFar());
  }
  const error = first.failing?.error ?? first.details.errorInstance;
  if (!(error instanceof ClauseViolation)) {
    // An exception that is neither a violation nor a service answer is a bug of the clause or harness.
    return base(clause, 'error', runs, durationSoFar(), `clause raised ${(error as Error)?.name ?? 'an error'}: ${(error as Error)?.message ?? String(error)}`);
  }
  const deviation = (p: Awaited<ReturnType<typeof pass>>, failure = p.failing!.failure!): Deviation => {
    const identity = failure.signature;
    // The steps up to the one the failure judged: what the scenario did after it cannot have changed that answer.
    const at = failure.step ? p.failing!.steps.indexOf(failure.step) : -1;
    const steps = at < 0 ? p.failing!.steps : p.failing!.steps.slice(0, at + 1);
    return {
      signature: signatureText(identity),
      identity,
      // The rule a clause names (`[too-long] …`) reads first in the reason as in the signature.
      reason: `${identity.rule ? `[${identity.rule}] ` : ''}${failure.message}`,
      counterexample: { seed, path: p.details.counterexamplePath ?? '', input: p.failing!.input, steps },
    };
  };
  const deviations: Deviation[] = [deviation(first)];
  // fast-check stops at the first violation: look on through the remaining inputs for violations of other
  // rules and other failed checks (and take those the first violation showed beside the one it is judged by),
  // then find and shrink each one on its own (not on a replay of one counterexample).
  if (!opts.path && !opts.keepTranscript) {
    const found = new Map<string, { signature: DeviationSignature; at: number }>();
    for (const { signature } of [...first.firstFound, ...first.failing!.found])
      if (!found.has(signatureKey(signature))) found.set(signatureKey(signature), { signature, at: first.firstFailure });
    await pass({ from: first.firstFailure + 1, explore: found });
    const firstKey = signatureKey(first.failing!.failure!.signature);
    for (const [key, { at }] of [...found].filter(([key]) => key !== firstKey).sort((x, y) => x[1].at - y[1].at)) {
      const p = await pass({ only: key, from: at });
      if (broke()) return broke()!;
      if (p.failing?.failure && signatureKey(p.failing.failure.signature) === key) deviations.push(deviation(p));
      else {
        // Not found again from its first input (a target that answers differently now): the first
        // counterexample shows it.
        const shown = first.failing!.found.find((f) => signatureKey(f.signature) === key);
        if (shown) deviations.push(deviation(first, shown));
      }
    }
    if (broke()) return broke()!;
  }
  const result = reconcile(clause, deviations, known, runs, durationSoFar());
  result.counterexample = (deviations.find((d) => !namedIn(known, d)) ?? deviations[0]!).counterexample;
  result.deviations = deviations;
  return opts.keepTranscript
    ? { ...result, transcript: first.failing?.steps ?? lastSteps, ...recordingOf(first.failing?.session ?? lastSession, first.failing?.failure) }
    : result;
}

/** Whether a baseline entry names a deviation (by its signature, never by its text). */
const namedIn = (known: BaselineEntry | undefined, d: Deviation): boolean =>
  (known?.deviations ?? []).some((sig) => signatureKey(sig) === signatureKey(d.identity!));

/**
 * The verdict of a clause that showed deviations, against its baseline entry: a failure unless the
 * entry names every one of them; an unexpected pass when it names one that no longer shows.
 */
function reconcile(clause: Clause, deviations: Deviation[], known: BaselineEntry | undefined, runs: number, durationMs: number): ClauseResult {
  const named = known?.deviations ?? [];
  const unnamed = deviations.filter((d) => !namedIn(known, d));
  const gone = named.filter((sig) => !deviations.some((d) => signatureKey(d.identity!) === signatureKey(sig))).map(signatureText);
  const shown = unnamed[0] ?? deviations[0]!;
  if (!known) return base(clause, 'fail', runs, durationMs, shown.reason);
  if (unnamed.length) {
    const stale = gone.length ? `; named but no longer shown: ${gone.join('; ')}` : '';
    return base(
      clause,
      'fail',
      runs,
      durationMs,
      `${shown.reason} (a deviation the baseline does not name: ${unnamed.map((d) => d.signature).join('; ')}${stale}; it names: ${named.map(signatureText).join('; ')})`,
    );
  }
  if (gone.length) return base(clause, 'unexpected-pass', runs, durationMs, `the baseline names deviations that no longer show: ${gone.join('; ')}`);
  return base(clause, 'expected-fail', runs, durationMs, `${shown.reason} (a known deviation: in the baseline since ${known.since})`);
}

/**
 * A clause the target broke: an error, with the fault's signature when it was an HTTP 5xx answer. Only that
 * answer can be expected, and only when the baseline entry names exactly that fault: throttling, timeouts
 * and unreachable targets are errors whatever the baseline says.
 */
function errorResult(
  clause: Clause,
  e: TargetBrokeError,
  known: BaselineEntry | undefined,
  runs: number,
  durationMs: number,
): ClauseResult & { unreachable?: boolean } {
  const fault = e.fault ? { fault: { signature: signatureText(e.fault), identity: e.fault } } : {};
  const unreachable = e.unreachable ? { unreachable: true } : {};
  const expected = known?.observed === 'error' && known.fault !== undefined && e.fault !== undefined && signatureKey(known.fault) === signatureKey(e.fault);
  if (expected)
    return { ...base(clause, 'expected-error', runs, durationMs, `${e.message} (a known target fault: in the baseline since ${known.since})`), ...fault };
  const other = known?.fault ? ` (the baseline names another fault: ${signatureText(known.fault)})` : '';
  return { ...base(clause, 'error', runs, durationMs, `${e.message}${other}`), ...fault, ...unreachable };
}

/** Generated inputs as a reader wants them: command sequences by their own toString, data as is. */
function describeInput(input: unknown): unknown {
  // fast-check builds records without a prototype: those have no toString at all.
  const own = input !== null && typeof input === 'object' ? (input as { toString?: unknown }).toString : undefined;
  const custom = !Array.isArray(input) && typeof own === 'function' && own !== Object.prototype.toString;
  return custom ? String(input) : input;
}
