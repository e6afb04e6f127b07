/** What `run --help`, the README's table of targets and the conformance matrix say of the fauxqs target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    'fauxqs in-process for SNS, SQS and S3 on one port (its inspection API shows messages at rest); KMS from a moto it starts, since fauxqs has none',
  atRest:
    "fauxqs's in-process `inspectQueue` (ready, in-flight and delayed messages, with their attributes); it stores bodies in the clear. Its S3 objects have no inspection (in memory, `S3Store`, s3/s3Store.js: bodies as sent, and no SSE header is read or answered)",
  matrix: { realTimeWindows: true },
};
