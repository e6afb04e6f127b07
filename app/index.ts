/** Programmatic entry: `import { runConformance } from 'sse-conformance'`. */
import { EXIT } from '../src/exit-codes.js';
import type { Report } from '../src/report.js';

export { runConformance, runClause, DEFAULT_SEED, type RunOptions } from '../src/runner.js';
export type { Baseline } from '../src/judge.js';
export { loadClauses } from '../src/spec-loader.js';
export { selectClauses } from '../src/select.js';
export { makeTarget, TARGET_NAMES, TARGET_MODULES } from '../test-targets/registry.js';
export type { TargetModule, TargetOptions } from '../test-targets/module.js';
export { defineClause, type Clause, type Source, type Level } from '../src/clause.js';
export { readFacts, parseFacts, FACTS_FILE, type Fact } from '../src/facts.js';
export type { Target, Capabilities, Clients, Requirement, AtRestMessage } from '../src/target.js';
export { TargetUnavailableError } from '../src/target.js';
export type { Report, ClauseResult, Verdict, Counterexample, Leftover } from '../src/report.js';
// What users build on: the report renderers (each takes reports, as the CLI's `report` command), the
// report schema, the baselines (also as JSON: `sse-conformance/baselines/<target>.json`).
export { renderMarkdown } from '../src/reports/markdown.js';
export { renderJunit } from '../src/reports/junit.js';
export { renderHtml } from '../src/reports/html.js';
export { renderConsoleSummary } from './cli/console-report.js';
export { diffReports } from '../src/reports/diff.js';
export { renderDiffConsole, renderDiffMarkdown } from '../src/reports/diff-render.js';
export { mergeShards } from '../src/reports/merge.js';
export { ReportSchema } from '../src/report-schema.js';
export { readBaseline, baselineFrom, writeBaseline } from '../src/baseline.js';
export { baselineFile } from '../test-targets/registry.js';
export { MissingPackageError } from '../src/optional-dependency.js';
/** The base of every error a user's input causes (the CLI's exit code 2). */
export { UsageError } from '../src/usage-error.js';

/**
 * A run's exit code (src/exit-codes.ts): `unavailable` when the target was; `failed` for a failure, an
 * unexpected pass or an error the baseline does not name by its fault signature; `leftovers` when all is as
 * expected but cleanup left resources behind on a real account (`report.leftovers`); else `ok` (expected
 * failures and expected errors included).
 */
export function exitCodeOf(report: Report): number {
  if (report.target.unavailable) return EXIT.unavailable;
  const s = report.summary;
  if (s.fail + s['unexpected-pass'] + s.error > 0) return EXIT.failed;
  return report.leftovers?.length ? EXIT.leftovers : EXIT.ok;
}
