/**
 * JUnit XML for CI systems (junit-report-builder does the XML and its escaping). One suite per
 * target, one test case per clause: fail and unexpected-pass are failures, error is an error,
 * not-observable is skipped, expected-fail and expected-error pass with the deviation or the target
 * fault the baseline names in system-out.
 */
import junit, { type Builder } from 'junit-report-builder';
import type { Report } from '../report.js';
import { counterexampleText } from './counterexample-text.js';

/**
 * junit-report-builder 5.1.2 splits only the first "]]>" of a CDATA section, so a second one would end
 * the section early and break the XML. Text from generated scenarios can contain anything: neutralise
 * the sequence here (the JSON report keeps the exact text).
 */
const safe = (text: string) => text.split(']]>').join(']] >');

// The package is CommonJS whose module.exports is the builder, while its types declare a default export.
const builder = ((junit as unknown as { default?: Builder }).default ?? junit) as unknown as Builder;

export function renderJunit(reports: Report[]): string {
  const b = builder.newBuilder();
  for (const report of reports) {
    const suite = b
      .testSuite()
      .name(`sse-conformance: ${report.target.name}`)
      .timestamp(new Date(report.startedAt))
      .time(report.durationMs / 1000);
    for (const r of report.clauses) {
      const tc = suite
        .testCase()
        .className(r.id.split('.').slice(0, 2).join('.'))
        .name(`${r.id}: ${r.title}`)
        .time(r.durationMs / 1000);
      const reason = safe(r.reason ?? '');
      const detail = safe([r.reason ?? '', counterexampleText(r)].filter(Boolean).join('\n\n'));
      if (r.verdict === 'fail') tc.failure(reason || 'failed', 'ClauseViolation').stacktrace(detail);
      else if (r.verdict === 'unexpected-pass') tc.failure(reason || 'passed although listed in the baseline', 'UnexpectedPass');
      else if (r.verdict === 'error') tc.error(reason || 'error', 'TargetError');
      else if (r.verdict === 'not-observable') tc.skipped().standardOutput(`not observable: ${reason}`);
      else if (r.verdict === 'expected-fail') tc.standardOutput(`known deviation (baseline): ${detail}`);
      else if (r.verdict === 'expected-error') tc.standardOutput(`known target fault (baseline): ${reason}`);
    }
  }
  return b.build();
}
