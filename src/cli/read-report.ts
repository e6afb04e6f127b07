/** Reads a JSON report a user names (report, replay, explain --report): anything else is a one-line usage error. */
import { readFileSync } from 'node:fs';
import { VERDICTS, type Report } from '../report.js';

export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
}

export function readReport(file: string): Report {
  let r: Partial<Report> | null;
  try {
    r = JSON.parse(readFileSync(file, 'utf8')) as Partial<Report> | null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ReportFileError(`cannot read report ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : `not JSON (${err.message})`}`);
  }
  const ok = r !== null && typeof r === 'object' && r.tool === 'sse-conformance' && typeof r.target?.name === 'string' && typeof r.seed === 'number'
    && Array.isArray(r.clauses) && r.clauses.every((c) => c !== null && typeof c === 'object' && typeof c.id === 'string' && (VERDICTS as readonly string[]).includes(c.verdict));
  if (!ok) throw new ReportFileError(`cannot read report ${file}: not an sse-conformance JSON report (run … --format json, or report.json from --out)`);
  return r as Report;
}
