import { baselineOf, defineTarget } from '../module.js';
import { emulatorPins } from '../emulators.js';
import { existingInstance, realTimeWindows, z } from '../options.js';
import { MotoTarget } from './moto-target.js';

export const target = defineTarget({
  name: 'moto',
  description: 'spawns the provisioned moto_server on a free 127.0.0.1 port and stops it by PID; --endpoint URL uses a running one',
  options: z.strictObject({ ...existingInstance, realTimeWindows }),
  create: (o) => new MotoTarget(o),
  baseline: baselineOf('moto'),
  emulators: ['moto'],
  version: emulatorPins().moto!.version,
  matrix: { realTimeWindows: true },
});
