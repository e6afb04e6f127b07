/**
 * One SDK call of a counterexample as text, described once for every format (console, Markdown,
 * JUnit, HTML): the operation, who made it, the request, what came back and what the clause allowed.
 * Each format only lays these pieces out.
 */
import { shown } from '../abbreviate.js';
import type { Step } from '../report.js';

export interface StepText {
  /** 1-based place in the counterexample. */
  n: number;
  /** `service:Operation`. */
  operation: string;
  /** Which of the target's principals made the call; absent for the first (0). */
  principal?: number;
  input: string;
  /** `success` or `CODE (HTTP n)`. */
  outcome: string;
  /** Values the clause checked on the answer, if any. */
  values?: string;
  /** How long a probe waited for an eventual outcome, if it did. */
  waited?: string;
  /** The outcomes the clause allowed; absent when the step was not judged. */
  expected?: string;
}

/** Fields of `observed` that the outcome already says, or that are shown on their own. */
const SAID = new Set(['ok', 'code', 'httpStatus', 'name', 'message', 'waited']);

export function stepText(s: Step, i: number): StepText {
  const values = Object.entries(s.observed).filter(([k]) => !SAID.has(k));
  return {
    n: i + 1,
    operation: `${s.service}:${s.op}`,
    ...(s.principal ? { principal: s.principal } : {}),
    input: shown(s.input, 600),
    outcome: s.observed.ok ? 'success' : `${String(s.observed.code)} (HTTP ${String(s.observed.httpStatus)})`,
    ...(values.length ? { values: shown(Object.fromEntries(values), 600) } : {}),
    ...(s.observed.waited !== undefined ? { waited: String(s.observed.waited) } : {}),
    ...(s.expected ? { expected: shown(s.expected, 600) } : {}),
  };
}

/** The observed part on one line: outcome, checked values, time waited. */
export function observedText(t: StepText): string {
  return `${t.outcome}${t.values ? ` ${t.values}` : ''}${t.waited ? ` (waited ${t.waited})` : ''}`;
}
