/** A counterexample as plain text lines, shared by the JUnit and Markdown reports. */
import { shown } from '../abbreviate.js';
import type { ClauseResult } from '../report.js';

export function counterexampleText(r: ClauseResult): string {
  const ce = r.counterexample;
  if (!ce) return '';
  const lines = [`seed ${ce.seed}, path ${ce.path}`];
  if (ce.input !== undefined) lines.push(`input: ${typeof ce.input === 'string' ? ce.input : shown(ce.input, 600)}`);
  for (const [i, s] of ce.steps.entries()) {
    const observed = (s.observed.ok ? 'success' : `${String(s.observed.code)} (HTTP ${String(s.observed.httpStatus)})`) + (s.observed.waited ? ` (waited ${String(s.observed.waited)})` : '');
    lines.push(`${i + 1}. ${s.service}:${s.op} ${shown(s.input, 600)} -> ${observed}${s.expected ? `; expected ${shown(s.expected, 600)}` : ''}`);
  }
  return lines.join('\n');
}
