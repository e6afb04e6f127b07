/**
 * Runs clauses against a target and returns the report as data. Each clause is a fast-check
 * property run with a seed derived from the run's seed and the clause id, so adding a clause
 * never changes another's scenarios; a failure shrinks, and its steps are the counterexample.
 */
import fc from 'fast-check';
import type { Clause } from './clause.js';
import { ClauseScenarios, SHRINK_WAIT_BUDGET, type PassResult } from './clause-pass.js';
import { judgeDeviations, judgeError, judgePass, namedIn, resultOf, type Baseline, type Effort } from './judge.js';
import { summarize, type ClauseResult, type Deviation, type Leftover, type Report } from './report.js';
import { isReset, isUnreachable } from './errors/normalize.js';
import { LIVENESS_PAUSES_MS, withRetries } from './retry.js';
import { ClauseViolation, NotObservableError, TargetBrokeError, type Failure, type RawStep, type Session, type Step } from './session.js';
import { concurrencyOf, describeRequirement, meets, requirementsOf, TargetUnavailableError, type Target } from './target.js';
import { schedule } from './schedule.js';
import { VERSION } from './version.js';
import { redactCredentials } from './terminal-text.js';
import { credentialsOf, redactSecretsIn } from './secrets.js';
import { MissingPackageError } from './optional-dependency.js';
import { clientOf, serviceEntry, serviceNames } from './services/registry.js';
import { signatureKey, signatureText, type DeviationSignature } from './signature.js';

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
export interface ReplayedSteps {
  prefix: string;
  symbols: ReadonlyMap<string, string>;
  steps: RawStep[];
  /**
   * The failure the replay was judged by (a scenario goes on after a failed soft check, so it need not be the
   * last step): its place in `steps` and, for a value check, what it compared.
   */
  judged?: { step: number; check?: Failure['check'] };
}

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
  /**
   * Clauses run at once (default: the target's, from its measurement; else 1), within the target's limit
   * (src/target.ts `concurrencyOf`). The report is the same at any concurrency, durations aside.
   */
  concurrency?: number;
  /** When a clause starts (with concurrency, several are under way at once). */
  onClauseStart?: (clause: Clause, index: number, total: number) => void;
  /** When a clause has ended, in clause order whatever the concurrency (a result waits for those before it). */
  onClauseEnd?: (result: ClauseResult, index: number, total: number) => void;
  /** Interrupts the run: the clauses under way stop after their current scenario (which cleans up), the rest are not run. */
  signal?: AbortSignal;
  /** Called after each generated scenario (after cleanup): `run --record` keeps them. */
  onScenario?: (s: ScenarioEnd) => void | Promise<void>;
}

const INTERRUPTED = 'not run: the run was interrupted';
const NOTHING_RAN: Effort = { runs: 0, durationMs: 0 };

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
  // Each clause's own, joined in clause order at the end: the report does not depend on which ended first.
  const leftovers: Leftover[][] = opts.clauses.map(() => []);
  let credentials: string[] = [];
  const prefix = opts.prefix ?? target.namePrefix ?? `ssec-${Math.random().toString(36).slice(2, 8)}`;
  // While the runner asks whether the target still answers, no clause starts; clauses that meet an unreachable
  // target meanwhile wait for that one answer instead of asking again.
  let probing: Promise<void> | undefined;
  const runOne = async (clause: Clause, i: number): Promise<ClauseResult> => {
    await probing;
    opts.onClauseStart?.(clause, i, opts.clauses.length);
    let result: ClauseResult;
    if (opts.signal?.aborted) {
      result = resultOf(clause, 'not-observable', NOTHING_RAN, INTERRUPTED);
      report.interrupted = true;
    } else if (unavailable) {
      const why = stoppedAnswering ? `not run: ${unavailable}` : `target ${target.name} could not be started: ${unavailable}`;
      result = resultOf(clause, 'not-observable', NOTHING_RAN, why);
    } else {
      const { unreachable, ...r } = await runClause(target, clause, {
        seed,
        runs: opts.runs ?? target.defaultRuns,
        baseline: opts.baseline,
        path: opts.path,
        prefix: `${prefix}${i}`,
        signal: opts.signal,
        leftovers: leftovers[i]!,
        onScenario: opts.onScenario,
      });
      result = r;
      if (opts.signal?.aborted) {
        result = resultOf(clause, 'not-observable', r, `${INTERRUPTED} (during this clause, after ${r.runs} scenarios)`);
        report.interrupted = true;
      }
      // One request could not reach the target: if a second, harmless one cannot either, it has stopped
      // answering, and the rest of the run is not run (exit 3) instead of waiting out every request.
      if (unreachable && !unavailable) {
        probing ??= (async () => {
          if (!(await answers(target))) {
            stoppedAnswering = true;
            const why = target.whyStopped?.();
            unavailable = `target ${target.name} stopped answering during ${clause.id}${why ? ` (${why})` : ''}`;
            report.target.unavailable = unavailable;
          }
        })().finally(() => {
          probing = undefined;
        });
        await probing;
      }
    }
    return result;
  };
  try {
    // Clauses that wait out data-key windows in real time (minutes) mostly sleep: they run alongside the
    // others from the start, without taking a place, unless the target takes one request at a time (its limit is
    // `alone`). Each clause uses only what it creates, besides the
    // account-wide state it declares (src/shared-state.ts), and results keep clause order.
    const sleeps = (c: Clause) => !target.capabilities.virtualClock && !target.concurrencyLimit?.alone && requirementsOf(c).includes('timeWindows');
    const results = await schedule(
      opts.clauses.map((c) => ({ shares: c.shares, sleeper: sleeps(c) })),
      {
        concurrency: concurrencyOf(target, opts.concurrency),
        run: (i) => runOne(opts.clauses[i]!, i),
        done: (result, i) => opts.onClauseEnd?.(result, i, opts.clauses.length),
      },
    );
    report.clauses.push(...results);
  } finally {
    // Learnt before the target is thrown away: what its clients sign with, which it may have echoed back.
    if (!unavailable || stoppedAnswering) credentials = await credentialsOf(target).catch(() => []);
    if (!unavailable || stoppedAnswering) await target.dispose();
    if (leftovers.some((l) => l.length)) report.leftovers = leftovers.flat();
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
): Promise<ClauseResult & { transcript?: Step[]; replayed?: ReplayedSteps; unreachable?: boolean }> {
  const t0 = Date.now();
  const missing = requirementsOf(clause).filter((r) => !meets(target, r));
  if (missing.length > 0) return resultOf(clause, 'not-observable', NOTHING_RAN, `${target.name} lacks ${missing.map(describeRequirement).join(', ')}`);
  const seed = opts.exactSeed ? opts.seed : clauseSeed(opts.seed, clause.id);
  // fast-check counts examples among its runs: they come on top of the generated ones.
  const examples = (clause.examples ?? []).map((e) => [e] as [unknown]);
  const numRuns = Math.min(opts.runs, clause.maxRuns ?? Infinity) + examples.length;
  const { path, prefix, signal, leftovers, onScenario } = opts;
  const scenarios = new ClauseScenarios(target, clause, { seed, numRuns, examples, prefix, path, signal, leftovers, onScenario });
  const effort = (): Effort => ({ runs: scenarios.runs, durationMs: Date.now() - t0 });
  const known = opts.baseline?.[clause.id];
  const abortedResult = (): (ClauseResult & { unreachable?: boolean }) | undefined => {
    const { aborted } = scenarios;
    if (aborted instanceof TargetBrokeError) return judgeError(clause, aborted, known, effort());
    if (aborted instanceof NotObservableError) return resultOf(clause, 'not-observable', effort(), aborted.message);
    return undefined;
  };

  const first = await scenarios.pass(opts.only ? { only: signatureKey(opts.only) } : {});
  if (abortedResult()) return abortedResult()!;
  if (!first.details.failed) {
    const passed = judgePass(clause, known, effort());
    return opts.keepTranscript ? { ...passed, transcript: scenarios.lastSteps, ...replayedOf(scenarios.lastSession) } : passed;
  }
  const error = first.failing?.error ?? first.details.errorInstance;
  if (!(error instanceof ClauseViolation)) {
    // An exception that is neither a violation nor a service answer is a bug of the clause or harness.
    return resultOf(clause, 'error', effort(), `clause raised ${(error as Error)?.name ?? 'an error'}: ${(error as Error)?.message ?? String(error)}`);
  }
  const deviations: Deviation[] = [deviationOf(seed, first)];
  // A replay shows one counterexample; a run looks on for the clause's other deviations.
  if (!opts.path && !opts.keepTranscript) {
    deviations.push(...(await otherDeviations(scenarios, first)));
    if (abortedResult()) return abortedResult()!;
  }
  const result = judgeDeviations(clause, deviations, known, effort());
  result.counterexample = (deviations.find((d) => !namedIn(known, d)) ?? deviations[0]!).counterexample;
  result.deviations = deviations;
  return opts.keepTranscript
    ? {
        ...result,
        transcript: first.failing?.steps ?? scenarios.lastSteps,
        ...replayedOf(first.failing?.session ?? scenarios.lastSession, first.failing?.failure),
      }
    : result;
}

/**
 * fast-check stops at the first violation: look on through the remaining inputs for violations of other rules and
 * other failed checks (and take those the first violation showed beside the one it is judged by), then find and
 * shrink each one on its own. Stops early when the target breaks (the caller reports that).
 */
async function otherDeviations(scenarios: ClauseScenarios, first: PassResult): Promise<Deviation[]> {
  const seed = scenarios.opts.seed;
  const found = new Map<string, { signature: DeviationSignature; at: number }>();
  for (const { signature } of [...first.firstFound, ...first.failing!.found])
    if (!found.has(signatureKey(signature))) found.set(signatureKey(signature), { signature, at: first.firstFailure });
  await scenarios.pass({ from: first.firstFailure + 1, explore: found });
  const firstKey = signatureKey(first.failing!.failure!.signature);
  const more: Deviation[] = [];
  for (const [key, { at }] of [...found].filter(([key]) => key !== firstKey).sort((x, y) => x[1].at - y[1].at)) {
    if (scenarios.aborted) return more;
    const p = await scenarios.pass({ only: key, from: at });
    if (scenarios.aborted) return more;
    if (p.failing?.failure && signatureKey(p.failing.failure.signature) === key) more.push(deviationOf(seed, p));
    else {
      // Not found again from its first input (a target that answers differently now): the first counterexample shows it.
      const shown = first.failing!.found.find((f) => signatureKey(f.signature) === key);
      if (shown) more.push(deviationOf(seed, first, shown));
    }
  }
  return more;
}

/** A deviation as reported: its signature, its reason and the pass's counterexample, cut after the step it judged. */
function deviationOf(seed: number, p: PassResult, failure = p.failing!.failure!): Deviation {
  const identity = failure.signature;
  // The steps up to the one the failure judged: what the scenario did after it cannot have changed that answer.
  const at = failure.step ? p.failing!.steps.indexOf(failure.step) : -1;
  const steps = at < 0 ? p.failing!.steps : p.failing!.steps.slice(0, at + 1);
  return {
    signature: signatureText(identity),
    identity,
    // The rule a clause names (`[too-long] …`) reads first in the reason as in the signature.
    reason: `${identity.rule ? `[${identity.rule}] ` : ''}${failure.message}`,
    counterexample: {
      seed,
      path: p.details.counterexamplePath ?? '',
      input: p.failing!.input,
      steps,
      ...(p.cut ? { shrinkCut: `after ${SHRINK_WAIT_BUDGET} smaller inputs that each waited out a bound: it fails as shown, a smaller one may exist` } : {}),
    },
  };
}

/** A replayed scenario's raw steps and symbols, with the failure it was judged by. */
function replayedOf(s: Session | undefined, failure?: Failure): { replayed?: ReplayedSteps } {
  if (!s) return {};
  const step = failure?.step ? s.steps.indexOf(failure.step) : -1;
  const judged = step >= 0 ? { judged: { step, ...(failure!.check ? { check: failure!.check } : {}) } } : {};
  return { replayed: { prefix: s.prefix, symbols: s.symbols, steps: s.rawSteps(), ...judged } };
}
