/**
 * moto as a target: spawns its own `moto_server` (or uses `--endpoint URL`), resets it at start,
 * and stops what it started. moto stores KmsMasterKeyId but does not call KMS when messages are
 * sent, received or published, so the clauses about key state on the data path are expected to
 * fail here: the baseline lists them.
 */
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';
import { MotoServer } from './moto-server.js';

export interface MotoTargetOptions {
  /** Use a moto that is already running instead of starting one. */
  endpoint?: string;
  /** Allow clauses that wait real time for data-key reuse windows (about 2 minutes). Default: off. */
  realTimeWindows?: boolean;
}

export class MotoTarget extends SdkTarget {
  readonly name = 'moto';
  readonly defaultRuns = 25;
  readonly capabilities: Capabilities;
  readonly #options: MotoTargetOptions;
  #server: MotoServer | undefined;

  constructor(options: MotoTargetOptions = {}) {
    super();
    this.#options = options;
    // No at-rest inspection: moto 5.2.1's /moto-api/data.json lists stored bodies but not which queue holds each.
    this.capabilities = httpTargetCapabilities({ realTimeWindows: options.realTimeWindows ?? false });
  }

  async start(): Promise<void> {
    let endpoint = this.#options.endpoint;
    if (!endpoint) {
      this.#server = await MotoServer.start();
      endpoint = this.#server.endpoint;
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(5000) });
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
