import { emulatorPins } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { existingInstance, realTimeWindows, z } from '../options.js';
import { FakecloudTarget } from './fakecloud-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'fakecloud',
  options: z.strictObject({ ...existingInstance, realTimeWindows }),
  create: (o) => new FakecloudTarget(o),
  baseline: baselinePath('fakecloud'),
  emulators: ['fakecloud'],
  version: emulatorPins().fakecloud!.version,
  about,
});
