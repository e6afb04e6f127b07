import { baselineOf, defineTarget } from '../module.js';
import { z } from '../options.js';
import { LocalstackTarget } from './localstack-target.js';

export const target = defineTarget({
  name: 'localstack',
  description: 'LocalStack through @testcontainers/localstack (needs a container engine)',
  options: z.strictObject({}),
  create: () => new LocalstackTarget(),
  baseline: baselineOf('localstack'),
  notInMatrix: 'no container engine on these machines',
});
