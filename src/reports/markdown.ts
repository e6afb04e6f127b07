/**
 * The report as Markdown for pull requests: a summary per target, then each failure with its
 * counterexample. Table cells escape `|`; counterexamples sit in fences longer than any backtick
 * run they contain, so generated bodies cannot break out of them.
 */
import type { Report } from '../report.js';
import { VERDICTS } from '../report.js';
import { counterexampleText } from './counterexample-text.js';
import { cell, fenced } from './markdown-text.js';

export function renderMarkdown(reports: Report[]): string {
  const out = ['# sse-conformance report', '', `| target | ${VERDICTS.join(' | ')} | seed | duration |`, `|---|${VERDICTS.map(() => '---').join('|')}|---|---|`];
  for (const r of reports) {
    const name = r.target.unavailable ? `${r.target.name} (unavailable: ${r.target.unavailable})` : r.target.name;
    out.push(`| ${cell(name)} | ${VERDICTS.map((v) => r.summary[v]).join(' | ')} | ${r.seed} | ${(r.durationMs / 1000).toFixed(1)} s |`);
  }
  for (const r of reports) {
    const notable = r.clauses.filter((c) => c.verdict === 'fail' || c.verdict === 'unexpected-pass' || c.verdict === 'error');
    if (notable.length === 0) continue;
    out.push('', `## ${cell(r.target.name)}: ${notable.length} to look at`);
    for (const c of notable) {
      out.push('', `### ${c.verdict}: \`${c.id}\``, '', cell(c.title), '', `Sources: ${c.sources.map((s) => `${s.fact} <${s.url}>`).join(', ')}`, '', cell(c.reason ?? ''));
      if (c.counterexample) out.push('', fenced(counterexampleText(c)));
      const others = (c.deviations ?? []).filter((d) => d.counterexample !== c.counterexample);
      if (others.length) out.push('', `${others.length} more ${others.length === 1 ? 'deviation' : 'deviations'} in this clause:`, '', ...others.map((d) => `- ${cell(d.signature)} (counterexample: ${d.counterexample.steps.length} ${d.counterexample.steps.length === 1 ? 'step' : 'steps'})`));
    }
  }
  return out.join('\n') + '\n';
}
