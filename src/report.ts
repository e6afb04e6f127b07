/**
 * The JSON report's types, derived from its schema (src/report-schema.ts, exported as
 * docs/report.schema.json): fields may be added, never removed.
 */
import type { z } from 'zod';
import {
  LEVELS,
  VERDICTS,
  type ClauseResultSchema,
  type CounterexampleSchema,
  type DeviationSchema,
  type LeftoverSchema,
  type ReportSchema,
  type StepSchema,
} from './report-schema.js';

export { VERDICTS };
export type Verdict = (typeof VERDICTS)[number];
/** One SDK call of a scenario, as a session records it. */
export type Step = z.infer<typeof StepSchema>;
/** A shrunk failing scenario: the clause's own seed, fast-check's path, the generated input and its steps. */
export type Counterexample = z.infer<typeof CounterexampleSchema>;
/** One distinct way a target breaks a clause: its signature (no generated values) and shrunk counterexample. */
export type Deviation = z.infer<typeof DeviationSchema>;
export type ClauseResult = z.infer<typeof ClauseResultSchema>;
/** A resource cleanup could not remove or restore on a real account. */
export type Leftover = z.infer<typeof LeftoverSchema>;
export type Report = z.infer<typeof ReportSchema>;

export function summarize(results: ClauseResult[]): Record<Verdict, number> {
  const s = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) s[r.verdict]++;
  return s;
}

export type Level = (typeof LEVELS)[number];

/**
 * The verdicts of a report counted per level: a MUST that fails is a broken behaviour, an OBSERVED one a difference
 * from what AWS was seen to answer (a message's wording, say). Readers and CI gates weigh them apart.
 */
export function summarizeByLevel(report: Pick<Report, 'clauses'>): Record<Level, Record<Verdict, number>> {
  return Object.fromEntries(LEVELS.map((level) => [level, summarize(report.clauses.filter((c) => c.level === level))])) as Record<
    Level,
    Record<Verdict, number>
  >;
}

/** One level's counts in words, the verdicts it has only: "MUST: 40 pass, 2 fail". */
export function levelLine(level: Level, counts: Record<Verdict, number>): string {
  const parts = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${v}`);
  return `${level}: ${parts.length ? parts.join(', ') : 'no clauses'}`;
}
