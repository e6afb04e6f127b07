/**
 * The one lifecycle of every emulator target, the way testcontainers' GenericContainer owns a
 * container's: use the instance the user gives (`--endpoint URL`) or start each emulator the target is
 * made of, ask each whether it answers (its health request; with `--reset`, its reset request
 * instead), hand the SDK clients each service's endpoint, and stop whatever was started, by PID, when
 * any of that fails and when the run ends. A target gives only what differs: its emulators (how each
 * starts, its health and reset requests), the services each serves, and its capabilities. Targets made
 * of two emulators (goaws or ElasticMQ with local-kms for KMS, fauxqs with moto for KMS) list both.
 */
import { isReset } from '../src/errors/normalize.js';
import { LIVENESS_PAUSES_MS, withRetries } from '../src/retry.js';
import { findService, serviceNames } from '../src/services/registry.js';
import { TargetUnavailableError, type Capabilities, type ServiceName } from '../src/target.js';
import type { MeasuredDefaults } from './measured.js';
import type { ExistingInstanceOptions } from './module.js';
import { type Endpoints, httpTargetCapabilities, SdkTarget } from './sdk-target.js';

/** A running emulator: where it answers, and how it is stopped. */
export interface Instance {
  readonly endpoint: string;
  /** Its process, when it is one this project started. */
  readonly pid?: number;
  /** A folder of its own (state, configuration), removed when it stops. */
  readonly dir?: string;
  /** How its process ended, when it ended by itself while the target was in use (it crashed): for the run's message. */
  exited?(): string | undefined;
  stop(): Promise<void>;
}

/** One emulator: what differs between emulators, and nothing else. */
export interface Emulator<I extends Instance = Instance> {
  /** Its name in messages ("moto", "LocalStack"). */
  readonly name: string;
  /** A request every running instance answers: GET this path, answered with a 2xx (with `anyAnswer`, any HTTP answer will do). */
  readonly health: { readonly path: string; readonly anyAnswer?: boolean };
  /** A POST to this path wipes an instance's state (`--reset`); absent when it cannot be wiped. */
  readonly reset?: string;
  /** Starts a fresh instance on 127.0.0.1; throws TargetUnavailableError when it cannot, leaving nothing behind. */
  start(): Promise<I>;
}

/** An emulator of a target, and the services it serves there. */
export interface Part {
  readonly emulator: Emulator;
  readonly serves: readonly ServiceName[];
}

export interface EmulatorTargetSpec {
  readonly name: string;
  /**
   * Started in this order (the target's own emulator first, so that what it lacks is named first), stopped in the
   * reverse order; each service is served by one part. The target offers the services they serve, in this order.
   */
  readonly parts: readonly Part[];
  /** Capabilities besides the services (the parts give those), real-time windows (the options give that) and what `measured` gives. */
  readonly capabilities?: Partial<Omit<Capabilities, 'services' | 'realTimeWindows'>>;
  /**
   * What `npm run bench` measured of it (test-targets/<name>/measured.json, ./measured.ts): its bound for
   * asynchronous effects (`eventualMs`) and how many clauses a run makes at once by default.
   */
  readonly measured?: MeasuredDefaults;
  readonly account?: string;
  /** Generated runs per clause when the user does not say (default 25). */
  readonly defaultRuns?: number;
}

/** How long a health or reset request may take. */
const PROBE_TIMEOUT_MS = 5_000;

/** One line, whatever was thrown. */
export const oneLine = (e: unknown): string => ((e as Error)?.message ?? String(e)).replace(/\s+/g, ' ').trim();

/**
 * Asks an instance its health request, or with `reset` its reset request (an instance that is wiped
 * answers too); throws TargetUnavailableError saying what answered, or why nothing did.
 */
export async function probe(emulator: Emulator, endpoint: string, reset = false): Promise<void> {
  const path = reset ? emulator.reset : emulator.health.path;
  if (path === undefined) throw new TargetUnavailableError(`${emulator.name} cannot be wiped (it has no reset)`);
  const url = `${endpoint}${path}`;
  // A dropped connection is asked again over a few seconds (src/retry.ts): one reset must not end a run at its start.
  const sent = await withRetries(
    () => fetch(url, { method: reset ? 'POST' : 'GET', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }),
    isReset,
    LIVENESS_PAUSES_MS,
  );
  if (!sent.ok) {
    // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, a timeout), unless that is an empty AggregateError.
    const e = sent.error;
    const cause = (e as Error).cause as NodeJS.ErrnoException | undefined;
    throw new TargetUnavailableError(`no ${emulator.name} answering at ${endpoint}: ${(cause && (oneLine(cause) || cause.code)) || oneLine(e)}`);
  }
  const res = sent.value;
  await res.body?.cancel();
  if (!res.ok && (reset || !emulator.health.anyAnswer))
    throw new TargetUnavailableError(`no ${emulator.name} answering at ${endpoint}: HTTP ${res.status} from ${url}`);
}

export class EmulatorTarget extends SdkTarget {
  readonly name: string;
  readonly defaultRuns: number;
  readonly defaultConcurrency: number;
  readonly concurrencyNote?: string;
  readonly capabilities: Capabilities;
  readonly #parts: readonly Part[];
  readonly #options: ExistingInstanceOptions;
  /** The running instance of each part, in the parts' order. */
  #running: Instance[] = [];

  constructor(spec: EmulatorTargetSpec, options: ExistingInstanceOptions = {}) {
    super(spec.account ? { account: spec.account } : {});
    if (options.endpoint && spec.parts.length !== 1)
      throw new Error(`${spec.name}: an endpoint given by the user stands for one emulator, not ${spec.parts.length}`);
    const unknown = spec.parts.flatMap((p) => p.serves).filter((s) => !findService(s));
    if (unknown.length) throw new Error(`${spec.name}: serves ${unknown.join(', ')}, which the service registry does not hold (src/services/)`);
    this.name = spec.name;
    this.defaultRuns = spec.defaultRuns ?? 25;
    this.defaultConcurrency = spec.measured?.concurrency ?? 1;
    if (spec.measured?.unmeasured) this.concurrencyNote = spec.measured.unmeasured;
    this.#parts = spec.parts;
    this.#options = options;
    this.capabilities = httpTargetCapabilities({
      ...spec.capabilities,
      ...(spec.measured ? { eventualMs: spec.measured.eventualMs } : {}),
      services: [...new Set(spec.parts.flatMap((p) => p.serves))],
      realTimeWindows: options.realTimeWindows ?? false,
    });
  }

  /** The running instance of an emulator of this target (its process, its folder, what it offers besides HTTP). */
  protected instanceOf<I extends Instance>(emulator: Emulator<I>): I | undefined {
    return this.#running[this.#parts.findIndex((p) => p.emulator === emulator)] as I | undefined;
  }

  /** The processes this target started, for tests and messages. */
  get pids(): number[] {
    return this.#running.flatMap((i) => (i.pid === undefined ? [] : [i.pid]));
  }

  /** Why it stopped answering, when one of its processes ended by itself. */
  whyStopped(): string | undefined {
    for (const instance of this.#running) {
      const exited = instance.exited?.();
      if (exited) return exited;
    }
    return undefined;
  }

  async start(): Promise<void> {
    const given = this.#options.endpoint?.replace(/\/+$/, '');
    try {
      if (given) {
        // Never started here, so never stopped; wiped only when the user asks for it.
        this.#running = [{ endpoint: given, stop: async () => {} }];
        await probe(this.#parts[0]!.emulator, given, this.#options.reset === true);
      } else {
        for (const { emulator } of this.#parts) {
          this.#running.push(await emulator.start());
          await probe(emulator, this.#running.at(-1)!.endpoint);
        }
      }
    } catch (e) {
      await this.dispose().catch(() => {}); // the reason it could not start is what the user needs
      throw e instanceof TargetUnavailableError ? e : new TargetUnavailableError(oneLine(e));
    }
    this.endpoints = this.#endpoints();
  }

  /** Each service's endpoint is its part's; a service no part serves is never called (capabilities), so it gets the first part's. */
  #endpoints(): Endpoints {
    const of = (service: ServiceName) => {
      const part = this.#parts.findIndex((p) => p.serves.includes(service));
      return this.#running[part === -1 ? 0 : part]!.endpoint;
    };
    return Object.fromEntries(serviceNames().map((s) => [s, of(s)])) as Endpoints;
  }

  /** Stops every instance this target started, the last started first; each is stopped even when another fails to. */
  async dispose(): Promise<void> {
    this.destroyClients();
    const running = this.#running.reverse();
    this.#running = [];
    const failures: unknown[] = [];
    for (const instance of running) await instance.stop().catch((e: unknown) => failures.push(e));
    if (failures.length) throw failures[0];
  }
}
