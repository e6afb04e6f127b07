/** Human-readable console output: one line per clause, then counterexamples and a summary. */
import type { ClauseResult, Report } from '../report.js';

const MARK: Record<string, string> = { 'pass': 'PASS ', 'fail': 'FAIL ', 'expected-fail': 'XFAIL', 'unexpected-pass': 'XPASS', 'not-observable': 'N/O  ', 'error': 'ERROR' };

export function clauseLine(r: ClauseResult, i: number, total: number): string {
  const why = r.verdict === 'pass' ? '' : `\n        ${r.reason ?? ''}`;
  return `[${String(i + 1).padStart(String(total).length)}/${total}] ${MARK[r.verdict]} ${r.id} (${r.runs} runs, ${r.durationMs} ms)${why}`;
}

export function renderConsoleSummary(report: Report): string {
  const lines: string[] = [];
  for (const r of report.clauses.filter((c) => c.counterexample && c.verdict === 'fail')) {
    lines.push('', `Counterexample for ${r.id} (seed ${r.counterexample!.seed}, path ${r.counterexample!.path}):`);
    for (const [i, s] of r.counterexample!.steps.entries()) {
      const obs = s.observed.ok ? 'ok' : `${String(s.observed.code)} (HTTP ${String(s.observed.httpStatus)})`;
      const exp = s.expected ? ` expected ${JSON.stringify(s.expected)}` : '';
      lines.push(`  ${i + 1}. ${s.service}:${s.op} ${JSON.stringify(s.input)} → ${obs}${exp}`);
    }
  }
  const s = report.summary;
  lines.push('', `target ${report.target.name}${report.target.unavailable ? ` UNAVAILABLE: ${report.target.unavailable}` : ''} · seed ${report.seed} · ${report.durationMs} ms`);
  lines.push(`${s.pass} passed, ${s.fail} failed, ${s['expected-fail']} expected failures, ${s['unexpected-pass']} unexpected passes, ${s['not-observable']} not observable, ${s.error} errors`);
  return lines.join('\n');
}
