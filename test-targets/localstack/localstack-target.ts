/**
 * LocalStack without a container: localstack-core 4.14.0 (provisioned into its own Python 3.13
 * virtual environment) in host mode, the runtime its container runs, with SQS, SNS, KMS and STS on
 * a free 127.0.0.1 port (./host-main.py binds loopback only). Each run gets a fresh process and
 * file-system root (LocalStack has no reset), and the process is stopped by its PID. The
 * environment is built from scratch: LocalStack reads any LOCALSTACK_* variable and ~/.localstack,
 * and assumes a container on machines that have /.dockerenv. `endpoint` uses a LocalStack the user
 * runs instead; it is never wiped. What a queue holds at rest is read from LocalStack's SQS developer
 * endpoint (./localstack-store.ts): bodies and message attributes, stored as sent.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { type AtRestMessage, type Clients, TargetUnavailableError } from '../../src/target.js';
import { EmulatorTarget } from '../emulator-target.js';
import { emulatorDir, provisionedBinary, provisionHint } from '../emulators.js';
import { spawnedEmulator } from '../launched-process.js';
import { SentMessages } from '../sent-messages.js';
import { localstackStoredMessages } from './localstack-store.js';
import { measured } from '../measured.js';

const CATALOGUE = 'usr/lib/localstack';

const localstack = spawnedEmulator({
  name: 'LocalStack',
  health: { path: '/_localstack/health' },
  hint: provisionHint('localstack'),
  port: 'free',
  workDir: true, // its file-system root, home, cache
  timeoutMs: 60_000,
  command: ({ port, dir: root }) => {
    const python = provisionedBinary('localstack');
    if (!python) throw new TargetUnavailableError(`LocalStack is not provisioned: ${provisionHint('localstack')}`);
    // The service catalogue `npm run provision` built, so the first requests do not build it (2 s, 350 MB).
    const catalogue = join(emulatorDir('localstack'), 'fs', CATALOGUE);
    mkdirSync(join(root, 'fs', CATALOGUE), { recursive: true });
    for (const f of readdirSync(catalogue)) copyFileSync(join(catalogue, f), join(root, 'fs', CATALOGUE, f));
    const env = {
      PATH: '/usr/bin:/bin',
      HOME: join(root, 'home'),
      XDG_CACHE_HOME: join(root, 'cache'),
      CONFIG_DIR: join(root, 'config'),
      FILESYSTEM_ROOT: join(root, 'fs'),
      OVERRIDE_IN_DOCKER: '0', // this machine has /.dockerenv; LocalStack would bind 0.0.0.0, run DNS and edit resolv.conf
      DNS_ADDRESS: '0',
      GATEWAY_LISTEN: `127.0.0.1:${port}`,
      LOCALSTACK_HOST: `127.0.0.1:${port}`,
      SQS_ENDPOINT_STRATEGY: 'off', // queue URLs http://127.0.0.1:PORT/ACCOUNT/NAME
      SERVICES: 'sqs,sns,kms,sts,s3',
      // Each service loaded at start-up, not on its first request: a lazy load registers the service's operations one by
      // one, and a request that arrives meanwhile (clauses run concurrently) was answered 501 "no handler for operation".
      EAGER_SERVICE_LOADING: '1',
      DISABLE_EVENTS: '1', // no analytics
      SKIP_SSL_CERT_DOWNLOAD: '1',
      SQS_DISABLE_CLOUDWATCH_METRICS: '1',
    };
    return { command: python, args: [join(PACKAGE_ROOT, 'test-targets/localstack/host-main.py')], env };
  },
});

export class LocalstackTarget extends EmulatorTarget {
  readonly #sent = new SentMessages();

  constructor(options: { endpoint?: string; realTimeWindows?: boolean } = {}) {
    // SNS→SQS delivery is asynchronous in LocalStack (a thread pool): its bound is measured (measured.json).
    // One process serves the whole run, and calls take milliseconds: the default 25 runs per clause.
    super(
      {
        name: 'localstack',
        account: '000000000000',
        parts: [{ emulator: localstack, serves: ['kms', 'sns', 'sqs', 's3'] }],
        capabilities: { atRestInspection: true, atRestAttributes: true },
        measured: measured('localstack', 3_000),
      },
      options,
    );
  }

  protected override decorateClients(c: Clients): void {
    this.#sent.attach(c.sqs);
  }

  /** The stored messages of one queue, in send order, from LocalStack's SQS developer endpoint (./localstack-store.ts). */
  async inspectQueue(queueUrl: string): Promise<AtRestMessage[]> {
    if (!this.endpoint) throw new Error('LocalStack target not started');
    return localstackStoredMessages(this.endpoint, this.region, queueUrl, this.#sent);
  }

  get pid(): number | undefined {
    return this.instanceOf(localstack)?.pid;
  }

  /** The process's own folder (file-system root, home, cache), removed by dispose(). */
  get workDir(): string | undefined {
    return this.instanceOf(localstack)?.dir;
  }
}
