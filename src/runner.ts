/**
 * Runs clauses against a target and returns the report as data. Each clause is a fast-check
 * property run with a seed derived from the run's seed and the clause id, so adding a clause
 * never changes another's scenarios; a failure shrinks, and its steps are the counterexample.
 */
import fc from 'fast-check';
import type { Clause } from './clause.js';
import { summarize, type ClauseResult, type Report, type Verdict } from './report.js';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { isUnreachable } from './errors/normalize.js';
import { ClauseViolation, NotObservableError, Session, TargetBrokeError, type Step } from './session.js';
import { describeRequirement, meets, requirementsOf, TargetUnavailableError, type Target } from './target.js';
import { VERSION } from './version.js';

export const DEFAULT_SEED = 20261123;

export interface BaselineEntry {
  reason: string;
  since: string;
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
}

export function clauseSeed(seed: number, id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (seed ^ h) | 0;
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
    if (target.endpoint) report.target.endpoint = target.endpoint; // known once started (emulators pick free ports)
  } catch (e) {
    if (!(e instanceof TargetUnavailableError)) throw e;
    unavailable = e.message;
    report.target.unavailable = unavailable;
  }
  const prefix = opts.prefix ?? target.namePrefix ?? `ssec-${Math.random().toString(36).slice(2, 8)}`;
  try {
    for (const [i, clause] of opts.clauses.entries()) {
      opts.onClauseStart?.(clause, i, opts.clauses.length);
      let result: ClauseResult;
      if (unavailable) {
        result = base(clause, 'not-observable', 0, 0, stoppedAnswering ? `not run: ${unavailable}` : `target ${target.name} could not be started: ${unavailable}`);
      } else {
        const { unreachable, ...r } = await runClause(target, clause, { seed, runs: opts.runs ?? target.defaultRuns, baseline: opts.baseline, path: opts.path, prefix: `${prefix}${i}` });
        result = r;
        // One request could not reach the target: if a second, harmless one cannot either, it has stopped
        // answering, and the rest of the run is not run (exit 3) instead of waiting out every request.
        if (unreachable && !(await answers(target))) {
          stoppedAnswering = true;
          unavailable = `target ${target.name} stopped answering during ${clause.id}`;
          report.target.unavailable = unavailable;
        }
      }
      report.clauses.push(result);
      opts.onClauseEnd?.(result, i, opts.clauses.length);
    }
  } finally {
    if (!unavailable || stoppedAnswering) await target.dispose();
  }
  report.durationMs = Date.now() - started;
  report.summary = summarize(report.clauses);
  return report;
}

/** Whether the target still answers a harmless request (any service answer counts, an error too). */
async function answers(target: Target): Promise<boolean> {
  const c = target.clients(0);
  const probe: Record<string, () => Promise<unknown>> = {
    kms: () => c.kms.send(new ListKeysCommand({ Limit: 1 })),
    sqs: () => c.sqs.send(new ListQueuesCommand({})),
    sns: () => c.sns.send(new ListTopicsCommand({})),
  };
  try {
    await probe[target.capabilities.services[0] ?? 'sqs']!();
    return true;
  } catch (e) {
    return !isUnreachable(e);
  }
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
  },
): Promise<ClauseResult & { transcript?: Step[]; unreachable?: boolean }> {
  const t0 = Date.now();
  const missing = requirementsOf(clause).filter((r) => !meets(target, r));
  if (missing.length > 0) {
    return base(clause, 'not-observable', 0, 0, `${target.name} lacks ${missing.map(describeRequirement).join(', ')}`);
  }
  const seed = opts.exactSeed ? opts.seed : clauseSeed(opts.seed, clause.id);
  let runs = 0;
  let lastSteps: Step[] = [];
  let aborted: Error | undefined; // the target broke, or nothing was observable: stop calling it
  let failing: { steps: Step[]; input: unknown; error: unknown } | undefined;
  let n = 0;
  const property = fc.asyncProperty(clause.arbitrary, async (input) => {
    if (aborted) return;
    runs++;
    const session = new Session(target, `${opts.prefix}r${++n}`);
    lastSteps = session.steps;
    try {
      await clause.check(session, input);
    } catch (e) {
      if (e instanceof TargetBrokeError || e instanceof NotObservableError) {
        aborted = e;
        return;
      }
      // The last failing run fast-check executes is the shrunk counterexample.
      failing = { steps: session.steps, input: session.symbolize(describeInput(input)), error: e };
      throw e;
    } finally {
      await session.cleanup();
    }
  });
  const numRuns = Math.min(opts.runs, clause.maxRuns ?? Infinity);
  const details = await fc.check(property, { seed, numRuns, ...(opts.path ? { path: opts.path } : {}) });
  const durationMs = Date.now() - t0;
  if (aborted instanceof TargetBrokeError) return { ...base(clause, 'error', runs, durationMs, aborted.message), ...(aborted.unreachable ? { unreachable: true } : {}) };
  if (aborted instanceof NotObservableError) return base(clause, 'not-observable', runs, durationMs, aborted.message);
  const known = opts.baseline?.[clause.id];
  if (!details.failed) {
    if (opts.keepTranscript) return { ...base(clause, known ? 'unexpected-pass' : 'pass', runs, durationMs), transcript: lastSteps };
    return known
      ? base(clause, 'unexpected-pass', runs, durationMs, `listed in the baseline since ${known.since} (${known.reason}) but passed: the baseline is stale`)
      : base(clause, 'pass', runs, durationMs);
  }
  const error = failing?.error ?? details.errorInstance;
  if (!(error instanceof ClauseViolation)) {
    // An exception that is neither a violation nor a service answer is a bug of the clause or harness.
    return base(clause, 'error', runs, durationMs, `clause raised ${(error as Error)?.name ?? 'an error'}: ${(error as Error)?.message ?? String(error)}`);
  }
  const result = base(clause, known ? 'expected-fail' : 'fail', runs, durationMs, known ? `${known.reason} (baseline since ${known.since}); observed: ${error.message}` : error.message);
  result.counterexample = { seed, path: details.counterexamplePath ?? '', input: failing?.input, steps: failing?.steps ?? [] };
  return opts.keepTranscript ? { ...result, transcript: failing?.steps ?? lastSteps } : result;
}

/** Generated inputs as a reader wants them: command sequences by their own toString, data as is. */
function describeInput(input: unknown): unknown {
  // fast-check builds records without a prototype: those have no toString at all.
  const own = input !== null && typeof input === 'object' ? (input as { toString?: unknown }).toString : undefined;
  const custom = !Array.isArray(input) && typeof own === 'function' && own !== Object.prototype.toString;
  return custom ? String(input) : input;
}
