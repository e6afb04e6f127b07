/**
 * ElasticMQ as a target: SQS only from ElasticMQ (resolved from Maven Central by `npm run provision`,
 * run with the machine's Java), KMS from local-kms, no SNS (the SNS clauses are not observable).
 * Both are started on free 127.0.0.1 ports (ElasticMQ from a config file written per run, since its
 * defaults bind 0.0.0.0:9324) and stopped by their PIDs. ElasticMQ keeps state in memory only, so
 * each run starts fresh.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import getPort from 'get-port';
import { LaunchedProcess } from '../launched-process.js';
import { LOCAL_KMS_ACCOUNT, startLocalKms } from '../local-kms/local-kms-target.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';

const READY_TIMEOUT_MS = 60_000;

const config = (port: number) => `include classpath("application.conf")
node-address { protocol = "http", host = "127.0.0.1", port = ${port}, context-path = "" }
rest-sqs { enabled = true, bind-port = ${port}, bind-hostname = "127.0.0.1", sqs-limits = strict }
rest-stats.enabled = false
generate-node-address = false
aws { region = "us-east-1", accountId = "${LOCAL_KMS_ACCOUNT}" }
`;

export class ElasticmqTarget extends SdkTarget {
  readonly name = 'elasticmq';
  readonly defaultRuns = 25;
  readonly capabilities: Capabilities;
  #proc: LaunchedProcess | undefined;
  #dir: string | undefined;
  #kms: { endpoint: string; stop(): Promise<void> } | undefined;

  constructor(options: { realTimeWindows?: boolean } = {}) {
    super({ account: LOCAL_KMS_ACCOUNT });
    this.capabilities = httpTargetCapabilities({ services: ['sqs', 'kms'], eventualMs: 0, realTimeWindows: options.realTimeWindows ?? false });
  }

  async start(): Promise<void> {
    const jar = provisionedBinary('elasticmq');
    if (!jar) throw new TargetUnavailableError(`ElasticMQ is not provisioned: ${provisionHint('elasticmq')}`);
    this.#kms = await startLocalKms();
    const port = await getPort({ host: '127.0.0.1' });
    this.#dir = mkdtempSync(join(tmpdir(), 'ssec-elasticmq-'));
    writeFileSync(join(this.#dir, 'elasticmq.conf'), config(port));
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      this.#proc = await LaunchedProcess.start({
        what: 'ElasticMQ',
        command: 'java',
        hint: 'ElasticMQ needs java on PATH (a JDK 17 or newer)',
        timeoutMs: READY_TIMEOUT_MS,
        args: [`-Dconfig.file=${join(this.#dir, 'elasticmq.conf')}`, '-cp', join(dirname(jar), '*'), 'org.elasticmq.server.Main'],
        // Any answer means it listens; an unsigned GET gets a 4xx, so ask for something every version answers with 2xx.
        ready: { url: `${endpoint}/?Action=ListQueues`, endpoint },
      });
    } catch (e) {
      await this.dispose();
      throw e;
    }
    this.endpoints = { kms: this.#kms.endpoint, sns: endpoint, sqs: endpoint }; // SNS is never called (services)
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    await this.#proc?.stop(); // ElasticMQ exits 143 after a clean stop
    this.#proc = undefined;
    await this.#kms?.stop();
    this.#kms = undefined;
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
