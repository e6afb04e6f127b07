import { emulatorPins } from '../emulators.js';
import { baselineOf, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { ElasticmqTarget } from './elasticmq-target.js';

export const target = defineTarget({
  name: 'elasticmq',
  description: 'ElasticMQ for SQS (no SNS: those clauses are not observable) with KMS from local-kms, each on a free 127.0.0.1 port, stopped by PID',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new ElasticmqTarget(o),
  baseline: baselineOf('elasticmq'),
  emulators: ['elasticmq', 'local-kms'],
  version: emulatorPins().elasticmq!.version,
  matrix: { realTimeWindows: true },
});
