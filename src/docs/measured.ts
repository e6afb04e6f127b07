/**
 * A run measured outside CI (docs/measured/): a report exactly as `run --format json` wrote it,
 * beside a small record of what was measured, when, how it was built and with which command. The
 * matrix shows such a target from the report, marked as measured outside CI; CI never re-checks it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { readReport } from '../cli/read-report.js';
import type { Report } from '../report.js';

export const MeasuredRecordSchema = z.strictObject({
  target: z.string().min(1),
  version: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The command as run, with the port it used. */
  command: z.string().min(1),
  /** The target options of that command (capabilities follow from them). */
  options: z.strictObject({ endpoint: z.string().optional(), realTimeWindows: z.boolean().optional() }),
  /** The report, relative to this file. */
  report: z.string().min(1),
  /** Where the system under test came from and how it ran: source, commit, toolchain, anything changed to build it. */
  how: z.string().min(1),
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
  if (report.target.unavailable || report.interrupted)
    throw new MeasuredRecordError(`${recordFile}: the report is not a whole run (${report.target.unavailable ?? 'interrupted'})`);
  return { record, report };
}
