/**
 * Baselines: per target, the clauses it is known to fail, each with the signatures of every
 * deviation it shows there, a one-line reason and the date it was recorded; and the clauses that end
 * in an error or observe nothing there although its capabilities promise more (`observed`). A failure whose
 * signature the entry does not name is a failure, never hidden. They are produced by running the
 * suite (`run --write-baseline FILE`), so every entry is what the suite observed, never a guess.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { abbreviate } from './abbreviate.js';
import { readJsonFile } from './read-json-file.js';
import type { Report } from './report.js';
import type { Baseline } from './runner.js';

export class BaselineFileError extends Error {
  override readonly name = 'BaselineFileError';
}

/** A baseline file, validated with zod: each entry names either its deviations or how the clause ends (`observed`). */
export const BaselineSchema = z.record(
  z.string(),
  z
    .looseObject({
      reason: z.string(),
      since: z.string(),
      deviations: z.array(z.string()).min(1).optional(),
      observed: z.enum(['error', 'not-observable']).optional(),
    })
    .superRefine((e, ctx) => {
      if (e.observed !== undefined && e.deviations !== undefined)
        ctx.addIssue({ code: 'custom', message: 'has "observed" "error" or "not-observable", and then no "deviations"' });
      if (e.observed === undefined && e.deviations === undefined)
        ctx.addIssue({ code: 'custom', message: 'needs "deviations", the signatures it expects (rewrite the file with run --write-baseline)' });
    }),
  { error: 'expected an object of clause id → { reason, since, deviations }' },
);

export function readBaseline(path: string): Baseline {
  const { raw } = readJsonFile(path, BaselineSchema, {
    what: 'baseline',
    expected: 'an sse-conformance baseline',
    error: (message) => new BaselineFileError(message),
  });
  return raw as Baseline; // as written: fields a newer version added stay
}

/**
 * The failures of a report as a baseline; earlier dates are kept for failures already listed.
 * Errors, and not-observable verdicts the target's capabilities do not explain (`expected`), are
 * recorded as `observed` entries: the matrix then says so instead of "pass".
 */
export function baselineFrom(
  report: Report,
  previous: Baseline = {},
  today = new Date().toISOString().slice(0, 10),
  expectedNotObservable: (id: string) => boolean = () => true,
): Baseline {
  const out: Baseline = {};
  for (const c of report.clauses) {
    const unexplained = c.verdict === 'error' || (c.verdict === 'not-observable' && !expectedNotObservable(c.id));
    if (unexplained && !report.interrupted && !report.target.unavailable) {
      out[c.id] = { reason: abbreviate(c.reason ?? '', 600), since: previous[c.id]?.since ?? today, observed: c.verdict as 'error' | 'not-observable' };
      continue;
    }
    if (c.verdict !== 'fail' && c.verdict !== 'expected-fail') continue;
    const devs = c.deviations ?? [];
    const firstDev = devs[0];
    const more = devs.length > 1 ? ` (and ${plural(devs.length - 1, 'more deviation')})` : '';
    const reason = firstDev ? `${firstDev.reason} (counterexample: ${plural(firstDev.counterexample.steps.length, 'step')})${more}` : c.reason!;
    out[c.id] = { reason: abbreviate(reason, 600), since: previous[c.id]?.since ?? today, deviations: devs.map((d) => d.signature) };
  }
  return out;
}

export function writeBaseline(path: string, baseline: Baseline): void {
  const sorted = Object.fromEntries(Object.entries(baseline).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(path, JSON.stringify(sorted, null, 2) + '\n');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
