import { emulatorPins } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { httpUrl, realTimeWindows, z } from '../options.js';
import { LocalstackTarget } from './localstack-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'localstack',
  options: z.strictObject({ endpoint: httpUrl.optional(), realTimeWindows }),
  create: (o) => new LocalstackTarget(o),
  baseline: baselinePath('localstack'),
  emulators: ['localstack'],
  version: emulatorPins().localstack!.version,
  about,
});
