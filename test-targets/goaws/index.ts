import { emulatorPins } from '../emulators.js';
import { baselineOf, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { GoawsTarget } from './goaws-target.js';

export const target = defineTarget({
  name: 'goaws',
  description:
    'goaws for SNS and SQS (SQS in the query protocol, the only one it speaks) with KMS from local-kms, each on a free 127.0.0.1 port through a loopback launcher, stopped by PID',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new GoawsTarget(o),
  baseline: baselineOf('goaws'),
  emulators: ['goaws', 'local-kms'],
  version: emulatorPins().goaws!.version,
  matrix: { realTimeWindows: true },
});
