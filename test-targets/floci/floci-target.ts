/**
 * floci (Java/Quarkus, MIT) as a target: in a container through @floci/testcontainers, imported
 * lazily so that machines without a container engine only lose this target, with the image pinned
 * to the version measured in docs/measured/; or, with `--endpoint URL`, a floci the user runs
 * (checked through its `/_floci/health`, wiped through `/_floci/state/reset` only with `--reset`).
 * floci answers for account 000000000000 whatever the access key (unless the key is 12 digits).
 */
import { createRequire } from 'node:module';
import { importOptional } from '../../src/optional-dependency.js';
import { type AtRestMessage, type Clients, TargetUnavailableError } from '../../src/target.js';
import { type Emulator, EmulatorTarget, oneLine } from '../emulator-target.js';
import { emulatorPin, pinnedImage } from '../emulators.js';
import type { ExistingInstanceOptions } from '../module.js';
import { SentMessages } from '../sent-messages.js';
import { flociStoredMessages } from './floci-store.js';

/** The floci version this project pins (test-targets/emulators.json): the image tag, and the version measured in docs/measured/. */
export const FLOCI_VERSION = emulatorPin('floci').version;
export const FLOCI_IMAGE = pinnedImage('floci');

/**
 * Why no container engine is reachable, or undefined when one is: asked as the floci container's start
 * asks first, through the `testcontainers` that @floci/testcontainers itself loads (its own 10.x, not
 * this package's 12), whose `getContainerRuntimeClient` tries each runtime strategy (Docker, Podman).
 */
export async function containerEngineProblem(): Promise<string | undefined> {
  const fromFloci = createRequire(createRequire(import.meta.url).resolve('@floci/testcontainers'));
  const testcontainers = fromFloci('testcontainers') as { getContainerRuntimeClient(): Promise<unknown> };
  try {
    await testcontainers.getContainerRuntimeClient();
    return undefined;
  } catch (e) {
    return oneLine(e);
  }
}

const floci: Emulator = {
  name: 'floci',
  health: { path: '/_floci/health' },
  reset: '/_floci/state/reset',
  async start() {
    const { FlociContainer } = await importOptional('@floci/testcontainers', 'the floci target', () => import('@floci/testcontainers'));
    try {
      const container = await new FlociContainer(FLOCI_IMAGE).start();
      return { endpoint: container.getEndpoint().replace(/\/$/, ''), stop: async () => void (await container.stop()) };
    } catch (e) {
      const why = oneLine(e);
      const hint = /container runtime/i.test(why) ? ' (no Docker or Podman engine is reachable on this machine)' : '';
      throw new TargetUnavailableError(`floci (${FLOCI_IMAGE}) could not be started: ${why}${hint}`);
    }
  },
};

export class FlociTarget extends EmulatorTarget {
  readonly #sent = new SentMessages();

  constructor(options: ExistingInstanceOptions = {}) {
    super(
      {
        name: 'floci',
        account: '000000000000',
        defaultRuns: 10,
        parts: [{ emulator: floci, serves: ['kms', 'sns', 'sqs', 's3'] }],
        // Not measured: no container engine on these machines runs it (npm run bench measures what it can start).
        capabilities: { eventualMs: 3_000, atRestInspection: true, atRestAttributes: true },
      },
      options,
    );
  }

  protected override decorateClients(c: Clients): void {
    this.#sent.attach(c.sqs);
  }

  /** The stored messages of one queue, in send order, from floci's SQS inspection endpoint (./floci-store.ts). */
  async inspectQueue(queueUrl: string): Promise<AtRestMessage[]> {
    if (!this.endpoint) throw new Error('floci target not started');
    return flociStoredMessages(this.endpoint, queueUrl, this.#sent);
  }
}
