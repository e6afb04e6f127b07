import { emulatorPins } from '../emulators.js';
import { baselinePath, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { ElasticmqTarget } from './elasticmq-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'elasticmq',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new ElasticmqTarget(o),
  baseline: baselinePath('elasticmq'),
  emulators: ['elasticmq', 'local-kms'],
  version: emulatorPins().elasticmq!.version,
  about,
});
