/**
 * What the faulty target injects, as a small typed spec. Rates are per request and exclusive (one
 * draw decides which fault, if any, hits a request), so they add up to at most 1. Given its seed,
 * the same sequence of requests meets the same faults: a failing test is reproducible.
 */
import { z } from 'zod';

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
  Object.entries(s).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ') || 'no faults';
