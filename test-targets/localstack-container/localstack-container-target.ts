/**
 * LocalStack in a container, through @testcontainers/localstack 12, imported lazily so that
 * machines without it or without a container engine only lose this target. Its image is LocalStack's
 * pin in test-targets/emulators.json (the version the host-mode `localstack` target runs, so both
 * share its baseline; test-targets/localstack/Dockerfile repeats it for Dependabot). With
 * LOCALSTACK_AUTH_TOKEN set, LOCALSTACK_IMAGE may name a newer (token-only) image. The token is
 * passed to the container and never printed. What a queue holds at rest is read as the host-mode target
 * reads it (../localstack/localstack-store.ts).
 */
import { importOptional } from '../../src/optional-dependency.js';
import { type AtRestMessage, type Clients, TargetUnavailableError } from '../../src/target.js';
import { type Emulator, EmulatorTarget } from '../emulator-target.js';
import { pinnedImage } from '../emulators.js';
import { localstackStoredMessages } from '../localstack/localstack-store.js';
import { SentMessages } from '../sent-messages.js';
import { measured } from '../measured.js';

/** Removes a secret from text that may be shown to a user. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

/** The image it runs: the pinned one, or with an auth token, LOCALSTACK_IMAGE when it names one. */
export const imageOf = (env: NodeJS.ProcessEnv = process.env): string =>
  env.LOCALSTACK_AUTH_TOKEN && env.LOCALSTACK_IMAGE ? env.LOCALSTACK_IMAGE : pinnedImage('localstack');

const localstackContainer: Emulator = {
  name: 'LocalStack',
  health: { path: '/_localstack/health' },
  async start() {
    const token = process.env.LOCALSTACK_AUTH_TOKEN || undefined;
    const image = imageOf();
    // Both packages are optional dependencies; a missing one is named in one line.
    await importOptional('testcontainers', 'the localstack-container target', () => import('testcontainers'));
    const { LocalstackContainer } = await importOptional(
      '@testcontainers/localstack',
      'the localstack-container target',
      () => import('@testcontainers/localstack'),
    );
    try {
      let container = new LocalstackContainer(image);
      if (token) container = container.withEnvironment({ LOCALSTACK_AUTH_TOKEN: token });
      const started = await container.start();
      return { endpoint: started.getConnectionUri(), stop: async () => void (await started.stop()) };
    } catch (e) {
      const why = redact((e as Error)?.message ?? String(e), token);
      const hint = /container runtime/i.test(why) ? ' (no Docker or Podman engine is reachable on this machine)' : '';
      throw new TargetUnavailableError(`LocalStack (${image}) could not be started: ${why}${hint}`);
    }
  },
};

export class LocalstackContainerTarget extends EmulatorTarget {
  readonly #sent = new SentMessages();

  constructor() {
    // SNS→SQS delivery is asynchronous in LocalStack (a thread pool). No container engine here can measure this
    // target: it takes the measurement of the same LocalStack version in host mode (../localstack/measured.json).
    super({
      name: 'localstack-container',
      account: '000000000000',
      defaultRuns: 10,
      parts: [{ emulator: localstackContainer, serves: ['kms', 'sns', 'sqs'] }],
      capabilities: { atRestInspection: true, atRestAttributes: true },
      measured: measured('localstack', 3_000),
    });
  }

  protected override decorateClients(c: Clients): void {
    this.#sent.attach(c.sqs);
  }

  /** The stored messages of one queue, in send order, from LocalStack's SQS developer endpoint. */
  async inspectQueue(queueUrl: string): Promise<AtRestMessage[]> {
    if (!this.endpoint) throw new Error('LocalStack target not started');
    return localstackStoredMessages(this.endpoint, this.region, queueUrl, this.#sent);
  }
}
