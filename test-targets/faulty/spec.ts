/**
 * What the faulty target injects, as a small typed spec. Rates are per request and exclusive (one
 * draw decides which fault, if any, hits a request), so they add up to at most 1. Given its seed,
 * the same sequence of requests meets the same faults: a failing test is reproducible.
 */
import { z } from 'zod';
import { quoted } from '../../src/terminal-text.js';
import { MAX_TIMER_MS, strictDecimal, strictInteger } from '../../src/strict-number.js';
import { UsageError } from '../../src/usage-error.js';

const rate = z.number().min(0).max(1).optional();
/** A delay Node's timers take as it is (a larger one fires after 1 ms). */
const delayMs = z.number().int().min(0).max(MAX_TIMER_MS);

export const faultSpec = z
  .strictObject({
    /** Added before every request that is answered (the target is slow, not broken). */
    latencyMs: delayMs.optional(),
    /** HTTP 500 answers (the service's own internal-error shape). */
    serverErrorRate: rate,
    /** Throttling answers (400 ThrottlingException; SNS: 429 Throttled). */
    throttleRate: rate,
    /** The connection is reset before an answer (ECONNRESET). */
    resetRate: rate,
    /** The target acts, then its answer is cut off mid-body (the connection drops). */
    truncateRate: rate,
    /** Every request after the first N gets no answer at all (0: silent from the start). */
    silentAfter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /**
     * Only requests of this operation (`DeleteAlias`, as the service names it) meet faults, and only they count for
     * `silentAfter`; every other request goes through untouched. Unset: every request.
     */
    operation: z
      .string()
      .regex(/^[A-Z][A-Za-z0-9]{0,63}$/, 'an operation name, as in DeleteAlias')
      .optional(),
    /** At most this many faults are injected; later requests go through (`maxFaults: 1`: exactly one fault). */
    maxFaults: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Seeds the draws (default 1); 32 bits, as --seed. */
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
    /**
     * In-process targets only (the reference has no HTTP, so no request timeout of its own): how long
     * a request to a silent target waits before it times out. HTTP targets time out at their own bound.
     */
    requestTimeoutMs: delayMs.min(1).optional(),
  })
  .refine((s) => (s.serverErrorRate ?? 0) + (s.throttleRate ?? 0) + (s.resetRate ?? 0) + (s.truncateRate ?? 0) <= 1, {
    message: 'fault rates add up to more than 1',
  });

export type FaultSpec = z.infer<typeof faultSpec>;

/** The faults one request can meet. */
export type Fault = 'server-error' | 'throttle' | 'reset' | 'truncate' | 'silence';

/** A one-line description for reports and tables, e.g. `serverErrorRate=0.2 seed=1`. */
export const describeFaults = (s: FaultSpec): string =>
  Object.entries(s)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || 'no faults';

/** The command line's names for the spec's fields (`--faults server-error=0.2,seed=1`). */
const FLAG_KEYS = {
  latency: 'latencyMs',
  'server-error': 'serverErrorRate',
  throttle: 'throttleRate',
  reset: 'resetRate',
  truncate: 'truncateRate',
  'silent-after': 'silentAfter',
  seed: 'seed',
  'request-timeout': 'requestTimeoutMs',
  on: 'operation',
  max: 'maxFaults',
} as const satisfies Record<string, keyof FaultSpec>;

export class FaultSpecError extends UsageError {
  override readonly name = 'FaultSpecError';
}

/** The fields that are rates (a decimal from 0 to 1); the others are whole numbers. */
const RATES = new Set<string>(['server-error', 'throttle', 'reset', 'truncate']);

/**
 * Parses `server-error=0.2,throttle=0.1,latency=2000,silent-after=40,seed=1` (or `server-error=1,on=DeleteAlias,max=1`:
 * one HTTP 500, on the first DeleteAlias); any problem is a FaultSpecError
 * naming it. Numbers are read strictly (src/strict-number.ts: no hex, exponent or trailing junk); an empty spec,
 * or a field given twice, is refused too.
 */
export function parseFaults(text: string): FaultSpec {
  const spec: Record<string, number | string> = {};
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new FaultSpecError(`--faults needs at least one fault, as in server-error=0.2 (known: ${Object.keys(FLAG_KEYS).join(', ')})`);
  for (const part of parts) {
    const [key = '', value, ...rest] = part.split('=');
    const field = Object.hasOwn(FLAG_KEYS, key) ? FLAG_KEYS[key as keyof typeof FLAG_KEYS] : undefined;
    if (!field) throw new FaultSpecError(`--faults: unknown fault ${quoted(key)} (known: ${Object.keys(FLAG_KEYS).join(', ')})`);
    if (field in spec) throw new FaultSpecError(`--faults: ${key} is given twice`);
    if (key === 'on') {
      if (value === undefined || rest.length || !/^[A-Z][A-Za-z0-9]{0,63}$/.test(value))
        throw new FaultSpecError('--faults: on needs an operation name, as in on=DeleteAlias');
      spec[field] = value;
      continue;
    }
    // The syntax here, the range in the schema (which names the bound).
    const n = value === undefined || rest.length ? undefined : RATES.has(key) ? strictDecimal(value) : strictInteger(value, 0);
    if (n === undefined)
      throw new FaultSpecError(
        RATES.has(key)
          ? `--faults: ${key} needs a number: a rate from 0 to 1 in decimal digits, as in ${key}=0.2`
          : `--faults: ${key} needs a number: a whole number in decimal digits, as in ${key}=${key === 'seed' ? '1' : '1000'}`,
      );
    spec[field] = n;
  }
  const parsed = faultSpec.safeParse(spec);
  if (!parsed.success) {
    const names = Object.fromEntries(Object.entries(FLAG_KEYS).map(([k, f]) => [f, k]));
    throw new FaultSpecError(`--faults: ${parsed.error.issues.map((i) => `${i.path.length ? `${names[String(i.path[0])]}: ` : ''}${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
