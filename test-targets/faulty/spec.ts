/**
 * What the faulty target injects, as a small typed spec. Rates are per request and exclusive (one
 * draw decides which fault, if any, hits a request), so they add up to at most 1. Given its seed,
 * the same sequence of requests meets the same faults: a failing test is reproducible.
 */
import { z } from 'zod';
import { UsageError } from '../../src/usage-error.js';

const rate = z.number().min(0).max(1).optional();

export const faultSpec = z
  .strictObject({
    /** Added before every request that is answered (the target is slow, not broken). */
    latencyMs: z.number().int().min(0).optional(),
    /** HTTP 500 answers (the service's own internal-error shape). */
    serverErrorRate: rate,
    /** Throttling answers (400 ThrottlingException; SNS: 429 Throttled). */
    throttleRate: rate,
    /** The connection is reset before an answer (ECONNRESET). */
    resetRate: rate,
    /** The target acts, then its answer is cut off mid-body (the connection drops). */
    truncateRate: rate,
    /** Every request after the first N gets no answer at all (0: silent from the start). */
    silentAfter: z.number().int().min(0).optional(),
    /** Seeds the draws (default 1). */
    seed: z.number().int().optional(),
    /**
     * In-process targets only (the reference has no HTTP, so no request timeout of its own): how long
     * a request to a silent target waits before it times out. HTTP targets time out at their own bound.
     */
    requestTimeoutMs: z.number().int().positive().optional(),
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
} as const satisfies Record<string, keyof FaultSpec>;

export class FaultSpecError extends UsageError {
  override readonly name = 'FaultSpecError';
}

/** Parses `server-error=0.2,throttle=0.1,latency=2000,silent-after=40,seed=1`; any problem is a FaultSpecError naming it. */
export function parseFaults(text: string): FaultSpec {
  const spec: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value, ...rest] = part.split('=');
    const field = FLAG_KEYS[key as keyof typeof FLAG_KEYS];
    if (!field) throw new FaultSpecError(`--faults: unknown fault "${key}" (known: ${Object.keys(FLAG_KEYS).join(', ')})`);
    if (value === undefined || value.trim() === '' || rest.length || !Number.isFinite(Number(value)))
      throw new FaultSpecError(
        `--faults: ${key} needs a number, as in ${key}=${key.endsWith('error') || ['throttle', 'reset', 'truncate'].includes(key) ? '0.2' : '1000'}`,
      );
    spec[field] = Number(value);
  }
  const parsed = faultSpec.safeParse(spec);
  if (!parsed.success) {
    const names = Object.fromEntries(Object.entries(FLAG_KEYS).map(([k, f]) => [f, k]));
    throw new FaultSpecError(`--faults: ${parsed.error.issues.map((i) => `${i.path.length ? `${names[String(i.path[0])]}: ` : ''}${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
