import { emulatorPin } from '../emulators.js';
import { baselineOf, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { FauxqsTarget } from './fauxqs-target.js';

export const target = defineTarget({
  name: 'fauxqs',
  description: 'fauxqs in-process for SNS and SQS (its inspection API shows messages at rest); KMS from a moto it starts, since fauxqs has none',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new FauxqsTarget(o),
  baseline: baselineOf('fauxqs'),
  emulators: ['moto'],
  version: emulatorPin('fauxqs').version,
  matrix: { realTimeWindows: true },
});
