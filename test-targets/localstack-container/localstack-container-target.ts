/**
 * LocalStack in a container, through @testcontainers/localstack 12, imported lazily so that
 * machines without it or without a container engine only lose this target. Its image is LocalStack's
 * pin in test-targets/emulators.json (the version the host-mode `localstack` target runs, so both
 * share its baseline; test-targets/localstack/Dockerfile repeats it for Dependabot). With
 * LOCALSTACK_AUTH_TOKEN set, LOCALSTACK_IMAGE may name a newer (token-only) image. The token is passed to the container and never printed.
 */
import { importOptional } from '../../src/optional-dependency.js';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { pinnedImage } from '../emulators.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';

/** Removes a secret from text that may be shown to a user. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

interface Started {
  getConnectionUri(): string;
  stop(): Promise<unknown>;
}

export class LocalstackContainerTarget extends SdkTarget {
  readonly name = 'localstack-container';
  readonly defaultRuns = 10;
  // SNS→SQS delivery is asynchronous in LocalStack (a thread pool); tens of milliseconds here.
  readonly capabilities: Capabilities = httpTargetCapabilities({ eventualMs: 3_000 });
  #container: Started | undefined;

  constructor() {
    super({ account: '000000000000' });
  }

  image(env: NodeJS.ProcessEnv = process.env): string {
    return env.LOCALSTACK_AUTH_TOKEN && env.LOCALSTACK_IMAGE ? env.LOCALSTACK_IMAGE : pinnedImage('localstack');
  }

  async start(): Promise<void> {
    const token = process.env.LOCALSTACK_AUTH_TOKEN || undefined;
    const image = this.image();
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
      this.#container = await container.start();
    } catch (e) {
      const why = redact((e as Error)?.message ?? String(e), token);
      const hint = /container runtime/i.test(why) ? ' (no Docker or Podman engine is reachable on this machine)' : '';
      throw new TargetUnavailableError(`LocalStack (${image}) could not be started: ${why}${hint}`);
    }
    const uri = this.#container.getConnectionUri();
    this.endpoints = { kms: uri, sns: uri, sqs: uri };
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    await this.#container?.stop();
    this.#container = undefined;
  }
}
