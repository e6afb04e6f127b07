/**
 * local-kms as a target: KMS only, so the KMS clauses run and every clause that needs SNS or SQS is
 * not observable. Started through our loopback launcher (test-targets/local-kms/launcher, built by
 * `npm run provision`) on a free 127.0.0.1 port, with a fresh LevelDB folder that is removed after,
 * and stopped by its PID. `endpoint` uses a local-kms the user runs instead (never wiped: local-kms
 * has no reset).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { LaunchedProcess } from '../launched-process.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';

export const LOCAL_KMS_ACCOUNT = '000000000000';
/** What our loopback launchers print once they listen. */
export const LISTENING = /listening on (http:\/\/\S+)/;

/** Starts the provisioned local-kms on loopback with a fresh data folder; `stop()` removes the folder too. */
export async function startLocalKms(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const bin = provisionedBinary('local-kms');
  if (!bin) throw new TargetUnavailableError(`local-kms is not provisioned: ${provisionHint('local-kms')}`);
  const data = mkdtempSync(join(tmpdir(), 'ssec-local-kms-'));
  try {
    const args = ['-host', '127.0.0.1', '-port', '0', '-data', data, '-account', LOCAL_KMS_ACCOUNT];
    const proc = await LaunchedProcess.start({ what: 'local-kms', command: bin, args, hint: provisionHint('local-kms'), ready: { line: LISTENING } });
    return {
      endpoint: proc.endpoint,
      stop: async () => {
        await proc.stop();
        rmSync(data, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(data, { recursive: true, force: true });
    throw e;
  }
}

export class LocalKmsTarget extends SdkTarget {
  readonly name = 'local-kms';
  readonly defaultRuns = 25;
  readonly capabilities: Capabilities;
  readonly #endpoint: string | undefined;
  #server: { endpoint: string; stop(): Promise<void> } | undefined;

  constructor(options: { endpoint?: string; realTimeWindows?: boolean } = {}) {
    super({ account: LOCAL_KMS_ACCOUNT });
    this.#endpoint = options.endpoint;
    this.capabilities = httpTargetCapabilities({ services: ['kms'], eventualMs: 0, realTimeWindows: options.realTimeWindows ?? false });
  }

  async start(): Promise<void> {
    let endpoint = this.#endpoint;
    if (!endpoint) {
      this.#server = await startLocalKms();
      endpoint = this.#server.endpoint;
    } else {
      try {
        await fetch(endpoint, { signal: AbortSignal.timeout(5000) });
      } catch (e) {
        throw new TargetUnavailableError(`no local-kms answering at ${endpoint}: ${(e as Error).message}`);
      }
    }
    this.endpoints = { kms: endpoint, sns: endpoint, sqs: endpoint }; // SNS and SQS are never called (services: kms)
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    await this.#server?.stop();
    this.#server = undefined;
  }
}
