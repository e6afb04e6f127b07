import { defineTarget, measuredOf } from '../module.js';
import { existingInstance, realTimeWindows, z } from '../options.js';
import { FLOCI_IMAGE, FLOCI_VERSION, FlociTarget } from './floci-target.js';

export const target = defineTarget({
  name: 'floci',
  description: `floci in a container through @floci/testcontainers (needs Docker or Podman), image ${FLOCI_IMAGE}; --endpoint URL uses a floci you run (wiped only with --reset)`,
  options: z.strictObject({ ...existingInstance, realTimeWindows }),
  create: (o) => new FlociTarget(o),
  version: FLOCI_VERSION,
  measured: measuredOf('floci', FLOCI_VERSION),
  notInMatrix: 'no container engine on these machines, so CI cannot run it; measured once outside CI, see its column',
});
