/** What `run --help`, the README's table of targets and the conformance matrix say of the localstack target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    'LocalStack without a container: localstack-core in host mode (SQS, SNS, KMS, STS) on a free 127.0.0.1 port, a fresh process per run, stopped by PID; --endpoint URL uses a running one',
  matrix: { realTimeWindows: true },
};
