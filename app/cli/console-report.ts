/** Human-readable console output: one line per clause, then counterexamples and a summary. */
import { levelLine, summarizeByLevel, type ClauseResult, type Counterexample, type Report } from '../../src/report.js';
import { LEVELS } from '../../src/report-schema.js';
import { abbreviate } from '../../src/abbreviate.js';
import type { Step } from '../../src/session.js';
import { observedText, stepText } from '../../src/reports/step-text.js';

const MARK: Record<string, string> = {
  pass: 'PASS ',
  fail: 'FAIL ',
  'expected-fail': 'XFAIL',
  'expected-error': 'XERR ',
  'unexpected-pass': 'XPASS',
  'not-observable': 'N/O  ',
  error: 'ERROR',
};

export function clauseLine(r: ClauseResult, i: number, total: number): string {
  const others = (r.deviations ?? []).filter((d) => d.counterexample !== r.counterexample);
  const also = others
    .map((d) => `\n        also: ${d.signature} (counterexample: ${d.counterexample.steps.length} ${d.counterexample.steps.length === 1 ? 'step' : 'steps'})`)
    .join('');
  const why = r.verdict === 'pass' ? '' : `\n        ${abbreviate(r.reason ?? '', 1_500)}${also}`;
  return `[${String(i + 1).padStart(String(total).length)}/${total}] ${MARK[r.verdict]} ${r.id} (${r.runs} runs, ${r.durationMs} ms)${why}`;
}

export function stepLine(s: Step, i: number): string {
  const t = stepText(s, i);
  return `  ${t.n}. ${t.operation}${t.principal ? ` as principal ${t.principal}` : ''} ${t.input}\n       observed ${observedText(t)}${t.expected ? `\n       expected ${t.expected}` : ''}`;
}

export function renderReplay(id: string, seed: number, path: string, steps: Step[], verdict: string): string {
  const head = `Replay of ${id} (seed ${seed}, path ${path}): ${verdict === 'pass' ? 'did not reproduce (the clause passes now)' : `reproduced (${verdict})`}`;
  return [head, ...steps.map(stepLine)].join('\n');
}

/** The one command that re-runs a counterexample exactly, without a report file. */
export function replayCommand(id: string, ce: Counterexample, target: Report['target']): string {
  const where = target.name === 'endpoint' && target.endpoint ? `--endpoint ${target.endpoint}` : `--target ${target.name}`;
  return `sse-conformance replay ${id} --seed ${ce.seed} --path ${ce.path} ${where}`;
}

export function renderConsoleSummary(report: Report): string {
  const lines: string[] = [];
  for (const r of report.clauses.filter((c) => c.counterexample && c.verdict === 'fail')) {
    const cut = r.counterexample!.shrinkCut ? `; shrinking cut short ${r.counterexample!.shrinkCut}` : '';
    lines.push('', `Counterexample for ${r.id} (seed ${r.counterexample!.seed}, path ${r.counterexample!.path}${cut}):`);
    lines.push(...r.counterexample!.steps.map(stepLine));
    const deviations = r.deviations ?? [{ signature: r.reason ?? '', counterexample: r.counterexample! }];
    for (const d of deviations)
      lines.push(`  ${deviations.length > 1 ? `${d.signature}\n    ` : ''}replay: ${replayCommand(r.id, d.counterexample, report.target)}`);
  }
  const s = report.summary;
  lines.push(
    '',
    `target ${report.target.name}${report.target.unavailable ? ` UNAVAILABLE: ${report.target.unavailable}` : ''} · seed ${report.seed} · ${report.durationMs} ms`,
  );
  lines.push(
    `${s.pass} passed, ${s.fail} failed, ${s['expected-fail']} expected failures, ${s['expected-error'] ?? 0} expected errors, ${s['unexpected-pass']} unexpected passes, ${s['not-observable']} not observable, ${s.error} errors`,
  );
  // Per level, so that a wording difference (OBSERVED) is counted apart from broken behaviour (MUST).
  const byLevel = summarizeByLevel(report);
  lines.push(
    `by level: ${LEVELS.filter((l) => report.clauses.some((c) => c.level === l))
      .map((l) => levelLine(l, byLevel[l]))
      .join(' · ')}`,
  );
  return lines.join('\n');
}
