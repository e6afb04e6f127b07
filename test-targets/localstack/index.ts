import { emulatorPins } from '../emulators.js';
import { baselineOf, defineTarget } from '../module.js';
import { httpUrl, realTimeWindows, z } from '../options.js';
import { LocalstackTarget } from './localstack-target.js';

export const target = defineTarget({
  name: 'localstack',
  description:
    'LocalStack without a container: localstack-core in host mode (SQS, SNS, KMS, STS) on a free 127.0.0.1 port, a fresh process per run, stopped by PID; --endpoint URL uses a running one',
  options: z.strictObject({ endpoint: httpUrl.optional(), realTimeWindows }),
  create: (o) => new LocalstackTarget(o),
  baseline: baselineOf('localstack'),
  emulators: ['localstack'],
  version: emulatorPins().localstack!.version,
  matrix: { realTimeWindows: true },
});
