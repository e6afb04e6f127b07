import { emulatorPin } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { S3rverTarget } from './s3rver-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 's3rver',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new S3rverTarget(o),
  baseline: baselinePath('s3rver'),
  emulators: ['local-kms'],
  version: emulatorPin('s3rver').version,
  about,
});
