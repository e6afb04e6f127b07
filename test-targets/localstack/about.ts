/** What `run --help`, the README's table of targets and the conformance matrix say of the localstack target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    'LocalStack without a container: localstack-core in host mode (SQS, SNS, KMS, STS, S3) on a free 127.0.0.1 port, a fresh process per run, stopped by PID; --endpoint URL uses a running one',
  atRest:
    "LocalStack's SQS developer endpoint, `GET /_aws/sqs/messages/<region>/<account>/<queue>?ShowInvisible=true&ShowDelayed=true` (localstack/services/sqs/developer_api.py): every message a queue holds, in flight and delayed ones too, with its attributes, without side effects; its SQS never calls KMS, so bodies are stored as sent",
  matrix: { realTimeWindows: true },
};
