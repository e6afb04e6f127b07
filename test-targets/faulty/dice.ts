/**
 * Decides, request by request, which fault (if any) the faulty target injects. One counter and one
 * seeded generator serve every client of the target, so "silent after N" counts all requests, and
 * the same seed and request order give the same faults.
 */
import type { Fault, FaultSpec } from './spec.js';

/** mulberry32: small, fast and good enough to spread faults; the point is that it is seeded. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  readonly #spec: FaultSpec;
  readonly #next: () => number;
  #requests = 0;
  readonly #injected: Record<Fault, number> = { 'server-error': 0, throttle: 0, reset: 0, truncate: 0, silence: 0 };

  constructor(spec: FaultSpec) {
    this.#spec = spec;
    this.#next = generator(spec.seed ?? 1);
  }

  /** Requests seen so far (of the spec's `operation` only, when it names one). */
  get requests(): number {
    return this.#requests;
  }

  /** How many of each fault were injected. */
  get injected(): Readonly<Record<Fault, number>> {
    return { ...this.#injected };
  }

  /** Faults injected so far. */
  get #total(): number {
    return Object.values(this.#injected).reduce((a, b) => a + b, 0);
  }

  /**
   * The fault for the next request, or undefined when it goes through. A request of another operation than the
   * spec's `operation` goes through without a draw; once `maxFaults` were injected, every request does.
   */
  roll(operation?: string): Fault | undefined {
    if (this.#spec.operation !== undefined && operation !== this.#spec.operation) return undefined;
    const n = ++this.#requests;
    const r = this.#next(); // drawn for every request, so silence does not shift later draws
    const s = this.#spec;
    let fault: Fault | undefined;
    if (s.silentAfter !== undefined && n > s.silentAfter) fault = 'silence';
    else {
      let edge = 0;
      for (const [f, p] of [
        ['server-error', s.serverErrorRate],
        ['throttle', s.throttleRate],
        ['reset', s.resetRate],
        ['truncate', s.truncateRate],
      ] as const) {
        edge += p ?? 0;
        if (r < edge) {
          fault = f;
          break;
        }
      }
    }
    if (fault && this.#spec.maxFaults !== undefined && this.#total >= this.#spec.maxFaults) fault = undefined;
    if (fault) this.#injected[fault]++;
    return fault;
  }
}
