import { emulatorPins } from '../emulators.js';
import { baselineOf, defineTarget } from '../module.js';
import { httpUrl, realTimeWindows, z } from '../options.js';
import { LocalKmsTarget } from './local-kms-target.js';

export const target = defineTarget({
  name: 'local-kms',
  description: 'local-kms (KMS only; the SNS and SQS clauses are not observable) on a free 127.0.0.1 port through a loopback launcher, stopped by PID',
  options: z.strictObject({ endpoint: httpUrl.optional(), realTimeWindows }),
  create: (o) => new LocalKmsTarget(o),
  baseline: baselineOf('local-kms'),
  emulators: ['local-kms'],
  version: emulatorPins()['local-kms']!.version,
  matrix: { realTimeWindows: true },
});
