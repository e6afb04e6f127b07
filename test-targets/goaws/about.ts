/** What `run --help`, the README's table of targets and the conformance matrix say of the goaws target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    'goaws for SNS and SQS (SQS in the query protocol, the only one it speaks) with KMS from local-kms, each on a free 127.0.0.1 port through a loopback launcher, stopped by PID',
  atRest:
    "none: goaws 0.4.5 routes only its SQS and SNS actions, `/health` and the SNS certificate (app/router/router.go); its messages live only in the process's memory (gosqs `SyncQueues`)",
  matrix: { realTimeWindows: true },
};
