/**
 * A real AWS account, opt-in only. Before any other call the target asks STS who it is and
 * refuses accounts that are not allow-listed. Every queue, topic and alias carries the run prefix,
 * queues and topics a tag too; requests go only to the configured endpoints; CreateKey leases a
 * key from a small tagged pool and cleanup restores it. Credentials come from the SDK's default
 * provider chain. `endpoint` points every service at a stand-in (the tests use moto).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientOf, resourceKinds, serviceNames } from '../../src/services/registry.js';
import { TargetUnavailableError, type Capabilities, type Clients } from '../../src/target.js';
import { httpTargetCapabilities, SdkTarget, type AwsCredentialIdentity, type Endpoints } from '../sdk-target.js';
import { KeyPool } from './key-pool.js';
import { RunLease } from './run-lease.js';
import { pinUrls, tagCreations } from './safety.js';

export interface AwsTargetOptions {
  /** Account IDs this run may touch; checked with STS before any other call. */
  allowedAccounts: string[];
  region?: string;
  /** A stand-in endpoint for every service (tests); default: the regional AWS endpoints. */
  endpoint?: string;
  /** Static credentials (tests); default: the SDK's default provider chain. */
  credentials?: AwsCredentialIdentity;
  /** Most pooled KMS keys this run may create or use (default 3). */
  poolSize?: number;
  /** Identifies this run in names and tags (default: random). */
  runId?: string;
  /** How long a key lease, and the run's lease (run-lease.ts), last unless renewed, and how long a key's taker waits to read it back (key-pool.ts). */
  leaseMs?: number;
  settleMs?: number;
}

export class AwsTarget extends SdkTarget {
  readonly name = 'aws';
  readonly defaultRuns = 3;
  // SNS→SQS delivery is asynchronous on AWS, and SetQueueAttributes documents that a change can
  // take up to 60 s to propagate: effects are awaited for up to 60 s. CreateKey leases a pooled key
  // (decorateClients) whatever it asks for.
  readonly capabilities: Capabilities = httpTargetCapabilities({ principals: 1, disposableAccount: false, createKeyHonoursInput: false, eventualMs: 60_000 });
  readonly runId: string;
  readonly namePrefix: string;
  readonly #options: AwsTargetOptions;
  #pool: KeyPool | undefined;
  #poolClient: KMSClient | undefined;
  #leaseClient: SQSClient | undefined;
  #runLease: RunLease | undefined;
  #accountId: string | undefined;

  constructor(options: AwsTargetOptions) {
    super({ region: options.region, ...(options.credentials ? { credentials: () => options.credentials } : { credentials: () => undefined }) });
    this.#options = options;
    this.runId = options.runId ?? Math.random().toString(36).slice(2, 8);
    this.namePrefix = `ssec-${this.runId}`;
  }

  get accountId(): string | undefined {
    return this.#accountId;
  }

  get pool(): KeyPool | undefined {
    return this.#pool;
  }

  /** Each service's regional endpoint (`https://sqs.eu-west-1.amazonaws.com`), or the stand-in for all. */
  endpointsFor(region: string): Endpoints {
    const e = this.#options.endpoint;
    return Object.fromEntries(serviceNames().map((s) => [s, e ?? `https://${s}.${region}.amazonaws.com`])) as Endpoints;
  }

  async start(): Promise<void> {
    if (this.#options.allowedAccounts.length === 0) {
      throw new TargetUnavailableError(
        'refusing to run against AWS without an allow-list: pass --allow-account ACCOUNT_ID (or SSE_CONFORMANCE_ALLOWED_ACCOUNTS)',
      );
    }
    const sts = new STSClient({
      region: this.region,
      maxAttempts: 1,
      ...(this.#options.endpoint ? { endpoint: this.#options.endpoint } : {}),
      ...(this.#options.credentials ? { credentials: this.#options.credentials } : {}),
    });
    let account: string | undefined;
    try {
      account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
    } catch (e) {
      throw new TargetUnavailableError(`AWS credentials could not be used (STS GetCallerIdentity failed: ${(e as Error).name}: ${(e as Error).message})`);
    } finally {
      sts.destroy();
    }
    if (!account || !this.#options.allowedAccounts.includes(account)) {
      throw new TargetUnavailableError(
        `refusing to run: these credentials belong to account ${account ?? '(unknown)'}, which is not in the allow-list (${this.#options.allowedAccounts.join(', ')})`,
      );
    }
    this.#accountId = account;
    this.endpoints = this.endpointsFor(this.region);
    // The pool has its own client: the run's clients turn CreateKey into a lease.
    this.#poolClient = new KMSClient({
      region: this.region,
      maxAttempts: 1,
      endpoint: this.endpointsFor(this.region).kms,
      ...(this.#options.credentials ? { credentials: this.#options.credentials } : {}),
    });
    // The run's lease has its own client too, outside the run's safety rules (it names and tags its queue itself).
    this.#leaseClient = new SQSClient({
      region: this.region,
      maxAttempts: 1,
      endpoint: this.endpointsFor(this.region).sqs,
      useQueueUrlAsEndpoint: false,
      ...(this.#options.credentials ? { credentials: this.#options.credentials } : {}),
    });
    this.#runLease = new RunLease(this.#leaseClient, { runId: this.runId, leaseMs: this.#options.leaseMs ?? 15 * 60_000 });
    this.#pool = new KeyPool(this.#poolClient, {
      max: this.#options.poolSize ?? 3,
      account,
      holder: this.runId,
      ...(this.#options.leaseMs !== undefined ? { leaseMs: this.#options.leaseMs } : {}),
      ...(this.#options.settleMs !== undefined ? { settleMs: this.#options.settleMs } : {}),
    });
  }

  protected override decorateClients(c: Clients): void {
    tagCreations(c, this.namePrefix, this.runId);
    pinUrls(c, this.endpointsFor(this.region));
    // CreateKey leases a pooled key instead of creating one (keys cost money and live ≥ 7 days).
    const lease = (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (context.commandName !== 'CreateKeyCommand') return next(args);
      const KeyMetadata = await this.#pool!.lease();
      return { output: { $metadata: { httpStatusCode: 200 }, KeyMetadata }, response: {} };
    };
    c.kms.middlewareStack.add(lease as never, { step: 'initialize', priority: 'high', name: 'sseConformanceKeyPool' });
    // The run's first resource that a sweep finds by its tag (a queue, a topic, a bucket: each kind's create call in the
    // registry) takes the run's lease first: a sweep meanwhile leaves the run's resources alone.
    for (const { service, resource } of resourceKinds()) {
      const client = clientOf(c, service.name) as unknown as { middlewareStack: { add(mw: never, o: object): void } } | undefined;
      if (!resource.realAccount?.guard || !client) continue;
      const live = (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        if (context.commandName === `${resource.create.operation}Command`) await this.#runLease?.ensure();
        return next(args);
      };
      client.middlewareStack.add(live as never, { step: 'initialize', priority: 'high', name: `sseConformanceRunLease-${resource.kind}` });
    }
  }

  /** The run's lease (run-lease.ts): tests stop it to stand for a killed run. */
  get runLease(): RunLease | undefined {
    return this.#runLease;
  }

  async releaseKey(keyId: string): Promise<void> {
    await this.#pool?.release(keyId);
  }

  async dispose(): Promise<void> {
    // Each scenario's cleanup released its keys (or reported the key it could not restore): a lease
    // still held is left to expire, so that no other run gets a key in an unknown state before then.
    this.#pool?.stop();
    // The run is over: what it left behind (listed in its report) is the sweep's from now on.
    await this.#runLease?.end();
    this.destroyClients();
    this.#poolClient?.destroy();
    this.#leaseClient?.destroy();
  }
}
