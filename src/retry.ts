/**
 * The one retry policy of calls to a target: a call that meets a retryable fault is sent again after each of
 * these pauses, then its last failure stands. Scenario steps retry throttling only (a 5xx may be the target's
 * deterministic answer, which a baseline can name, and a step that was reset may have acted); cleanup deletes,
 * which are idempotent, also retry 5xx answers and dropped connections (src/session.ts).
 */
export const RETRY_PAUSES_MS: readonly number[] = [100, 300, 900];

export type Attempted<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number };

/** Calls `call` until it succeeds, fails with an error `retryable` refuses, or has been retried after every pause. */
export async function withRetries<T>(call: () => Promise<T>, retryable: (e: unknown) => boolean): Promise<Attempted<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: await call(), attempts: attempt + 1 };
    } catch (error) {
      if (attempt >= RETRY_PAUSES_MS.length || !retryable(error)) return { ok: false, error, attempts: attempt + 1 };
      await new Promise((r) => setTimeout(r, RETRY_PAUSES_MS[attempt]));
    }
  }
}
