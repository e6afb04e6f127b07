import { baselinePath, defineTarget } from '../module.js';
import { emulatorPins } from '../emulators.js';
import { existingInstance, realTimeWindows, z } from '../options.js';
import { MotoTarget } from './moto-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'moto',
  options: z.strictObject({ ...existingInstance, realTimeWindows }),
  create: (o) => new MotoTarget(o),
  baseline: baselinePath('moto'),
  emulators: ['moto'],
  version: emulatorPins().moto!.version,
  about,
});
