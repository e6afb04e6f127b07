import { baselineOf, defineTarget } from '../module.js';
import { z } from '../options.js';
import { LocalstackContainerTarget } from './localstack-container-target.js';

export const target = defineTarget({
  name: 'localstack-container',
  description: "LocalStack in a container through @testcontainers/localstack (needs Docker or Podman), image of LocalStack's pin in test-targets/emulators.json",
  options: z.strictObject({}),
  create: () => new LocalstackContainerTarget(),
  baseline: baselineOf('localstack'), // the same LocalStack version as the host-mode target
  notInMatrix: 'no container engine on these machines; the same version and baseline as `localstack`',
});
