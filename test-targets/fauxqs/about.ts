/** What `run --help`, the README's table of targets and the conformance matrix say of the fauxqs target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'fauxqs in-process for SNS and SQS (its inspection API shows messages at rest); KMS from a moto it starts, since fauxqs has none',
  atRest: "fauxqs's in-process `inspectQueue` (ready, in-flight and delayed messages, with their attributes); it stores bodies in the clear",
  matrix: { realTimeWindows: true },
};
