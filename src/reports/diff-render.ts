/**
 * A report diff for people: on the console, or as Markdown for a pull request. Every deviation B
 * gained is named by signature, with its place in B for `replay B.json CLAUSE --deviation N`.
 */
import type { Verdict } from '../report.js';
import { cell, code } from './markdown-text.js';
import { newDeviations, type DeviationRef, type OnlyIn, type ReportDiff, type Side } from './diff.js';

/** The two files as the user named them. */
export interface DiffLabels {
  a: string;
  b: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const arrow = (before: Verdict, after: Verdict) => (before === after ? `${after} (verdict unchanged)` : `${before} → ${after}`);

function lostDeviations(d: ReportDiff): number {
  return d.changed.reduce((n, c) => n + c.lost.length, 0) + d.onlyInA.reduce((n, c) => n + c.deviations.length, 0);
}

/** One line that sums the diff up; the first thing to read, so it comes last on the console and first in Markdown. */
function summaryLine(d: ReportDiff): string {
  const parts = [
    `${plural(newDeviations(d), 'deviation')} in B not in A, ${lostDeviations(d)} in A not in B`,
    `${plural(d.changed.length, 'clause')} changed`,
    `${d.notCompared.length} not compared`,
    `${d.onlyInA.length} only in A`,
    `${d.onlyInB.length} only in B`,
    `${d.unchanged} unchanged`,
  ];
  if (d.notObservableInBoth) parts.push(`${d.notObservableInBoth} not observable in either`);
  return parts.join(', ');
}

function sideText(s: Side): string {
  const flags = [s.interrupted ? 'interrupted' : '', s.target.unavailable ? `target unavailable: ${s.target.unavailable}` : ''].filter(Boolean);
  return `${s.target.name}${s.target.endpoint ? ` at ${s.target.endpoint}` : ''}, sse-conformance ${s.version}, seed ${s.seed}, ${plural(s.clauses, 'clause')}, started ${s.startedAt}${flags.length ? ` (${flags.join('; ')})` : ''}`;
}

/** Deviations are found by generated inputs: with another seed, one may simply not have been generated. */
function seedNote(d: ReportDiff): string | undefined {
  return d.a.seed === d.b.seed ? undefined : `The seeds differ (A ${d.a.seed}, B ${d.b.seed}): a deviation one seed finds, the other may not generate.`;
}

export function renderDiffConsole(d: ReportDiff, files: DiffLabels): string {
  const out = [`A: ${files.a}: ${sideText(d.a)}`, `B: ${files.b}: ${sideText(d.b)}`];
  const note = seedNote(d);
  if (note) out.push(note);
  const devs = (sign: '+' | '-', side: 'A' | 'B', ds: DeviationRef[]) => ds.map((x) => `    ${sign} ${x.signature}  (deviation ${x.index} in ${side})`);
  const only = (name: string, xs: OnlyIn[], sign: '+' | '-', side: 'A' | 'B') => {
    if (xs.length) out.push('', `Only in ${name} (${xs.length}):`, ...xs.flatMap((c) => [`  ${c.id}: ${c.verdict}`, ...devs(sign, side, c.deviations)]));
  };
  if (d.changed.length) {
    out.push('', `Changed (${d.changed.length}):`);
    for (const c of d.changed) out.push(`  ${c.id}: ${arrow(c.before, c.after)}`, ...devs('+', 'B', c.gained), ...devs('-', 'A', c.lost));
  }
  if (d.notCompared.length) {
    out.push('', `Not compared (${d.notCompared.length}): an error or nothing observable on a side, so its deviations there are unknown`);
    for (const c of d.notCompared) out.push(`  ${c.id}: ${arrow(c.before, c.after)}: ${c.why}`);
  }
  only('A', d.onlyInA, '-', 'A');
  only('B', d.onlyInB, '+', 'B');
  out.push('', summaryLine(d));
  if (newDeviations(d)) out.push(`Replay one: sse-conformance replay ${files.b} CLAUSE --deviation N`);
  return out.join('\n') + '\n';
}

export function renderDiffMarkdown(d: ReportDiff, files: DiffLabels): string {
  const row = (name: string, file: string, s: Side) =>
    `| ${name} | ${cell(file)} | ${cell(s.target.name)}${s.target.unavailable ? ' (unavailable)' : ''}${s.interrupted ? ' (interrupted)' : ''} | ${cell(s.version)} | ${s.seed} | ${s.clauses} | ${s.startedAt} |`;
  const out = [
    '# sse-conformance diff',
    '',
    `**${summaryLine(d)}**`,
    '',
    '| | report | target | version | seed | clauses | started |',
    '|---|---|---|---|---|---|---|',
    row('A', files.a, d.a),
    row('B', files.b, d.b),
  ];
  const note = seedNote(d);
  if (note) out.push('', `> ${note}`);
  const devs = (label: string, side: 'A' | 'B', ds: DeviationRef[]) => ds.map((x) => `  - ${label}: ${code(x.signature)} (deviation ${x.index} in ${side})`);
  if (d.changed.length) {
    out.push('', `## Changed (${d.changed.length})`, '');
    for (const c of d.changed)
      out.push(
        `- ${code(c.id)}: ${c.before === c.after ? `${c.after} (verdict unchanged)` : `${c.before} → **${c.after}**`}`,
        ...devs('gained', 'B', c.gained),
        ...devs('lost', 'A', c.lost),
      );
  }
  if (d.notCompared.length) {
    out.push('', `## Not compared (${d.notCompared.length})`, '', 'An error or nothing observable on a side: its deviations there are unknown.', '');
    for (const c of d.notCompared) out.push(`- ${code(c.id)}: ${c.before} → ${c.after}: ${code(c.why)}`);
  }
  for (const [name, xs, label] of [
    ['A', d.onlyInA, 'in A'],
    ['B', d.onlyInB, 'in B'],
  ] as const) {
    if (!xs.length) continue;
    out.push('', `## Only in ${name} (${xs.length})`, '');
    for (const c of xs) out.push(`- ${code(c.id)}: ${c.verdict}`, ...devs(label, name, c.deviations));
  }
  if (newDeviations(d)) out.push('', `Replay one: ${code(`sse-conformance replay ${files.b} CLAUSE --deviation N`)}`);
  return out.join('\n') + '\n';
}
