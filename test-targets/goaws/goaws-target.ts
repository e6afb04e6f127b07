/**
 * goaws as a target: SNS and SQS from goaws, KMS from local-kms (goaws has no KMS and never calls
 * one), each started through our loopback launcher (test-targets/<name>/launcher, built by
 * `npm run provision`) on a free 127.0.0.1 port and stopped by its PID. goaws 0.4.5 answers SQS
 * only in the older query protocol (current SDKs speak JSON and get "Bad Request"), so this
 * target's SQS clients use the SDK's query protocol: a deviation users of current SDKs meet first.
 * goaws delivers SNS→SQS within the Publish call.
 */
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import type { SQSClientConfig } from '@aws-sdk/client-sqs';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { LaunchedProcess } from '../launched-process.js';
import { LISTENING, LOCAL_KMS_ACCOUNT, startLocalKms } from '../local-kms/local-kms-target.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';

export class GoawsTarget extends SdkTarget {
  readonly name = 'goaws';
  readonly defaultRuns = 25;
  readonly capabilities: Capabilities;
  #goaws: LaunchedProcess | undefined;
  #kms: { endpoint: string; stop(): Promise<void> } | undefined;

  constructor(options: { realTimeWindows?: boolean } = {}) {
    super({ account: LOCAL_KMS_ACCOUNT });
    this.capabilities = httpTargetCapabilities({ eventualMs: 0, realTimeWindows: options.realTimeWindows ?? false });
  }

  protected override sqsConfig(): Partial<SQSClientConfig> {
    const protocol = new AwsQueryProtocol({
      defaultNamespace: 'com.amazonaws.sqs',
      xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
      version: '2012-11-05',
    });
    return { protocol } as Partial<SQSClientConfig>;
  }

  async start(): Promise<void> {
    const bin = provisionedBinary('goaws');
    if (!bin) throw new TargetUnavailableError(`goaws is not provisioned: ${provisionHint('goaws')}`);
    this.#kms = await startLocalKms();
    try {
      const args = ['-host', '127.0.0.1', '-port', '0', '-account', LOCAL_KMS_ACCOUNT];
      this.#goaws = await LaunchedProcess.start({ what: 'goaws', command: bin, args, hint: provisionHint('goaws'), ready: { line: LISTENING } });
    } catch (e) {
      await this.#kms.stop();
      throw e;
    }
    this.endpoints = { kms: this.#kms.endpoint, sns: this.#goaws.endpoint, sqs: this.#goaws.endpoint };
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    await this.#goaws?.stop();
    await this.#kms?.stop();
    this.#goaws = undefined;
    this.#kms = undefined;
  }
}
