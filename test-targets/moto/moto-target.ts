/**
 * moto as a target: spawns its own `moto_server` (or uses `--endpoint URL`) and stops what it
 * started. A moto the user runs is wiped only when they ask for it (`reset`). moto stores KmsMasterKeyId but does not call KMS when messages are
 * sent, received or published, so the clauses about key state on the data path are expected to
 * fail here: the baseline lists them. What a queue holds at rest is read from moto's
 * `/moto-api/data.json`, with the queue of each message taken from what this target's clients sent
 * (./moto-store.ts): bodies and message attributes, stored as sent.
 */
import type { AtRestMessage, Clients } from '../../src/target.js';
import { EmulatorTarget } from '../emulator-target.js';
import type { ExistingInstanceOptions } from '../module.js';
import { SentMessages } from '../sent-messages.js';
import { moto } from './moto-emulator.js';
import { motoData, storedMessages } from './moto-store.js';

export class MotoTarget extends EmulatorTarget {
  readonly #sent = new SentMessages();

  constructor(options: ExistingInstanceOptions = {}) {
    // moto delivers SNS→SQS within the Publish call, so nothing needs waiting for.
    super(
      {
        name: 'moto',
        parts: [{ emulator: moto(), serves: ['kms', 'sns', 'sqs', 's3'] }],
        capabilities: { eventualMs: 0, atRestInspection: true, atRestAttributes: true },
      },
      options,
    );
  }

  protected override decorateClients(c: Clients): void {
    this.#sent.attach(c.sqs);
  }

  /** The stored messages of one queue, in send order: those this target's clients sent there (./moto-store.ts). */
  async inspectQueue(queueUrl: string): Promise<AtRestMessage[]> {
    if (!this.endpoint) throw new Error('moto target not started');
    return storedMessages(await motoData(this.endpoint), this.region, queueUrl, this.#sent);
  }
}
