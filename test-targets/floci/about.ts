/** What `run --help`, the README's table of targets and the conformance matrix say of the floci target (kept apart from how it is built: ./index.ts). */
import { measuredPath, type TargetAbout } from '../module.js';
import { FLOCI_IMAGE, FLOCI_VERSION } from './floci-target.js';

export const about: TargetAbout = {
  description: `floci in a container through @floci/testcontainers (needs Docker or Podman), image ${FLOCI_IMAGE}; --endpoint URL uses a floci you run (wiped only with --reset)`,
  atRest:
    "floci's SQS inspection endpoint, `GET /_aws/sqs/messages?QueueUrl=…` (floci 1.7.0, SqsInspectionController.java): every message a queue holds, visible, in flight and delayed, with its attributes, without receiving it; its SQS never calls KMS, so bodies are stored as sent",
  notInMatrix: 'no container engine on these machines, so CI cannot run it; measured once outside CI, see its column',
  measured: measuredPath('floci', FLOCI_VERSION),
};
