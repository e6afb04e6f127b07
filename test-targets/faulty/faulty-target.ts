/**
 * A target that is another target with faults: latency, HTTP 5xx, throttling, resets, truncated
 * answers, and silence after N requests. It hands out the wrapped target's own clients with one
 * middleware added (./middleware.ts), so it works on every target, the in-process reference too,
 * and the session meets each fault exactly as it would meet the real one.
 */
import type { AtRestMessage, Capabilities, Clients, Target } from '../../src/target.js';
import { BlackHole } from './black-hole.js';
import { Dice } from './dice.js';
import { injectFaults } from './middleware.js';
import { describeFaults, faultSpec, type Fault, type FaultSpec } from './spec.js';

export class FaultyTarget implements Target {
  readonly name: string;
  readonly defaultRuns: number;
  /** Faults are drawn per request, in the order requests are made: clauses at once would draw them differently on every run. */
  readonly concurrencyLimit: NonNullable<Target['concurrencyLimit']>;
  readonly fixedSeed?: number;
  readonly capabilities: Capabilities;
  readonly namePrefix?: string;
  readonly advanceTime?: (ms: number) => Promise<void>;
  readonly inspectQueue?: (queueUrl: string) => Promise<AtRestMessage[]>;
  readonly releaseKey?: (keyId: string) => Promise<void>;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly scenario?: Target['scenario'];
  readonly whyStopped?: () => string | undefined;
  readonly inner: Target;
  readonly spec: FaultSpec;
  readonly #dice: Dice;
  readonly #blackHole = new BlackHole();
  readonly #decorated = new WeakSet<Clients>();

  constructor(inner: Target, spec: FaultSpec) {
    this.spec = faultSpec.parse(spec);
    this.inner = inner;
    this.name = `${inner.name} (faults: ${describeFaults(this.spec)})`;
    this.defaultRuns = inner.defaultRuns;
    this.capabilities = inner.capabilities;
    this.concurrencyLimit = {
      max: 1,
      reason: 'its faults are drawn per request in request order, which clauses at once would change from run to run',
      ...(inner.concurrencyLimit?.alone ? { alone: true } : {}),
    };
    this.#dice = new Dice(this.spec);
    // Optional abilities stay optional: the session asks whether they exist (a virtual clock, inspection).
    if (inner.namePrefix !== undefined) this.namePrefix = inner.namePrefix;
    if (inner.fixedSeed !== undefined) this.fixedSeed = inner.fixedSeed;
    if (inner.advanceTime) this.advanceTime = (ms) => inner.advanceTime!(ms);
    if (inner.inspectQueue) this.inspectQueue = (url) => inner.inspectQueue!(url);
    if (inner.releaseKey) this.releaseKey = (id) => inner.releaseKey!(id);
    if (inner.whyStopped) this.whyStopped = () => inner.whyStopped!();
    // A recorded target keeps its clock and its scenarios under faults too.
    if (inner.now) this.now = () => inner.now!();
    if (inner.sleep) this.sleep = (ms) => inner.sleep!(ms);
    if (inner.scenario) this.scenario = (key, run) => inner.scenario!(key, run);
  }

  get endpoint(): string | undefined {
    return this.inner.endpoint;
  }

  /** Requests the wrapped clients made so far (each met at most one fault). */
  get requests(): number {
    return this.#dice.requests;
  }

  /** How many of each fault were injected so far. */
  get injected(): Readonly<Record<Fault, number>> {
    return this.#dice.injected;
  }

  /** Starting is the wrapped target's own start, without faults: a target that cannot start is another matter. */
  start(): Promise<void> {
    return this.inner.start();
  }

  clients(index = 0): Clients {
    const c = this.inner.clients(index);
    if (!this.#decorated.has(c)) {
      injectFaults(c, {
        dice: this.#dice,
        latencyMs: this.spec.latencyMs ?? 0,
        blackHole: this.#blackHole,
        ...(this.spec.requestTimeoutMs ? { requestTimeoutMs: this.spec.requestTimeoutMs } : {}),
      });
      this.#decorated.add(c);
    }
    return c;
  }

  async dispose(): Promise<void> {
    try {
      await this.inner.dispose();
    } finally {
      await this.#blackHole.close();
    }
  }
}
