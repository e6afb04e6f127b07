/** Reads a JSON report a user names (report, replay, explain --report, diff): anything else is a one-line usage error. */
import { readJsonFile } from '../read-json-file.js';
import type { Report } from '../report.js';
import { ReportSchema } from '../report-schema.js';
import { UsageError } from '../usage-error.js';

export class ReportFileError extends UsageError {
  override readonly name = 'ReportFileError';
}

export function readReport(file: string): Report {
  const { raw } = readJsonFile(file, ReportSchema, {
    what: 'report',
    expected: 'an sse-conformance JSON report',
    hint: 'run … --format json, or report.json from --out',
    error: (message) => new ReportFileError(message),
  });
  // The file as written, not zod's copy: that would drop fields a newer version added (which `report` passes on).
  return raw as Report;
}
