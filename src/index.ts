/** Programmatic entry: `import { runConformance } from 'sse-conformance'`. */
import { EXIT } from './exit-codes.js';
import type { Report } from './report.js';

export { runConformance, runClause, DEFAULT_SEED, type RunOptions, type Baseline } from './runner.js';
export { loadClauses } from './spec-loader.js';
export { selectClauses } from './select.js';
export { makeTarget, TARGET_NAMES, TARGET_MODULES } from '../test-targets/registry.js';
export type { TargetModule, TargetOptions } from '../test-targets/module.js';
export { defineClause, type Clause, type Source, type Level } from './clause.js';
export { readFacts, parseFacts, FACTS_FILE, type Fact } from './facts.js';
export type { Target, Capabilities, Clients, Requirement, AtRestMessage } from './target.js';
export { TargetUnavailableError } from './target.js';
export type { Report, ClauseResult, Verdict, Counterexample, Leftover } from './report.js';
// What users build on: the report renderers (each takes reports, as the CLI's `report` command), the
// report schema, the baselines (also as JSON: `sse-conformance/baselines/<target>.json`).
export { renderMarkdown } from './reports/markdown.js';
export { renderJunit } from './reports/junit.js';
export { renderHtml } from './reports/html.js';
export { renderConsoleSummary } from './cli/console-report.js';
export { diffReports } from './reports/diff.js';
export { renderDiffConsole, renderDiffMarkdown } from './reports/diff-render.js';
export { mergeShards } from './reports/merge.js';
export { ReportSchema } from './report-schema.js';
export { readBaseline, baselineFrom, writeBaseline } from './baseline.js';
export { baselineFile } from '../test-targets/registry.js';
export { MissingPackageError } from './optional-dependency.js';
/** The base of every error a user's input causes (the CLI's exit code 2). */
export { UsageError } from './usage-error.js';

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
