/**
 * The reference model as a target: in-process, nothing to start, a virtual clock and at-rest
 * inspection. It must pass every clause; that is how the model itself is checked.
 */
import { createReferenceClients, ReferenceModel, type ModelOptions, type ReferenceClients } from '../../reference/index.js';
import { limitsFrom } from '../../src/services/registry.js';
import type { AtRestMessage, Capabilities, Clients, Target } from '../../src/target.js';
import type { StartModel } from '../../src/recording/check-model.js';

export const REFERENCE_ACCOUNT = '123456789012';

export interface ReferenceTargetOptions extends ModelOptions {
  /** Build the model (tests use this to substitute a deliberately wrong variant). */
  makeModel?: () => ReferenceModel;
  /** Adjusts every set of clients after creation (tests use this to install mutants). */
  decorate?: (c: ReferenceClients) => void;
}

export class ReferenceTarget implements Target {
  readonly name = 'reference';
  readonly defaultRuns = 25;
  /** Every clause reads the model's one clock, and `advanceTime` moves it for all of them: one clause at a time. */
  readonly concurrencyLimit = { max: 1, reason: 'its virtual clock is shared: advanceTime moves it for every clause' };
  readonly capabilities: Capabilities;
  #model: ReferenceModel | undefined;
  readonly #clients = new Map<number, ReferenceClients>();
  readonly #options: ReferenceTargetOptions;

  constructor(options: ReferenceTargetOptions = {}) {
    this.#options = options;
    this.capabilities = {
      services: ['kms', 'sns', 'sqs', 's3'],
      virtualClock: true,
      realTimeWindows: false,
      atRestInspection: true,
      atRestAttributes: true,
      createKeyHonoursInput: true,
      principals: 3,
      // The model's own options for its limits; the AWS values otherwise (src/services/).
      limits: limitsFrom({
        sqs: options.sqsMaxMessageBytes !== undefined ? { maxMessageBytes: options.sqsMaxMessageBytes } : undefined,
        sns: options.snsMaxMessageBytes !== undefined ? { maxMessageBytes: options.snsMaxMessageBytes } : undefined,
      }),
      disposableAccount: true,
      eventualMs: 0,
    };
  }

  get model(): ReferenceModel {
    if (!this.#model) throw new Error('reference target not started');
    return this.#model;
  }

  async start(): Promise<void> {
    this.#model = this.#options.makeModel?.() ?? new ReferenceModel(this.#options);
    this.#clients.clear();
  }

  clients(index = 0): Clients {
    let c = this.#clients.get(index);
    if (!c) {
      const principal = index === 0 ? `arn:aws:iam::${REFERENCE_ACCOUNT}:user/conformance` : `arn:aws:iam::${REFERENCE_ACCOUNT}:role/principal-${index}`;
      c = createReferenceClients({ model: this.model, principal });
      this.#options.decorate?.(c);
      this.#clients.set(index, c);
    }
    return c;
  }

  async advanceTime(ms: number): Promise<void> {
    this.model.clock.advance(ms);
  }

  async inspectQueue(queueUrl: string): Promise<AtRestMessage[]> {
    return this.model.sqs.inspect(queueUrl).map((m) => ({
      messageId: m.messageId,
      sealed: m.encryption === 'sse-kms',
      ...(m.body !== undefined ? { body: m.body } : {}),
      ...(m.messageAttributes ? { messageAttributes: m.messageAttributes } : {}),
    }));
  }

  async dispose(): Promise<void> {
    this.#clients.clear();
    this.#model = undefined;
  }
}

/** The model for `check-model` (src/recording/check-model.ts), started with a recorded target's region and limits. */
export const startModel: StartModel = async (options) => {
  const target = new ReferenceTarget(options);
  await target.start();
  return { target, region: target.model.region };
};
