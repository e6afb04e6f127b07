/**
 * moto as a target: spawns its own `moto_server` (or uses `--endpoint URL`) and stops what it
 * started. A moto the user runs is wiped only when they ask for it (`reset`). moto stores KmsMasterKeyId but does not call KMS when messages are
 * sent, received or published, so the clauses about key state on the data path are expected to
 * fail here: the baseline lists them.
 */
import { EmulatorTarget } from '../emulator-target.js';
import type { ExistingInstanceOptions } from '../module.js';
import { moto } from './moto-emulator.js';

export class MotoTarget extends EmulatorTarget {
  constructor(options: ExistingInstanceOptions = {}) {
    // No at-rest inspection: moto's /moto-api/data.json lists stored bodies but not which queue holds each.
    // moto delivers SNS→SQS within the Publish call, so nothing needs waiting for.
    super({ name: 'moto', parts: [{ emulator: moto(), serves: ['kms', 'sns', 'sqs'] }], capabilities: { eventualMs: 0 } }, options);
  }
}
