/**
 * A run measured outside CI (docs/measured/): a report exactly as `run --format json` wrote it,
 * beside a small record of what was measured, when, how it was built and with which command. The
 * matrix shows such a target from the report, marked as measured outside CI; CI never re-checks it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { z } from 'zod';
import { readReport } from '../cli/read-report.js';
import type { Report } from '../report.js';
import { pathIdOf, SPECS_DIR } from '../spec-loader.js';

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

/** The hash of a clause's source (its specs/ file) that a measured record keeps: SHA-256 of the text, line endings as LF. */
export const clauseSourceHash = (source: string): string => createHash('sha256').update(source.replace(/\r\n/g, '\n'), 'utf8').digest('hex');

/** The source hash of every clause under `specsDir` now, by clause id (the path: `sqs/sse-kms/x.spec.ts` → `sqs.sse-kms.x`). */
export function clauseSourceHashes(specsDir: string = SPECS_DIR): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const f of readdirSync(specsDir, { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.spec.ts')) hashes[pathIdOf(f.split(sep).join('/'))] = clauseSourceHash(readFileSync(join(specsDir, f), 'utf8'));
  }
  return hashes;
}
