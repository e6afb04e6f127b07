import { emulatorPins } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { httpUrl, realTimeWindows, z } from '../options.js';
import { LocalKmsTarget } from './local-kms-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'local-kms',
  options: z.strictObject({ endpoint: httpUrl.optional(), realTimeWindows }),
  create: (o) => new LocalKmsTarget(o),
  baseline: baselinePath('local-kms'),
  emulators: ['local-kms'],
  version: emulatorPins()['local-kms']!.version,
  about,
});
