/**
 * A target reached over HTTP with real SDK v3 clients: every emulator, any endpoint, and a real AWS
 * account. It differs between targets only in endpoints, credentials and capabilities. Clients
 * never retry (`maxAttempts: 1`): retries would hide divergences.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';
/** Static credentials (the SDK's default provider chain is used when none are given). */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
import type { Capabilities, Clients, Target } from '../src/target.js';

/** How long one request may take before it is a timeout (an error verdict), unless a target says otherwise. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface Endpoints {
  kms: string;
  sns: string;
  sqs: string;
}

/** What a target reached over HTTP offers unless it says otherwise (no clock, no inspection, a disposable account). */
export function httpTargetCapabilities(overrides: Partial<Capabilities> = {}): Capabilities {
  return {
    services: ['kms', 'sns', 'sqs'],
    virtualClock: false,
    realTimeWindows: false,
    atRestInspection: false,
    atRestAttributes: false,
    createKeyHonoursInput: true,
    principals: 2,
    sqsMaxMessageBytes: 1_048_576,
    snsMaxMessageBytes: 262_144,
    disposableAccount: true,
    eventualMs: 5_000,
    ...overrides,
  };
}

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

  get endpoint(): string | undefined {
    return this.#endpoints?.sqs;
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
      const credentials = this.#credentials
        ? this.#credentials(index)
        : { accessKeyId: `AKIASSECONFORMANCE${String(index).padStart(2, '0')}`, secretAccessKey: 'sse-conformance' };
      // Every request has a bound: a target that stops answering is an error within it, never a hang.
      // Long-polling receives wait up to 20 s, so the bound is longer than that.
      const requestHandler = { connectionTimeout: 5_000, requestTimeout: this.#requestTimeoutMs, throwOnRequestTimeout: true };
      const base = { region: this.region, maxAttempts: 1, requestHandler, ...(credentials ? { credentials } : {}) };
      // SQS must talk to the configured endpoint only, never to the host inside a queue URL (docs/architecture.md, "Real accounts: safety first").
      c = {
        kms: new KMSClient({ ...base, endpoint: e.kms }),
        sns: new SNSClient({ ...base, endpoint: e.sns }),
        sqs: new SQSClient({ ...base, endpoint: e.sqs, useQueueUrlAsEndpoint: false, ...this.sqsConfig() }),
        principal: `arn:aws:iam::${this.account}:user/principal-${index}`,
      };
      this.decorateClients(c);
      this.#clients.set(index, c);
    }
    return c;
  }

  /** Extra SQS client settings (an emulator that speaks only the older query protocol). */
  protected sqsConfig(): Partial<SQSClientConfig> {
    return {};
  }

  /** Hook for targets that need middleware on their clients (tags, request guards). */
  protected decorateClients(_c: Clients): void {}

  protected destroyClients(): void {
    for (const c of this.#clients.values()) {
      c.kms.destroy();
      c.sns.destroy();
      c.sqs.destroy();
    }
    this.#clients.clear();
  }
}
