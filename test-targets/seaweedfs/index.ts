import { emulatorPin } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { SeaweedfsTarget } from './seaweedfs-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'seaweedfs',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new SeaweedfsTarget(o),
  baseline: baselinePath('seaweedfs'),
  emulators: ['seaweedfs', 'local-kms'],
  version: emulatorPin('seaweedfs').version,
  about,
});
