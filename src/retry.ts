/**
 * The one retry policy of calls to a target: a call that meets a retryable fault is sent again after each of
 * these pauses, then its last failure stands. Scenario steps retry throttling only (a 5xx may be the target's
 * deterministic answer, which a baseline can name, and a step that was reset may have acted); cleanup deletes,
 * which are idempotent, also retry 5xx answers and dropped connections (src/session.ts).
 */
export const RETRY_PAUSES_MS: readonly number[] = [100, 300, 900];

/**
 * Whether a target is there at all (at start-up, and after a request could not reach it) is asked again after each of
 * these pauses when the connection was dropped: 3.75 s in all, so that a target dropping some connections, or one
 * reset during start-up, is not taken for one that is gone. A probe that times out is not asked again (that would
 * cost another whole timeout).
 */
export const LIVENESS_PAUSES_MS: readonly number[] = [250, 500, 1000, 2000];

export type Attempted<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number };

/** Calls `call` until it succeeds, fails with an error `retryable` refuses, or has been retried after every pause. */
export async function withRetries<T>(
  call: () => Promise<T>,
  retryable: (e: unknown) => boolean,
  pauses: readonly number[] = RETRY_PAUSES_MS,
): Promise<Attempted<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: await call(), attempts: attempt + 1 };
    } catch (error) {
      if (attempt >= pauses.length || !retryable(error)) return { ok: false, error, attempts: attempt + 1 };
      await new Promise((r) => setTimeout(r, pauses[attempt]));
    }
  }
}
