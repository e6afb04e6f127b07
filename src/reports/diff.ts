/**
 * What changed between two reports (one target over time, or two targets): verdicts, and per clause
 * the deviations gained and lost, keyed by signature as data (which holds no generated values, so the
 * same deviation has the same signature in every run, whatever words its text uses). A pure function;
 * src/reports/diff-render.ts prints it.
 */
import type { ClauseResult, Deviation, Report, Verdict } from '../report.js';
import { signatureKey } from '../signature.js';
import { identityOf } from '../signature-v1.js';

/** A deviation on one side: its signature, its reason, and its 1-based place for `replay FILE CLAUSE --deviation N`. */
export interface DeviationRef {
  signature: string;
  reason: string;
  index: number;
}

export interface ClauseChange {
  id: string;
  before: Verdict;
  after: Verdict;
  /** In B, not in A: B's deviations. */
  gained: DeviationRef[];
  /** In A, not in B: A's deviations. */
  lost: DeviationRef[];
}

/** A clause that errored or was not observable on a side: its deviations there are unknown, so none are gained or lost. */
export interface NotCompared {
  id: string;
  before: Verdict;
  after: Verdict;
  why: string;
}

export interface OnlyIn {
  id: string;
  verdict: Verdict;
  deviations: DeviationRef[];
}

export interface Side {
  target: Report['target'];
  version: string;
  seed: number;
  startedAt: string;
  clauses: number;
  interrupted: boolean;
}

export interface ReportDiff {
  a: Side;
  b: Side;
  /** Clauses in both whose verdict or deviations changed, by id. */
  changed: ClauseChange[];
  notCompared: NotCompared[];
  /** Not observable in A and in B: the same capability gap, nothing to compare and nothing to list. */
  notObservableInBoth: number;
  onlyInA: OnlyIn[];
  onlyInB: OnlyIn[];
  /** In both, same verdict and same deviations. */
  unchanged: number;
}

/** Verdicts that say nothing about deviations: the clause could not run to a pass or fail. */
const UNKNOWN: ReadonlySet<Verdict> = new Set(['error', 'expected-error', 'not-observable']);

/** By its signature as data, so that a report written with other wording compares; the text only when neither says more. */
const keyOf = (d: Deviation): string => {
  const identity = identityOf(d);
  return identity ? signatureKey(identity) : `text ${d.signature}`;
};
const keyed = (c: ClauseResult) => (c.deviations ?? []).map((d, i) => ({ key: keyOf(d), ref: { signature: d.signature, reason: d.reason, index: i + 1 } }));
const refs = (c: ClauseResult): DeviationRef[] => keyed(c).map((x) => x.ref);
const byId = (cs: ClauseResult[]) => new Map(cs.map((c) => [c.id, c]));
const sortById = <T extends { id: string }>(xs: T[]) => xs.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
/** Reasons can hold a whole observed message: keep the first line, cut. */
const brief = (s: string | undefined) => {
  const line = (s ?? '').split('\n')[0]!.trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
};

function side(r: Report): Side {
  return { target: r.target, version: r.version, seed: r.seed, startedAt: r.startedAt, clauses: r.clauses.length, interrupted: r.interrupted === true };
}

function whyNotCompared(a: ClauseResult, b: ClauseResult): string {
  const one = (c: ClauseResult, name: 'A' | 'B') =>
    UNKNOWN.has(c.verdict) ? [`${c.verdict === 'error' ? 'error' : 'not observable'} in ${name}${c.reason ? `: ${brief(c.reason)}` : ''}`] : [];
  return [...one(a, 'A'), ...one(b, 'B')].join('; ');
}

export function diffReports(a: Report, b: Report): ReportDiff {
  const inA = byId(a.clauses);
  const inB = byId(b.clauses);
  const d: ReportDiff = { a: side(a), b: side(b), changed: [], notCompared: [], notObservableInBoth: 0, onlyInA: [], onlyInB: [], unchanged: 0 };
  for (const [id, ca] of inA) {
    const cb = inB.get(id);
    if (!cb) {
      d.onlyInA.push({ id, verdict: ca.verdict, deviations: refs(ca) });
      continue;
    }
    if (ca.verdict === 'not-observable' && cb.verdict === 'not-observable') {
      d.notObservableInBoth++;
      continue;
    }
    if (UNKNOWN.has(ca.verdict) || UNKNOWN.has(cb.verdict)) {
      d.notCompared.push({ id, before: ca.verdict, after: cb.verdict, why: whyNotCompared(ca, cb) });
      continue;
    }
    const [a, b] = [keyed(ca), keyed(cb)];
    const gained = b.filter((x) => !a.some((y) => y.key === x.key)).map((x) => x.ref);
    const lost = a.filter((x) => !b.some((y) => y.key === x.key)).map((x) => x.ref);
    if (ca.verdict === cb.verdict && gained.length === 0 && lost.length === 0) d.unchanged++;
    else d.changed.push({ id, before: ca.verdict, after: cb.verdict, gained, lost });
  }
  for (const [id, cb] of inB) if (!inA.has(id)) d.onlyInB.push({ id, verdict: cb.verdict, deviations: refs(cb) });
  sortById(d.changed);
  sortById(d.notCompared);
  sortById(d.onlyInA);
  sortById(d.onlyInB);
  return d;
}

/** Deviations B shows that A does not: gained in a clause both ran, or in a clause only B ran. The exit code is 1 when there are any. */
export function newDeviations(d: ReportDiff): number {
  return d.changed.reduce((n, c) => n + c.gained.length, 0) + d.onlyInB.reduce((n, c) => n + c.deviations.length, 0);
}
