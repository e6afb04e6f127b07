/**
 * Outcomes and expectations. A step's observed outcome is normalised; a clause states the set
 * of outcomes it allows. Errors compare by (service, canonical code) only; HTTP status and message
 * are reported, not compared (X-2: KMS's wire statuses differ from its model).
 */
import { UNMAPPED_PREFIX } from './errors/codes.js';
import type { NormalizedError } from './errors/normalize.js';

/** `V`: the output's type, when the call that observed it is typed. */
export type Observed<V = unknown> = { ok: true; value: V } | ({ ok: false } & NormalizedError);

export type Expected = { ok: true } | { ok: false; code: string };

export const OK: Expected = { ok: true };
export const fails = (code: string): Expected => ({ ok: false, code });
/** Any rejection the table maps (never a protocol error or a failed checksum), for cases whose exact code AWS has not been seen to give. */
export const ANY_ERROR: Expected = { ok: false, code: '*' };

/** Outcomes that are errors but not a rejection the service states: the answer could not be read. */
const NOT_AN_ANSWER = new Set(['ProtocolError', 'SDK.ChecksumMismatch']);

export function matches(observed: Observed, allowed: readonly Expected[]): boolean {
  return allowed.some((a) => {
    if (a.ok || observed.ok) return a.ok === observed.ok;
    if (a.code === '*') return !observed.code.startsWith(UNMAPPED_PREFIX) && !NOT_AN_ANSWER.has(observed.code);
    return !observed.code.startsWith(UNMAPPED_PREFIX) && observed.code === a.code;
  });
}

/** The report form of an observed outcome: `{ ok: true }` or `{ ok: false, code, httpStatus, name, message }` (a step's `observed`, src/report-schema.ts). */
export function reportObserved(o: Observed): Record<string, unknown> {
  if (o.ok) return { ok: true };
  return { ok: false, code: o.code, httpStatus: o.httpStatus, name: o.name, message: o.message };
}

export function describeExpected(allowed: readonly Expected[]): string {
  return allowed.map((a) => (a.ok ? 'success' : a.code === '*' ? 'any mapped error' : a.code)).join(' or ');
}

export function describeObserved(o: Observed): string {
  return o.ok ? 'success' : `${o.code} (${o.name}, HTTP ${o.httpStatus ?? '?'})`;
}
