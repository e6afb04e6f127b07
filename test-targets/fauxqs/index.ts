import { emulatorPin } from '../emulators.js';
import { baselineOf, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { FauxqsTarget } from './fauxqs-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'fauxqs',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new FauxqsTarget(o),
  baseline: baselineOf('fauxqs'),
  emulators: ['moto'],
  version: emulatorPin('fauxqs').version,
  about,
});
