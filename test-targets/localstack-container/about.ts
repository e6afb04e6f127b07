/** What `run --help`, the README's table of targets and the conformance matrix say of the localstack-container target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    "LocalStack in a container through @testcontainers/localstack (needs Docker or Podman), image of LocalStack's pin in test-targets/emulators.json",
  atRest: "as `localstack`: LocalStack's SQS developer endpoint `/_aws/sqs/messages`",
  notInMatrix: 'no container engine on these machines; the same version and baseline as `localstack`',
};
