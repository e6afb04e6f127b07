/** Reads a JSON report a user names (report, replay, explain --report, diff): anything else is a one-line usage error. */
import { readJsonFile } from '../../src/read-json-file.js';
import type { Report } from '../../src/report.js';
import { ReportSchema } from '../../src/report-schema.js';
import { UsageError } from '../../src/usage-error.js';

export class ReportFileError extends UsageError {
  override readonly name = 'ReportFileError';
}

const VERDICTS = ['pass', 'fail', 'expected-fail', 'expected-error', 'unexpected-pass', 'not-observable', 'error'] as const;

export function readReport(file: string): Report {
  const kind = {
    what: 'report',
    expected: 'an sse-conformance JSON report',
    hint: 'run … --format json, or report.json from --out',
    error: (message: string) => new ReportFileError(message),
  };
  const { data, raw } = readJsonFile(file, ReportSchema, kind);
  // A report cut short, or edited, can still be JSON of the right shape: its summary then disagrees with its clauses.
  for (const v of VERDICTS) {
    const said = data.summary[v] ?? 0;
    const held = data.clauses.filter((c) => c.verdict === v).length;
    if (said !== held)
      throw kind.error(
        `cannot read report ${file}: not ${kind.expected}: summary["${v}"]: ${said}, but ${held} of its clauses have that verdict (a report cut short or edited?)`,
      );
  }
  // The file as written, not zod's copy: that would drop fields a newer version added (which `report` passes on).
  return raw as Report;
}
