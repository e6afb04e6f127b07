/**
 * The report as Markdown for pull requests: a summary per target, with several targets the matrix
 * clause × target, then each failure with its counterexample. Table cells escape `|` (and `\`);
 * counterexamples sit in fences longer than any backtick run they contain, so generated bodies
 * cannot break out of them (src/reports/markdown-text.ts).
 */
import type { ClauseResult, Report } from '../report.js';
import { levelLine, summarizeByLevel, VERDICTS } from '../report.js';
import { LEVELS } from '../report-schema.js';
import { counterexampleText } from './counterexample-text.js';
import { cell, fenced } from './markdown-text.js';

/** A verdict and, unless it is a pass, its reason on one line (cut: the sections below and the JSON have it whole). */
function verdictCell(c: ClauseResult | undefined): string {
  if (!c) return '—';
  if (c.verdict === 'pass') return 'pass';
  const reason = (c.reason ?? '').split('\n')[0]!.trim();
  return `**${c.verdict}**${reason ? `: ${cell(reason.length > 160 ? `${reason.slice(0, 159)}…` : reason)}` : ''}`;
}

/** Several targets: one row per clause, one column per target. */
function matrix(reports: Report[]): string[] {
  const ids = [...new Set(reports.flatMap((r) => r.clauses.map((c) => c.id)))].sort();
  const byTarget = reports.map((r) => new Map(r.clauses.map((c) => [c.id, c])));
  return [
    '## Clauses × targets',
    '',
    `| clause | ${reports.map((r) => cell(r.target.name)).join(' | ')} |`,
    `|---|${reports.map(() => '---').join('|')}|`,
    ...ids.map((id) => `| \`${id}\` | ${byTarget.map((m) => verdictCell(m.get(id))).join(' | ')} |`),
  ];
}

export function renderMarkdown(reports: Report[]): string {
  const out = [
    '# sse-conformance report',
    '',
    `| target | ${VERDICTS.join(' | ')} | seed | duration |`,
    `|---|${VERDICTS.map(() => '---').join('|')}|---|---|`,
  ];
  for (const r of reports) {
    const name = r.target.unavailable ? `${r.target.name} (unavailable: ${r.target.unavailable})` : r.target.name;
    out.push(`| ${cell(name)} | ${VERDICTS.map((v) => r.summary[v] ?? 0).join(' | ')} | ${r.seed} | ${(r.durationMs / 1000).toFixed(1)} s |`);
  }
  // Per level: a MUST that fails is broken behaviour, an OBSERVED one a difference from what AWS was seen to answer.
  out.push('', `| target | ${LEVELS.join(' | ')} |`, `|---|${LEVELS.map(() => '---').join('|')}|`);
  for (const r of reports) {
    const byLevel = summarizeByLevel(r);
    out.push(`| ${cell(r.target.name)} | ${LEVELS.map((l) => levelLine(l, byLevel[l]).slice(l.length + 2)).join(' | ')} |`);
  }
  if (reports.length > 1) out.push('', ...matrix(reports));
  for (const r of reports) {
    const notable = r.clauses.filter((c) => c.verdict === 'fail' || c.verdict === 'unexpected-pass' || c.verdict === 'error');
    if (notable.length === 0) continue;
    out.push('', `## ${cell(r.target.name)}: ${notable.length} to look at`);
    for (const c of notable) {
      out.push(
        '',
        `### ${c.verdict}: \`${c.id}\``,
        '',
        cell(c.title),
        '',
        `Sources: ${c.sources.map((s) => `${s.fact} <${s.url}>`).join(', ')}`,
        '',
        cell(c.reason ?? ''),
      );
      if (c.counterexample) out.push('', fenced(counterexampleText(c)));
      const others = (c.deviations ?? []).filter((d) => d.counterexample !== c.counterexample);
      if (others.length)
        out.push(
          '',
          `${others.length} more ${others.length === 1 ? 'deviation' : 'deviations'} in this clause:`,
          '',
          ...others.map(
            (d) => `- ${cell(d.signature)} (counterexample: ${d.counterexample.steps.length} ${d.counterexample.steps.length === 1 ? 'step' : 'steps'})`,
          ),
        );
    }
  }
  return out.join('\n') + '\n';
}
