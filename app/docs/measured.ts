/**
 * A run measured outside CI (docs/measured/): a report exactly as `run --format json` wrote it,
 * beside a small record of what was measured, when, how it was built and with which command. The
 * matrix shows such a target from the report, marked as measured outside CI; CI never re-checks it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { readReport } from '../cli/read-report.js';
import type { Report } from '../../src/report.js';
import { pathIdOf, SPECS_DIR } from '../../src/spec-loader.js';

export const MeasuredRecordSchema = z.strictObject({
  target: z.string().min(1),
  version: z.string().min(1),
  /** What was run, in a few words, shown beside the version in the matrix (`official image`, `source build, dependencies substituted`). */
  build: z.string().min(1).max(60),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The command as run, with the port it used. */
  command: z.string().min(1),
  /** The target options of that command (capabilities follow from them). */
  options: z.strictObject({ endpoint: z.string().optional(), realTimeWindows: z.boolean().optional() }),
  /** The report, relative to this file. */
  report: z.string().min(1),
  /** Where the system under test came from and how it ran: source, commit, toolchain, anything changed to build it. */
  how: z.string().min(1),
  /** This project's commit the run was made with. */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  /**
   * Each clause of the report: the hash of its source file as measured (`clauseSourceHash`, written by
   * `tsx scripts/clause-sources.ts COMMIT`). A clause whose file has changed since shows as not observable.
   */
  clauseSources: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  /** Standalone reproductions (`replay … --emit node`) of its most important deviations, relative to this file. */
  reproductions: z.array(z.strictObject({ clause: z.string().min(1), file: z.string().min(1) })).default([]),
});
export type MeasuredRecord = z.infer<typeof MeasuredRecordSchema>;

export class MeasuredRecordError extends Error {
  override readonly name = 'MeasuredRecordError';
}

/** The record and its report; a record that does not match its report (target, endpoint) is an error. */
export function readMeasured(recordFile: string): { record: MeasuredRecord; report: Report } {
  const parsed = MeasuredRecordSchema.safeParse(JSON.parse(readFileSync(recordFile, 'utf8')));
  if (!parsed.success) throw new MeasuredRecordError(`${recordFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const record = parsed.data;
  const report = readReport(join(dirname(recordFile), record.report));
  if (report.target.name !== record.target) throw new MeasuredRecordError(`${recordFile}: the report is of target ${report.target.name}, not ${record.target}`);
  if (record.options.endpoint && report.target.endpoint !== record.options.endpoint)
    throw new MeasuredRecordError(`${recordFile}: the report ran at ${report.target.endpoint}, not ${record.options.endpoint}`);
  for (const r of record.reproductions) {
    if (!report.clauses.some((c) => c.id === r.clause && c.verdict === 'fail'))
      throw new MeasuredRecordError(`${recordFile}: reproduction ${r.file}: ${r.clause} did not fail in the report`);
    if (!existsSync(join(dirname(recordFile), r.file))) throw new MeasuredRecordError(`${recordFile}: reproduction ${r.file} does not exist`);
  }
  const ids = new Set(report.clauses.map((c) => c.id));
  const unhashed = [...ids].filter((id) => !record.clauseSources[id]);
  if (unhashed.length) throw new MeasuredRecordError(`${recordFile}: clauseSources lacks ${unhashed.join(', ')}`);
  const extra = Object.keys(record.clauseSources).filter((id) => !ids.has(id));
  if (extra.length) throw new MeasuredRecordError(`${recordFile}: clauseSources names clauses the report does not: ${extra.join(', ')}`);
  if (report.target.unavailable || report.interrupted)
    throw new MeasuredRecordError(`${recordFile}: the report is not a whole run (${report.target.unavailable ?? 'interrupted'})`);
  return { record, report };
}

/** Properties of a clause definition renamed after runs were measured (new name → the name the records hashed). */
const RENAMED_CLAUSE_PROPERTIES: ReadonlyMap<string, string> = new Map([['scenario', 'check']]);

/** The name the records hashed for this node: a renamed property's old one, when the node names it in the object a `defineClause(…)` call is given. */
function oldClausePropertyName(node: ts.Node): string | undefined {
  const assignment = node.parent;
  if (!ts.isIdentifier(node) || !assignment || !ts.isPropertyAssignment(assignment) || assignment.name !== node) return undefined;
  const old = RENAMED_CLAUSE_PROPERTIES.get(node.text);
  const call = assignment.parent?.parent;
  return old && call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'defineClause' ? old : undefined;
}

/**
 * The hash of a clause's source (its specs/ file) that a measured record keeps: SHA-256 of its
 * TypeScript tokens, so that a change of layout does not count as a change of the clause. Comments,
 * whitespace, line breaks, trailing commas, the quotes around a string and around a property name
 * that needs none are left out (a formatter changes them, a verdict cannot depend on them); every other token counts, string values included.
 * The TypeScript parser (a dev dependency) does the tokenizing: this runs only when docs are written.
 */
export function clauseSourceHash(source: string): string {
  const file = ts.createSourceFile('clause.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hash = createHash('sha256');
  // `shares` (what account-wide state the clause shares, src/shared-state.ts) only orders clauses that run at once:
  // no verdict depends on it, so it is left out with its comma, as if the clause did not declare it.
  const isShares = (n: ts.Node) => ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'shares';
  const withoutShares = (nodes: readonly ts.Node[]): readonly ts.Node[] => {
    const i = nodes.findIndex(isShares);
    if (i < 0) return nodes;
    const comma = (j: number) => nodes[j]?.kind === ts.SyntaxKind.CommaToken;
    const drop = new Set([i, comma(i + 1) ? i + 1 : comma(i - 1) ? i - 1 : i]);
    return withoutShares(nodes.filter((_, j) => !drop.has(j)));
  };
  const visit = (node: ts.Node, parent?: ts.Node): void => {
    // A `/** … */` comment is parsed as JSDoc nodes among the children of what it documents: a comment all the same.
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(file);
    if (children.length === 0) {
      if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
      // A comma that ends a list is a trailing comma: layout, not meaning.
      if (node.kind === ts.SyntaxKind.CommaToken && parent?.kind === ts.SyntaxKind.SyntaxList && withoutShares(parent.getChildren(file)).at(-1) === node)
        return;
      // A property of defineClause renamed since runs were measured is hashed under its old name: a rename is not a change.
      const old = oldClausePropertyName(node);
      if (old) {
        hash.update(`${ts.SyntaxKind.Identifier}:${old}\n`, 'utf8');
        return;
      }
      // A quoted property name that could be written bare ('valid': vs valid:) is the same name.
      if (ts.isStringLiteral(node) && ts.isPropertyAssignment(node.parent) && node.parent.name === node && /^[A-Za-z_$][\w$]*$/.test(node.text)) {
        hash.update(`${ts.SyntaxKind.Identifier}:${node.text}\n`, 'utf8');
        return;
      }
      // 'a', "a" and `a` are the same string.
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        hash.update(`${ts.SyntaxKind.StringLiteral}:${JSON.stringify(node.text)}\n`, 'utf8');
        return;
      }
      hash.update(`${node.kind}:${node.getText(file)}\n`, 'utf8');
      return;
    }
    for (const c of withoutShares(children)) visit(c, node);
  };
  visit(file);
  return hash.digest('hex');
}

/** The source hash of every clause under `specsDir` now, by clause id (the path: `sqs/sse-kms/x.spec.ts` → `sqs.sse-kms.x`). */
export function clauseSourceHashes(specsDir: string = SPECS_DIR): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const f of readdirSync(specsDir, { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.spec.ts')) hashes[pathIdOf(f.split(sep).join('/'))] = clauseSourceHash(readFileSync(join(specsDir, f), 'utf8'));
  }
  return hashes;
}
