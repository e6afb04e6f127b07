/**
 * Virtual time for the reference model. Nothing in reference/ reads the wall clock: a 7-day key
 * deletion window or a 24-hour data-key reuse period passes by calling `advance`.
 */
export class VirtualClock {
  #now: number;

  /** @param startMs epoch milliseconds at which virtual time starts (default 2026-01-01T00:00:00Z). */
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  /** Current virtual time in epoch milliseconds. */
  now(): number {
    return this.#now;
  }

  /** Moves virtual time forward; time never goes back. */
  advance(ms: number): number {
    // Stryker disable next-line StringLiteral: MSG
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance needs a finite, non-negative number of ms, got ${ms}`);
    this.#now += ms;
    return this.#now;
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
