/**
 * Baselines: per target, the clauses it is known to fail, each with the signatures of every
 * deviation it shows there, a one-line reason and the date it was recorded; and the clauses that end
 * in an error or observe nothing there although its capabilities promise more (`verdict`), an error
 * with the signature of its fault. A failure whose signature the entry does not name is a failure,
 * never hidden. They are produced by running the suite (`run --write-baseline FILE`), so every entry
 * is what the suite observed, never a guess.
 *
 * The file: `{ "version": 3, "clauses": { "<clause id>": entry } }`, signatures as data (src/signature.ts).
 * Older files are still read, and the next `--write-baseline` writes them as version 3: version 2 named the
 * verdict of a clause that ends in an error or observes nothing `observed` (the word deviations use for what
 * the target answered); a file without `version` is version 1, whose signatures were text (src/signature-v1.ts).
 */
import { z } from 'zod';
import { abbreviate } from './abbreviate.js';
import { readJsonFile, validateJson } from './read-json-file.js';
import type { Report } from './report.js';
import { UsageError } from './usage-error.js';
import { writeOutputFile } from './write-file.js';
import type { Baseline, BaselineEntry } from './judge.js';
import type { DeviationSignature } from './signature.js';
import { FAULT_SHAPE, FIELD_SHAPE, OUTCOME_SHAPE, registeredService } from './signature.js';
import { identityOf, parseSignatureV1 } from './signature-v1.js';

export class BaselineFileError extends UsageError {
  override readonly name = 'BaselineFileError';
}

/** The version this sse-conformance writes. */
export const BASELINE_VERSION = 3;

/** An entry; `status` is the key of the verdict of a clause that ends in an error or observes nothing (`observed` before version 3). */
const entry = <D extends z.ZodType>(deviation: D, status: 'verdict' | 'observed' = 'verdict') =>
  z
    .looseObject({
      reason: z.string(),
      since: z.string(),
      deviations: z.array(deviation).min(1).optional(),
      [status]: z.enum(['error', 'not-observable']).optional(),
      fault: z
        .strictObject({ ...FAULT_SHAPE, service: registeredService }, { error: 'expected a fault signature { service, operation, httpStatus, code }' })
        .optional(),
    })
    .superRefine((e, ctx) => {
      const ends = (e as Record<string, unknown>)[status];
      if (ends !== undefined && e.deviations !== undefined)
        ctx.addIssue({ code: 'custom', message: `has "${status}" "error" or "not-observable", and then no "deviations"` });
      if (ends === undefined && e.deviations === undefined && status === 'verdict' && 'observed' in e)
        ctx.addIssue({ code: 'custom', message: 'has "observed", which is named "verdict" since version 3' });
      else if (ends === undefined && e.deviations === undefined)
        ctx.addIssue({ code: 'custom', message: 'needs "deviations", the signatures it expects (rewrite the file with run --write-baseline)' });
      if (e.fault !== undefined && ends !== 'error') ctx.addIssue({ code: 'custom', message: `names a "fault" only with "${status}": "error"` });
    });

const DeviationSignatureSchema = z.union(
  [z.strictObject({ ...OUTCOME_SHAPE, service: registeredService }), z.strictObject({ ...FIELD_SHAPE, service: registeredService.optional() })],
  {
    error: 'expected a deviation signature: { service, operation, expected, observed } or { field }, each with an optional rule',
  },
);

const clausesOf = (status: 'verdict' | 'observed') =>
  z.record(z.string(), entry(DeviationSignatureSchema, status), {
    error: (issue) => (issue.input === undefined ? 'missing' : 'expected an object of clause id → { reason, since, deviations }'),
  });

/** A baseline file of this version, validated with zod: each entry names either its deviations or how the clause ends (`verdict`). */
export const BaselineSchema = z.strictObject({ version: z.literal(BASELINE_VERSION), clauses: clausesOf('verdict') });

/** Version 2: as version 3, with the verdict of an entry without deviations named `observed`. */
const BaselineV2Schema = z.strictObject({ version: z.literal(2), clauses: clausesOf('observed') });

/** Version 1: the entries themselves, signatures as text. */
const BaselineV1Schema = z.record(
  z.string(),
  entry(
    z.string().refine((t) => parseSignatureV1(t) !== undefined, {
      error: (issue) => `not a signature this version can read: ${JSON.stringify(issue.input)}`,
    }),
    'observed',
  ),
  { error: 'expected an object of clause id → { reason, since, deviations }' },
);

export function readBaseline(path: string): Baseline {
  const kind = { what: 'baseline', expected: 'an sse-conformance baseline', error: (message: string) => new BaselineFileError(message) };
  const { raw } = readJsonFile(path, z.unknown(), kind);
  const version = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'version' in raw ? (raw as { version: unknown }).version : 1;
  if (version !== 1 && version !== 2 && version !== BASELINE_VERSION)
    throw kind.error(
      `cannot read baseline ${path}: version ${abbreviate(JSON.stringify(version), 20)} is not one this sse-conformance reads (1, without "version", 2 or ${BASELINE_VERSION})`,
    );
  validateJson(path, raw, version === BASELINE_VERSION ? BaselineSchema : version === 2 ? BaselineV2Schema : BaselineV1Schema, kind);
  // As written: fields a newer version added to an entry stay.
  if (version === BASELINE_VERSION) return (raw as unknown as { clauses: Baseline }).clauses;
  return fromOlderEntries((version === 2 ? (raw as { clauses: Record<string, OlderEntry> }).clauses : raw) as Record<string, OlderEntry>);
}

/** An entry as versions 1 and 2 wrote it: version 1's signatures are text, version 2's data; both named the verdict `observed`. */
type OlderEntry = Omit<BaselineEntry, 'deviations' | 'verdict'> & { deviations?: (string | DeviationSignature)[]; observed?: BaselineEntry['verdict'] };

/**
 * Entries as this version holds them, from entries of any version (a file's, or an object given to the vitest adapter
 * that an older release's users wrote): `observed` becomes `verdict`, text signatures data.
 */
export function fromOlderEntries(entries: Record<string, OlderEntry | BaselineEntry>): Baseline {
  return Object.fromEntries(
    Object.entries(entries).map(([id, entry]) => {
      const { reason, since, observed, ...e } = entry as OlderEntry & { verdict?: BaselineEntry['verdict'] };
      return [
        id,
        {
          reason,
          since,
          ...(observed && !e.verdict ? { verdict: observed } : {}),
          ...e,
          ...(e.deviations ? { deviations: e.deviations.map((d) => (typeof d === 'string' ? parseSignatureV1(d)! : d)) } : {}),
        } as BaselineEntry,
      ];
    }),
  );
}

/**
 * The failures of a report as a baseline; earlier dates are kept for failures already listed.
 * Errors, and not-observable verdicts the target's capabilities do not explain (`expected`), are
 * recorded as `verdict` entries: the matrix then says so instead of "pass". An error that was an
 * answer of the target (HTTP 5xx) is recorded with its fault's signature, so the next run expects it.
 */
export function baselineFrom(
  report: Report,
  previous: Baseline = {},
  today = new Date().toISOString().slice(0, 10),
  expectedNotObservable: (id: string) => boolean = () => true,
): Baseline {
  const out: Baseline = {};
  for (const c of report.clauses) {
    const since = previous[c.id]?.since ?? today;
    if (c.verdict === 'expected-error' && previous[c.id]) {
      out[c.id] = { ...previous[c.id]!, since }; // the fault it names showed again: the entry stands as written
      continue;
    }
    const unexplained = c.verdict === 'error' || (c.verdict === 'not-observable' && !expectedNotObservable(c.id));
    if (unexplained && !report.interrupted && !report.target.unavailable) {
      out[c.id] = {
        reason: abbreviate(c.reason ?? '', 600),
        since,
        verdict: c.verdict as 'error' | 'not-observable',
        ...(c.fault ? { fault: c.fault.identity } : {}),
      };
      continue;
    }
    // An unexpected pass whose clause still shows deviations (the baseline named one that no longer shows) is a
    // failure with other deviations: they are what the entry must name now.
    const failed = c.verdict === 'fail' || c.verdict === 'expected-fail' || (c.verdict === 'unexpected-pass' && (c.deviations?.length ?? 0) > 0);
    if (!failed) continue;
    const devs = c.deviations ?? [];
    const firstDev = devs[0];
    const more = devs.length > 1 ? ` (and ${plural(devs.length - 1, 'more deviation')})` : '';
    const reason = firstDev ? `${firstDev.reason} (counterexample: ${plural(firstDev.counterexample.steps.length, 'step')})${more}` : c.reason!;
    out[c.id] = {
      reason: abbreviate(reason, 600),
      since,
      deviations: devs.map((d) => {
        const identity = identityOf(d);
        if (!identity) throw new Error(`${c.id}: a deviation whose signature this version cannot read: ${d.signature}`);
        return identity;
      }),
    };
  }
  return out;
}

/**
 * A baseline file brought up to date by a run: the entries of the clauses that ran are replaced by what the
 * run found (`fresh`), the others kept as they are; with `prune`, entries of clauses that no longer exist
 * (not in `known`) are dropped.
 */
export function mergeBaseline(existing: Baseline, fresh: Baseline, ran: ReadonlySet<string>, prune?: { known: ReadonlySet<string> }): Baseline {
  const kept = Object.entries(existing).filter(([id]) => !ran.has(id) && (!prune || prune.known.has(id)));
  return { ...Object.fromEntries(kept), ...fresh };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeOutputFile(path, baselineJson(baseline));
}

/**
 * The file's text: entries sorted by clause id, two-space indented, each signature on one line (a deviation
 * gained or lost is one line in a diff).
 */
export function baselineJson(baseline: Baseline): string {
  const sorted = Object.fromEntries(Object.entries(baseline).sort(([a], [b]) => (a < b ? -1 : 1)));
  const inline = new Map<string, string>();
  const token = (v: unknown) => {
    const t = `\u0000${inline.size}\u0000`;
    inline.set(t, oneLine(v));
    return t;
  };
  const file = {
    version: BASELINE_VERSION,
    clauses: Object.fromEntries(
      Object.entries(sorted).map(([id, e]) => [
        id,
        { ...e, ...(e.deviations ? { deviations: e.deviations.map(token) } : {}), ...(e.fault ? { fault: token(e.fault) } : {}) },
      ]),
    ),
  };
  return JSON.stringify(file, null, 2).replace(/"\\u0000\d+\\u0000"/g, (t) => inline.get(JSON.parse(t) as string)!) + '\n';
}

/** `{ "a": 1, "b": ["x", "y"] }`: JSON on one line, spaced for reading. */
const oneLine = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(oneLine).join(', ')}]`
    : v !== null && typeof v === 'object'
      ? `{ ${Object.entries(v)
          .map(([k, x]) => `${JSON.stringify(k)}: ${oneLine(x)}`)
          .join(', ')} }`
      : JSON.stringify(v);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
