/**
 * The one shape every system under test has: SDK v3 clients (one set per principal), the
 * capabilities that decide what is observable on it, and a lifecycle. The reference, moto,
 * fauxqs, LocalStack and AWS targets all implement this.
 */
import { findService, fromRegistry, services as registered, type BuiltinClients, type ServiceLimits, type ServiceName } from './services/registry.js';

/** The services are the registry's (src/services/): these types are derived from its entries. */
export type { Endpoints, ServiceLimits, ServiceName } from './services/registry.js';

export interface Capabilities {
  /** The services of the registry the target offers (local-kms: KMS only); clauses that need another are not observable. */
  services: readonly ServiceName[];
  /** Time can be advanced instantly (reference only): reuse windows and deletion waits cost nothing. */
  virtualClock: boolean;
  /** Waiting real time for windows is acceptable on this target (emulators; opt-in on AWS). */
  realTimeWindows: boolean;
  /**
   * Stored message bodies can be read at rest (the reference; fauxqs's inspection API; fakecloud's introspection route;
   * LocalStack's SQS developer endpoint; moto's /moto-api/data.json). Each target's about.ts says through what, or why not.
   */
  atRestInspection: boolean;
  /** At-rest inspection also shows each stored message's attributes (the reference, fauxqs, LocalStack, moto; fakecloud's route shows bodies only). Required alone, it implies atRestInspection. */
  atRestAttributes: boolean;
  /**
   * CreateKey creates the key it is asked for (its Origin, KeySpec, KeyUsage). False on a real account, where the run
   * leases a key of its own pool instead (test-targets/aws/key-pool.ts): clauses about such keys are not observable there.
   */
  createKeyHonoursInput: boolean;
  /** How many distinct principals the target offers clients for. */
  principals: number;
  /**
   * How long an asynchronous effect (SNS→SQS delivery) may take to show on this target, in ms.
   * 0 where it happens within the call (the reference, moto). A check that nothing arrives waits all of it.
   */
  eventualMs: number;
  /**
   * Each service's limits on this target, by service and limit (`limits.sqs.maxMessageBytes`): the registry's
   * entries name them and give their AWS values (src/services/, `limits`).
   */
  limits: ServiceLimits;
  /**
   * The whole account is disposable (reference, emulators). False on a real account, where clauses
   * that touch account-wide resources the run did not create (AWS managed keys) must not run.
   */
  disposableAccount: boolean;
}

/** A requirement a clause places on a target: a boolean capability, or a minimum number of principals. */
export type Requirement =
  | 'virtualClock'
  | 'realTimeWindows'
  | 'atRestInspection'
  | 'atRestAttributes'
  | 'createKeyHonoursInput'
  | 'disposableAccount'
  | { principals: number }
  | { service: ServiceName }
  | 'timeWindows';

/** Each feature tag that needs a service, and the services it needs (a service's own features, and those it is `neededBy`), in registry order. */
const serviceFeatures = fromRegistry(() => {
  const needs = new Map<string, ServiceName[]>();
  for (const e of registered()) for (const f of [...Object.keys(e.features), ...(e.neededBy ?? [])]) needs.set(f, [...(needs.get(f) ?? []), e.name]);
  return needs;
});

/**
 * What a clause needs of a target: its declared requirements, and the services its features name: first those
 * its features name directly (`sqs`), in their order, then those its other features need (`sns-to-sqs`).
 */
export function requirementsOf(clause: { requires?: readonly Requirement[]; features: readonly string[] }): Requirement[] {
  const services = new Set<ServiceName>();
  const needs = serviceFeatures();
  for (const f of clause.features) if (findService(f)) services.add(f);
  for (const f of clause.features) for (const s of needs.get(f) ?? []) services.add(s);
  return [...[...services].map((service) => ({ service })), ...(clause.requires ?? [])];
}

/**
 * A target's SDK clients, one per service it has clients for: typed for the built-in services, beside any
 * registered at run time (src/services/registry.ts `clientOf` reads one by name).
 */
export type Clients = BuiltinClients & {
  /** The principal these clients act as (an IAM ARN). */
  principal: string;
};

/** What at-rest inspection shows of a stored message. */
export interface AtRestMessage {
  messageId?: string;
  /** The body if the target stores it readable; undefined when it is sealed. */
  body?: string;
  /** True when the stored body is sealed under a KMS data key. */
  sealed: boolean;
  messageAttributes?: Record<string, unknown>;
}

export interface Target {
  readonly name: string;
  readonly endpoint?: string;
  /** Generated runs per clause when the user does not say (slow or costly targets run fewer). */
  readonly defaultRuns: number;
  /**
   * How many clauses run at once when the user does not say (default 1). Emulators take theirs from their
   * measurement (test-targets/<name>/measured.json, written by `npm run bench`).
   */
  readonly defaultConcurrency?: number;
  /**
   * Never more clauses at once than `max`, whatever the run asks, and why: state every clause shares (the
   * reference's virtual clock, which advanceTime moves for all; a real account's key pool).
   */
  readonly concurrencyLimit?: {
    readonly max: number;
    readonly reason: string;
    /** Not even a clause that mostly sleeps (a real-time window) runs beside another: the target cannot take two requests at once. */
    readonly alone?: boolean;
  };
  /**
   * Why its default concurrency is what it is, when a run must say so: an emulator never measured runs one clause at
   * a time (test-targets/measured.ts). The CLI prints it when the user does not choose a concurrency.
   */
  readonly concurrencyNote?: string;
  /** The seed the target answers for, when it fixes one (a recording answers the scenarios of its own seed): the run's seed unless the user gives one. */
  readonly fixedSeed?: number;
  readonly capabilities: Capabilities;
  /** Starts or connects; throws TargetUnavailableError with a clear reason when it cannot. */
  start(): Promise<void>;
  /** Clients acting as principal `index` (0 is the default principal). */
  clients(index?: number): Clients;
  /** Virtual clock only. */
  advanceTime?(ms: number): Promise<void>;
  /** At-rest inspection only: the stored messages of a queue, in send order. */
  inspectQueue?(queueUrl: string): Promise<AtRestMessage[]>;
  /** Every resource name starts with this (real accounts: the run's own prefix, checked by the target). */
  readonly namePrefix?: string;
  /** Gives back a key the run obtained (pooled keys on real accounts) instead of scheduling its deletion. */
  releaseKey?(keyId: string): Promise<void>;
  dispose(): Promise<void>;
  /** Why it stopped answering, when it knows (an emulator whose process ended by itself, with its last lines): for the run's message. */
  whyStopped?(): string | undefined;
  /** The target's clock, when it is not the wall clock (the recorded target replays recorded times); sessions time calls and `eventually` by it. */
  now?(): number;
  /** Waits between polls of `eventually` on the target's clock. */
  sleep?(ms: number): Promise<void>;
  /** Runs one scenario of a clause (the recorded target answers it from its recording); the runner calls it around each generated input. */
  scenario?<T>(scenario: ScenarioKey & { prefix: string }, run: () => Promise<T>): Promise<T>;
}

/** What identifies one generated scenario across runs: the clause, its own seed and a stable hash of the generated input. */
export interface ScenarioKey {
  clause: string;
  seed: number;
  inputHash: string;
}

/** The target could not be started or reached: every clause is reported as not observable, never as passed. */
export class TargetUnavailableError extends Error {
  override readonly name = 'TargetUnavailableError';
}

export function meets(target: Target, r: Requirement): boolean {
  if (typeof r === 'object') return 'service' in r ? target.capabilities.services.includes(r.service) : target.capabilities.principals >= r.principals;
  if (r === 'timeWindows') return target.capabilities.virtualClock || target.capabilities.realTimeWindows;
  if (r === 'atRestAttributes') return target.capabilities.atRestInspection && target.capabilities.atRestAttributes;
  return target.capabilities[r] === true;
}

export function describeRequirement(r: Requirement): string {
  if (typeof r === 'object') return 'service' in r ? (findService(r.service)?.title ?? r.service) : `${r.principals} principals`;
  return (
    {
      virtualClock: 'a virtual clock',
      realTimeWindows: 'waiting real time for windows',
      atRestInspection: 'at-rest inspection of stored messages',
      atRestAttributes: 'an at-rest inspection that shows message attributes',
      createKeyHonoursInput: 'a CreateKey that creates the key asked for (Origin, KeySpec, KeyUsage), not a pooled one',
      disposableAccount: 'a disposable account (this clause touches AWS managed keys the run did not create)',
      timeWindows: 'a virtual clock or waiting real time for windows',
    } as const
  )[r];
}

/** How many clauses a run on this target runs at once: what it asks (else the target's default, else 1), within the target's limit. */
export function concurrencyOf(target: Pick<Target, 'defaultConcurrency' | 'concurrencyLimit'>, asked?: number): number {
  const wanted = Math.floor(asked ?? target.defaultConcurrency ?? 1);
  return Math.max(1, Math.min(wanted, target.concurrencyLimit?.max ?? Number.POSITIVE_INFINITY));
}
