/**
 * LocalStack without a container: localstack-core 4.14.0 (provisioned into its own Python 3.13
 * virtual environment) in host mode, the runtime its container runs, with SQS, SNS, KMS and STS on
 * a free 127.0.0.1 port (./host-main.py binds loopback only). Each run gets a fresh process and
 * file-system root (LocalStack has no reset), and the process is stopped by its PID. The
 * environment is built from scratch: LocalStack reads any LOCALSTACK_* variable and ~/.localstack,
 * and assumes a container on machines that have /.dockerenv. `endpoint` uses a LocalStack the user
 * runs instead; it is never wiped.
 */
import { execa, type ResultPromise } from 'execa';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { emulatorDir, provisionedBinary, provisionHint } from '../emulators.js';
import { freePort } from '../free-port.js';
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
  #proc: ResultPromise | undefined;
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
    const endpoint = this.#options.endpoint ?? (await this.#spawn());
    const deadline = Date.now() + (this.#options.endpoint ? 5_000 : READY_TIMEOUT_MS);
    let last = '';
    for (;;) {
      if (this.#exited) {
        await this.dispose();
        throw new TargetUnavailableError(`LocalStack exited before it was ready: ${this.#exited}`);
      }
      try {
        const res = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) break;
        last = `HTTP ${res.status}`;
      } catch (e) {
        last = (e as Error).message;
      }
      if (Date.now() > deadline) {
        await this.dispose();
        throw new TargetUnavailableError(`no LocalStack answering at ${endpoint}/_localstack/health: ${last}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    this.endpoints = { kms: endpoint, sns: endpoint, sqs: endpoint };
  }

  #exited: string | undefined;

  async #spawn(): Promise<string> {
    const python = provisionedBinary('localstack');
    if (!python) throw new TargetUnavailableError(`LocalStack is not provisioned: ${provisionHint('localstack')}`);
    const port = await freePort();
    const root = (this.#root = mkdtempSync(join(tmpdir(), 'ssec-localstack-')));
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
    const proc = execa(python, [join(PACKAGE_ROOT, 'test-targets/localstack/host-main.py')], {
      env, extendEnv: false, reject: false, forceKillAfterDelay: 5_000, cleanup: true, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', buffer: { stderr: true },
    });
    this.#proc = proc;
    void proc.then((r) => {
      const tail = String(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
      this.#exited = /ENOENT/.test(String(r.code ?? '')) ? `${python} not found: ${provisionHint('localstack')}` : `exit code ${r.exitCode}${tail ? `: ${tail}` : ''}`;
    });
    return `http://127.0.0.1:${port}`;
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    const proc = this.#proc;
    this.#proc = undefined;
    if (proc && proc.exitCode === null) {
      proc.kill('SIGTERM');
      await proc;
    }
    if (this.#root) rmSync(this.#root, { recursive: true, force: true });
    this.#root = undefined;
  }
}
