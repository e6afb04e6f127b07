/**
 * Windows, not instants. Where AWS allows either outcome for a while (a disabled key keeps working
 * for a principal until its cached data key expires, KMS-9), the model still answers exactly for
 * its own virtual clock, and notes here the other outcomes AWS would also be allowed to give.
 */
import { ModelError } from './errors.js';

export type ModelOutcome<T> = { ok: true; value: T } | { ok: false; error: ModelError };

export class OutcomeWindows {
  #open: ModelError[] | undefined;

  // Only the model-based clause's oracle calls collect; the model as a target never does. In `npm run mutation` the oracle
  // is a frozen copy (src/model-based/oracle.ts), so no answer of the mutated model depends on collect or note; their role
  // in the oracle is held by test/reference/sqs.test.ts and sns.test.ts (alsoAllowed).
  // Stryker disable all: EQ-unread
  /** Runs `fn`, returning its outcome and every alternative outcome noted meanwhile. Non-model errors propagate. */
  collect<T>(fn: () => T): { outcome: ModelOutcome<T>; alsoAllowed: ModelError[] } {
    const outer = this.#open;
    const mine: ModelError[] = [];
    this.#open = mine;
    try {
      return { outcome: { ok: true, value: fn() }, alsoAllowed: mine };
    } catch (e) {
      if (e instanceof ModelError) return { outcome: { ok: false, error: e }, alsoAllowed: mine };
      throw e;
    } finally {
      this.#open = outer;
      outer?.push(...mine);
    }
  }

  /** Called by SQS/SNS when they serve from a cache although KMS would now refuse. */
  note(alternative: ModelError): void {
    if (this.#open && !this.#open.some((e) => e.name === alternative.name)) this.#open.push(alternative);
  }
  // Stryker restore all
}
