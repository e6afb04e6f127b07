/** Reads a JSON report a user names (report, replay, explain --report, diff): anything else is a one-line usage error. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Report } from '../report.js';
import { ReportSchema } from '../report-schema.js';

export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
}

export function readReport(file: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ReportFileError(
      `cannot read report ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : `not JSON (${err.message})`}`,
    );
  }
  const parsed = ReportSchema.safeParse(raw, { error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : undefined) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const what = issue.message.replace(/^Invalid (input|option): /, '').replace(/\s+/g, ' ');
    throw new ReportFileError(
      `cannot read report ${file}: not an sse-conformance JSON report: ${issuePath(issue.path)}: ${what} (run … --format json, or report.json from --out)`,
    );
  }
  // The file as written, not zod's copy: that would drop fields a newer version added (which `report` passes on).
  return raw as Report;
}

/** An issue's path as a reader writes it in JavaScript: `clauses[3].verdict`. */
function issuePath(path: z.core.$ZodIssue['path']): string {
  if (path.length === 0) return 'the whole file';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}
