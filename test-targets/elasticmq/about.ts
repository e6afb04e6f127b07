/** What `run --help`, the README's table of targets and the conformance matrix say of the elasticmq target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'ElasticMQ for SQS (no SNS: those clauses are not observable) with KMS from local-kms, each on a free 127.0.0.1 port, stopped by PID',
  atRest:
    'none: ElasticMQ 1.7.1 lists no messages (its REST statistics server, off here, gives counts per queue only); its optional SQL message storage (`messages-storage`, off here) writes bodies to a JDBC database this target does not read',
  matrix: { realTimeWindows: true },
};
