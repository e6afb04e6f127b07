/** The JSON report: the contract in design.md (fields may be added, never removed). */
import type { Level, Source } from './clause.js';
import type { Step } from './session.js';

export const VERDICTS = ['pass', 'fail', 'expected-fail', 'unexpected-pass', 'not-observable', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Counterexample {
  seed: number;
  path: string;
  /** The generated input, with resources named symbolically. */
  input?: unknown;
  steps: Step[];
}

/** One distinct way a target breaks a clause: its signature (no generated values) and shrunk counterexample. */
export interface Deviation {
  signature: string;
  reason: string;
  counterexample: Counterexample;
}

export interface ClauseResult {
  id: string;
  title: string;
  level: Level;
  sources: Source[];
  features: string[];
  verdict: Verdict;
  reason?: string;
  runs: number;
  durationMs: number;
  /** The counterexample of `reason`: the first deviation the baseline does not name, else the first one. */
  counterexample?: Counterexample;
  /** Every distinct deviation found, each shrunk on its own, in the order found. */
  deviations?: Deviation[];
}

export interface Report {
  tool: 'sse-conformance';
  version: string;
  target: { name: string; endpoint?: string; unavailable?: string };
  seed: number;
  startedAt: string;
  durationMs: number;
  clauses: ClauseResult[];
  summary: Record<Verdict, number>;
  /** The run was interrupted (SIGINT, SIGTERM): clauses from there on were not run. */
  interrupted?: boolean;
}

export function summarize(results: ClauseResult[]): Record<Verdict, number> {
  const s = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) s[r.verdict]++;
  return s;
}
