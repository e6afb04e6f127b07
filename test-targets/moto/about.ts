/** What `run --help`, the README's table of targets and the conformance matrix say of the moto target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'spawns the provisioned moto_server on a free 127.0.0.1 port and stops it by PID; --endpoint URL uses a running one',
  atRest:
    "`GET /moto-api/data.json` (moto/moto_api/_internal/responses.py): every SQS message moto made, with its attributes but not its queue; a queue's messages are those the target's own clients sent there (their ids, from SendMessage and SendMessageBatch answers), checked against moto's count of the queue, so a queue that also holds SNS deliveries is not observable; its SQS never calls KMS, so bodies are stored as sent",
  matrix: { realTimeWindows: true },
};
