import { emulatorPins } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { GoawsTarget } from './goaws-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'goaws',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new GoawsTarget(o),
  baseline: baselinePath('goaws'),
  emulators: ['goaws', 'local-kms'],
  version: emulatorPins().goaws!.version,
  about,
});
