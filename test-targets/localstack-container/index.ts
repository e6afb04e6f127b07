import { baselinePath, defineTarget } from '../module.js';
import { z } from '../options.js';
import { LocalstackContainerTarget } from './localstack-container-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'localstack-container',
  options: z.strictObject({}),
  create: () => new LocalstackContainerTarget(),
  baseline: baselinePath('localstack'), // the same LocalStack version as the host-mode target
  about,
});
