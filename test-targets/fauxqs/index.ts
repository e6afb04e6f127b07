import { emulatorPin } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { FauxqsTarget } from './fauxqs-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'fauxqs',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new FauxqsTarget(o),
  baseline: baselinePath('fauxqs'),
  emulators: ['moto'],
  version: emulatorPin('fauxqs').version,
  about,
});
