/**
 * floci (Java/Quarkus, MIT) as a target: in a container through @floci/testcontainers, imported
 * lazily so that machines without a container engine only lose this target, with the image pinned
 * to the version measured in docs/measured/; or, with `--endpoint URL`, a floci the user runs
 * (checked through its `/_floci/health`, wiped through `/_floci/state/reset` only with `--reset`).
 * floci answers for account 000000000000 whatever the access key (unless the key is 12 digits).
 */
import { createRequire } from 'node:module';
import { importOptional } from '../../src/optional-dependency.js';
import { TargetUnavailableError, type Capabilities } from '../../src/target.js';
import { emulatorPin, pinnedImage } from '../emulators.js';
import type { ExistingInstanceOptions } from '../module.js';
import { httpTargetCapabilities, SdkTarget } from '../sdk-target.js';

/** The floci version this project pins (test-targets/emulators.json): the image tag, and the version measured in docs/measured/. */
export const FLOCI_VERSION = emulatorPin('floci').version;
export const FLOCI_IMAGE = pinnedImage('floci');

interface Started {
  getEndpoint(): string;
  stop(): Promise<unknown>;
}

/** One line, whatever the library threw. */
const oneLine = (e: unknown) => ((e as Error)?.message ?? String(e)).replace(/\s+/g, ' ').trim();

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

export class FlociTarget extends SdkTarget {
  readonly name = 'floci';
  readonly defaultRuns = 10;
  readonly capabilities: Capabilities;
  readonly #options: ExistingInstanceOptions;
  #container: Started | undefined;

  constructor(options: ExistingInstanceOptions = {}) {
    super({ account: '000000000000' });
    this.#options = options;
    this.capabilities = httpTargetCapabilities({ realTimeWindows: options.realTimeWindows ?? false, eventualMs: 3_000 });
  }

  async start(): Promise<void> {
    let endpoint = this.#options.endpoint?.replace(/\/$/, '');
    if (!endpoint) {
      const { FlociContainer } = await importOptional('@floci/testcontainers', 'the floci target', () => import('@floci/testcontainers'));
      try {
        this.#container = await new FlociContainer(FLOCI_IMAGE).start();
      } catch (e) {
        const why = oneLine(e);
        const hint = /container runtime/i.test(why) ? ' (no Docker or Podman engine is reachable on this machine)' : '';
        throw new TargetUnavailableError(`floci (${FLOCI_IMAGE}) could not be started: ${why}${hint}`);
      }
      endpoint = this.#container.getEndpoint().replace(/\/$/, '');
    }
    try {
      const url = this.#options.reset ? `${endpoint}/_floci/state/reset` : `${endpoint}/_floci/health`;
      const res = await fetch(url, { method: this.#options.reset ? 'POST' : 'GET', signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
    } catch (e) {
      await this.dispose();
      throw new TargetUnavailableError(`no floci answering at ${endpoint}: ${oneLine((e as Error).cause ?? e)}`);
    }
    this.endpoints = { kms: endpoint, sns: endpoint, sqs: endpoint };
  }

  async dispose(): Promise<void> {
    this.destroyClients();
    await this.#container?.stop();
    this.#container = undefined;
  }
}
