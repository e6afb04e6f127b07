/**
 * LocalStack without a container: localstack-core 4.14.0 (provisioned into its own Python 3.13
 * virtual environment) in host mode, the runtime its container runs, with SQS, SNS, KMS and STS on
 * a free 127.0.0.1 port (./host-main.py binds loopback only). Each run gets a fresh process and
 * file-system root (LocalStack has no reset), and the process is stopped by its PID. The
 * environment is built from scratch: LocalStack reads any LOCALSTACK_* variable and ~/.localstack,
 * and assumes a container on machines that have /.dockerenv. `endpoint` uses a LocalStack the user
 * runs instead; it is never wiped.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { emulatorDir, provisionedBinary, provisionHint } from '../emulators.js';
import getPort from 'get-port';
import { LaunchedProcess } from '../launched-process.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';

const READY_TIMEOUT_MS = 60_000;
const CATALOGUE = 'usr/lib/localstack';

export interface LocalstackTargetOptions {
  endpoint?: string;
  realTimeWindows?: boolean;
}

export class LocalstackTarget extends SdkTarget {
  readonly name = 'localstack';
  readonly defaultRuns = 25; // one process serves the whole run, and calls take milliseconds
  readonly capabilities: Capabilities;
  readonly #options: LocalstackTargetOptions;
  #proc: LaunchedProcess | undefined;
  #root: string | undefined;

  constructor(options: LocalstackTargetOptions = {}) {
    super({ account: '000000000000' });
    this.#options = options;
    // SNS→SQS delivery is asynchronous in LocalStack (a thread pool): about 0.1 s here, so 3 s is ample.
    this.capabilities = httpTargetCapabilities({ eventualMs: 3_000, realTimeWindows: options.realTimeWindows ?? false });
  }

  get pid(): number | undefined {
    return this.#proc?.pid;
  }

  /** The process's own folder (file-system root, home, cache), removed by dispose(). */
  get workDir(): string | undefined {
    return this.#root;
  }

  async start(): Promise<void> {
    const given = this.#options.endpoint;
    if (given) {
      try {
        const res = await fetch(`${given}/_localstack/health`, { signal: AbortSignal.timeout(5_000) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      } catch (e) {
        throw new TargetUnavailableError(`no LocalStack answering at ${given}/_localstack/health: ${(e as Error).message}`);
      }
    }
    const endpoint = given ?? (await this.#spawn());
    this.endpoints = { kms: endpoint, sns: endpoint, sqs: endpoint };
  }

  async #spawn(): Promise<string> {
    const python = provisionedBinary('localstack');
    if (!python) throw new TargetUnavailableError(`LocalStack is not provisioned: ${provisionHint('localstack')}`);
    const port = await getPort({ host: '127.0.0.1' });
    this.#root = mkdtempSync(join(tmpdir(), 'ssec-localstack-'));
    const root = this.#root;
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
      SERVICES: 'sqs,sns,kms,sts',
      DISABLE_EVENTS: '1', // no analytics
      SKIP_SSL_CERT_DOWNLOAD: '1',
      SQS_DISABLE_CLOUDWATCH_METRICS: '1',
    };
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      this.#proc = await LaunchedProcess.start({
        what: 'LocalStack',
        command: python,
        args: [join(PACKAGE_ROOT, 'test-targets/localstack/host-main.py')],
        hint: provisionHint('localstack'),
        env,
        ready: { url: `${endpoint}/_localstack/health`, endpoint },
        timeoutMs: READY_TIMEOUT_MS,
      });
    } catch (e) {
      await this.dispose();
      throw e;
    }
    return endpoint;
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    await this.#proc?.stop();
    this.#proc = undefined;
    if (this.#root) rmSync(this.#root, { recursive: true, force: true });
    this.#root = undefined;
  }
}
