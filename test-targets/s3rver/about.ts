/** What `run --help`, the README's table of targets and the conformance matrix say of the s3rver target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    's3rver in-process for S3 only (no SNS or SQS: those clauses are not observable) with KMS from local-kms, each on a free 127.0.0.1 port; local-kms stopped by PID',
  atRest:
    'none: s3rver 3.7.1 has no queues; it stores each object as plain files in its data folder (`<key>._S3rver_object` beside its metadata, lib/stores/filesystem.js), in the clear whatever SSE a request asks for, and the S3 clauses read no store',
  matrix: { realTimeWindows: true },
};
