import { defineTarget } from '../module.js';
import { existingInstance, realTimeWindows, z } from '../options.js';
import { FLOCI_VERSION, FlociTarget } from './floci-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'floci',
  options: z.strictObject({ ...existingInstance, realTimeWindows }),
  create: (o) => new FlociTarget(o),
  version: FLOCI_VERSION,
  about,
});
