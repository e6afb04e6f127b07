/**
 * A target reached over HTTP with real SDK v3 clients, one per service of the registry (src/services/): every
 * emulator, any endpoint, and a real AWS account. It differs between targets only in endpoints, credentials and
 * capabilities. Clients never retry (`maxAttempts: 1`): retries would hide divergences.
 */
import { clientOf, defaultLimits, serviceNames, services, type Endpoints, type ServiceName } from '../src/services/registry.js';
/** Static credentials (the SDK's default provider chain is used when none are given). */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
import type { Capabilities, Clients, Target } from '../src/target.js';

export type { Endpoints };

/** How long one request may take before it is a timeout (an error verdict), unless a target says otherwise. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * What a target reached over HTTP offers unless it says otherwise (every service of the registry at its AWS limits,
 * no clock, no inspection, a disposable account).
 */
export function httpTargetCapabilities(overrides: Partial<Capabilities> = {}): Capabilities {
  return {
    services: serviceNames(),
    virtualClock: false,
    realTimeWindows: false,
    atRestInspection: false,
    atRestAttributes: false,
    createKeyHonoursInput: true,
    principals: 2,
    limits: defaultLimits(),
    disposableAccount: true,
    eventualMs: 5_000,
    ...overrides,
  };
}

/** The credentials of principal `index` on a target that names none: a distinct access key per principal. */
export const defaultCredentials = (index: number): AwsCredentialIdentity => ({
  accessKeyId: `AKIASSECONFORMANCE${String(index).padStart(2, '0')}`,
  secretAccessKey: 'sse-conformance',
});

export abstract class SdkTarget implements Target {
  abstract readonly name: string;
  abstract readonly defaultRuns: number;
  abstract readonly capabilities: Capabilities;
  readonly region: string;
  readonly account: string;
  #endpoints: Endpoints | undefined;
  readonly #clients = new Map<number, Clients>();

  /** Credentials for principal `index`; undefined uses the SDK's default provider chain. */
  readonly #credentials: ((index: number) => AwsCredentialIdentity | undefined) | undefined;

  readonly #requestTimeoutMs: number;

  constructor(opts: { region?: string; account?: string; credentials?: (index: number) => AwsCredentialIdentity | undefined; requestTimeoutMs?: number } = {}) {
    this.#requestTimeoutMs = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.region = opts.region ?? 'us-east-1';
    this.account = opts.account ?? '123456789012';
    this.#credentials = opts.credentials;
  }

  /** Where the first service it offers answers. */
  get endpoint(): string | undefined {
    return this.#endpoints?.[this.capabilities.services[0] ?? ''];
  }

  protected set endpoints(e: Endpoints) {
    this.#endpoints = e;
    this.#clients.clear();
  }

  abstract start(): Promise<void>;
  abstract dispose(): Promise<void>;

  /** Principal `index` is a distinct access key; emulators treat each as its own requester. */
  clients(index = 0): Clients {
    let c = this.#clients.get(index);
    if (!c) {
      const e = this.#endpoints;
      if (!e) throw new Error(`${this.name} target not started`);
      const credentials = this.#credentials ? this.#credentials(index) : defaultCredentials(index);
      // Every request has a bound: a target that stops answering is an error within it, never a hang.
      // Long-polling receives wait up to 20 s, so the bound is longer than that.
      const requestHandler = { connectionTimeout: 5_000, requestTimeout: this.#requestTimeoutMs, throwOnRequestTimeout: true };
      const base = { region: this.region, maxAttempts: 1, requestHandler, ...(credentials ? { credentials } : {}) };
      // Each with its service's own settings (SQS must talk to the configured endpoint only, never to the host
      // inside a queue URL: docs/architecture.md, "Real accounts: safety first"), then the target's.
      const clients: Record<string, unknown> = { principal: `arn:aws:iam::${this.account}:user/principal-${index}` };
      for (const s of services()) {
        const client = new s.sdk.client({ ...base, endpoint: e[s.name], ...s.clientConfig, ...this.clientConfig(s.name) });
        s.prepareClient?.(client);
        clients[s.name] = client;
      }
      c = clients as Clients;
      this.decorateClients(c);
      this.#clients.set(index, c);
    }
    return c;
  }

  /** Extra settings of a service's clients (an emulator whose SQS speaks only the older query protocol). */
  protected clientConfig(_service: ServiceName): Record<string, unknown> {
    return {};
  }

  /** Hook for targets that need middleware on their clients (tags, request guards). */
  protected decorateClients(_c: Clients): void {}

  protected destroyClients(): void {
    for (const c of this.#clients.values()) for (const s of services()) clientOf(c, s.name)?.destroy();
    this.#clients.clear();
  }
}
