/**
 * ElasticMQ as a target: SQS only from ElasticMQ (resolved from Maven Central by `npm run provision`,
 * run with the machine's Java), KMS from local-kms, no SNS (the SNS clauses are not observable).
 * Both are started on free 127.0.0.1 ports (ElasticMQ from a config file written per run, since its
 * defaults bind 0.0.0.0:9324) and stopped by their PIDs. ElasticMQ keeps state in memory only, so
 * each run starts fresh.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { freePort } from '../free-port.js';
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
  #proc: ResultPromise | undefined;
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
    const port = await freePort();
    this.#dir = mkdtempSync(join(tmpdir(), 'ssec-elasticmq-'));
    writeFileSync(join(this.#dir, 'elasticmq.conf'), config(port));
    let exited: string | undefined;
    const proc = execa('java', [`-Dconfig.file=${join(this.#dir, 'elasticmq.conf')}`, '-cp', `${join(dirname(jar), '*')}`, 'org.elasticmq.server.Main'], {
      reject: false, forceKillAfterDelay: 5_000, cleanup: true, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', buffer: { stderr: true },
    });
    this.#proc = proc;
    void proc.then((r) => {
      exited = /ENOENT/.test(String(r.code ?? '')) ? 'java not found on PATH (ElasticMQ needs a JDK 17 or newer)' : `exit code ${r.exitCode}: ${String(r.stderr ?? '').trim().split('\n').slice(-2).join(' | ')}`;
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exited) {
        await this.dispose();
        throw new TargetUnavailableError(`ElasticMQ exited before it was ready: ${exited}`);
      }
      try {
        await fetch(endpoint, { signal: AbortSignal.timeout(1_000) }); // any HTTP answer: it listens
        break;
      } catch {
        if (Date.now() > deadline) {
          await this.dispose();
          throw new TargetUnavailableError(`ElasticMQ did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    this.endpoints = { kms: this.#kms.endpoint, sns: endpoint, sqs: endpoint }; // SNS is never called (services)
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    const proc = this.#proc;
    this.#proc = undefined;
    if (proc && proc.exitCode === null) {
      proc.kill('SIGTERM'); // exits 143 after a clean stop
      await proc;
    }
    await this.#kms?.stop();
    this.#kms = undefined;
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
