/** What `run --help`, the README's table of targets and the conformance matrix say of the local-kms target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'local-kms (KMS only; the SNS and SQS clauses are not observable) on a free 127.0.0.1 port through a loopback launcher, stopped by PID',
  atRest: 'none: no SQS',
  matrix: { realTimeWindows: true },
};
