/** A counterexample as plain text lines, shared by the JUnit and Markdown reports. */
import { shown } from '../abbreviate.js';
import type { ClauseResult } from '../report.js';
import { observedText, stepText } from './step-text.js';

export function counterexampleText(r: ClauseResult): string {
  const ce = r.counterexample;
  if (!ce) return '';
  const lines = [`seed ${ce.seed}, path ${ce.path}${ce.shrinkCut ? `; shrinking cut short ${ce.shrinkCut}` : ''}`];
  if (ce.input !== undefined) lines.push(`input: ${typeof ce.input === 'string' ? ce.input : shown(ce.input, 600)}`);
  for (const t of ce.steps.map(stepText)) {
    lines.push(
      `${t.n}. ${t.operation}${t.principal ? ` as principal ${t.principal}` : ''} ${t.input} -> ${observedText(t)}${t.expected ? `; expected ${t.expected}` : ''}`,
    );
  }
  return lines.join('\n');
}
