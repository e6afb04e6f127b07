/** What `run --help`, the README's table of targets and the conformance matrix say of the fakecloud target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    'spawns the provisioned fakecloud (one Rust binary: KMS, SNS, SQS and S3) on a free 127.0.0.1 port and stops it by PID; its introspection API shows messages at rest; --endpoint URL uses a running one',
  atRest:
    "`GET /_fakecloud/sqs/messages` (fakecloud's introspection route): every queue's stored bodies, without message attributes; a sealed body is fakecloud's KMS envelope",
  matrix: { realTimeWindows: true },
};
