import { emulatorPins } from '../emulators.js';
import { baselineOf, defineTarget } from '../module.js';
import { existingInstance, realTimeWindows, z } from '../options.js';
import { FakecloudTarget } from './fakecloud-target.js';

export const target = defineTarget({
  name: 'fakecloud',
  description:
    'spawns the provisioned fakecloud (one Rust binary: KMS, SNS and SQS) on a free 127.0.0.1 port and stops it by PID; its introspection API shows messages at rest; --endpoint URL uses a running one',
  options: z.strictObject({ ...existingInstance, realTimeWindows }),
  create: (o) => new FakecloudTarget(o),
  baseline: baselineOf('fakecloud'),
  emulators: ['fakecloud'],
  version: emulatorPins().fakecloud!.version,
  matrix: { realTimeWindows: true },
});
