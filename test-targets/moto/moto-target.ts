/**
 * moto as a target: spawns its own `moto_server` (or uses `--endpoint URL`) and stops what it
 * started. A moto the user runs is wiped only when they ask for it (`reset`). moto stores KmsMasterKeyId but does not call KMS when messages are
 * sent, received or published, so the clauses about key state on the data path are expected to
 * fail here: the baseline lists them.
 */
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import type { ExistingInstanceOptions } from '../module.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';
import { MotoServer } from './moto-server.js';

export class MotoTarget extends SdkTarget {
  readonly name = 'moto';
  readonly defaultRuns = 25;
  readonly capabilities: Capabilities;
  readonly #options: ExistingInstanceOptions;
  #server: MotoServer | undefined;

  constructor(options: ExistingInstanceOptions = {}) {
    super();
    this.#options = options;
    // No at-rest inspection: moto's /moto-api/data.json lists stored bodies but not which queue holds each.
    // moto delivers SNS→SQS within the Publish call, so nothing needs waiting for.
    this.capabilities = httpTargetCapabilities({ realTimeWindows: options.realTimeWindows ?? false, eventualMs: 0 });
  }

  async start(): Promise<void> {
    let endpoint = this.#options.endpoint;
    if (!endpoint) {
      this.#server = await MotoServer.start();
      endpoint = this.#server.endpoint;
    }
    try {
      const url = this.#options.reset ? `${endpoint}/moto-api/reset` : `${endpoint}/moto-api/`;
      const res = await fetch(url, { method: this.#options.reset ? 'POST' : 'GET', signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (e) {
      await this.#server?.stop();
      throw new TargetUnavailableError(`no moto answering at ${endpoint}: ${(e as Error).message}`);
    }
    this.endpoints = { kms: endpoint, sns: endpoint, sqs: endpoint };
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    await this.#server?.stop();
    this.#server = undefined;
  }
}
