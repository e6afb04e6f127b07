/**
 * Judging a clause's outcome against the target's baseline: pure functions from what a clause showed (it passed,
 * it showed these deviations, the target broke) and the clause's baseline entry to its result and verdict. No
 * fast-check, no target: test/judge.test.ts checks every verdict on plain data.
 */
import type { Clause } from './clause.js';
import type { ClauseResult, Deviation, Verdict } from './report.js';
import type { TargetBrokeError } from './session.js';
import { signatureKey, signatureText, type DeviationSignature, type FaultSignature } from './signature.js';

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
  verdict?: 'error' | 'not-observable';
  /**
   * With `verdict: 'error'`: the target fault the clause ends in (an HTTP 5xx answer, src/signature.ts).
   * That fault, and no other error, is then an `expected-error`.
   */
  fault?: FaultSignature;
}
export type Baseline = Record<string, BaselineEntry>;

/** How much of the clause ran: its scenarios and its time. */
export interface Effort {
  runs: number;
  durationMs: number;
}

/** A clause's result with a verdict and, where there is one, its reason. */
export function resultOf(clause: Clause, verdict: Verdict, effort: Effort, reason?: string): ClauseResult {
  return {
    id: clause.id,
    title: clause.title,
    level: clause.level,
    sources: clause.sources,
    features: clause.features,
    verdict,
    ...(reason ? { reason } : {}),
    runs: effort.runs,
    durationMs: effort.durationMs,
  };
}

/** A clause that showed no deviation: a pass, or an unexpected pass when the baseline lists it (a stale entry). */
export function judgePass(clause: Clause, known: BaselineEntry | undefined, effort: Effort): ClauseResult {
  if (!known) return resultOf(clause, 'pass', effort);
  const as = known.verdict ? ` as ${known.verdict}` : '';
  return resultOf(clause, 'unexpected-pass', effort, `listed in the baseline since ${known.since}${as} (${known.reason}) but passed: the baseline is stale`);
}

/** Whether a baseline entry names a deviation (by its signature, never by its text). */
export const namedIn = (known: BaselineEntry | undefined, d: Deviation): boolean =>
  (known?.deviations ?? []).some((sig) => signatureKey(sig) === signatureKey(d.identity!));

/**
 * The verdict of a clause that showed deviations, against its baseline entry: a failure unless the
 * entry names every one of them; an unexpected pass when it names one that no longer shows.
 */
export function judgeDeviations(clause: Clause, deviations: Deviation[], known: BaselineEntry | undefined, effort: Effort): ClauseResult {
  const named = known?.deviations ?? [];
  const unnamed = deviations.filter((d) => !namedIn(known, d));
  const gone = named.filter((sig) => !deviations.some((d) => signatureKey(d.identity!) === signatureKey(sig))).map(signatureText);
  const shown = unnamed[0] ?? deviations[0]!;
  if (!known) return resultOf(clause, 'fail', effort, shown.reason);
  if (unnamed.length) {
    const stale = gone.length ? `; named but no longer shown: ${gone.join('; ')}` : '';
    const names = `it names: ${named.map(signatureText).join('; ')}`;
    return resultOf(
      clause,
      'fail',
      effort,
      `${shown.reason} (a deviation the baseline does not name: ${unnamed.map((d) => d.signature).join('; ')}${stale}; ${names})`,
    );
  }
  if (gone.length) return resultOf(clause, 'unexpected-pass', effort, `the baseline names deviations that no longer show: ${gone.join('; ')}`);
  return resultOf(clause, 'expected-fail', effort, `${shown.reason} (a known deviation: in the baseline since ${known.since})`);
}

/**
 * A clause the target broke: an error, with the fault's signature when it was an HTTP 5xx answer. Only that
 * answer can be expected, and only when the baseline entry names exactly that fault: throttling, timeouts
 * and unreachable targets are errors whatever the baseline says.
 */
export function judgeError(clause: Clause, e: TargetBrokeError, known: BaselineEntry | undefined, effort: Effort): ClauseResult & { unreachable?: boolean } {
  const fault = e.fault ? { fault: { signature: signatureText(e.fault), identity: e.fault } } : {};
  const unreachable = e.unreachable ? { unreachable: true } : {};
  const expected = known?.verdict === 'error' && known.fault !== undefined && e.fault !== undefined && signatureKey(known.fault) === signatureKey(e.fault);
  if (expected) return { ...resultOf(clause, 'expected-error', effort, `${e.message} (a known target fault: in the baseline since ${known.since})`), ...fault };
  const other = known?.fault ? ` (the baseline names another fault: ${signatureText(known.fault)})` : '';
  return { ...resultOf(clause, 'error', effort, `${e.message}${other}`), ...fault, ...unreachable };
}
