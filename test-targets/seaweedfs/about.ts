/** What `run --help`, the README's table of targets and the conformance matrix say of the seaweedfs target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description:
    "SeaweedFS's S3 gateway (`weed mini`) for S3 only (no SNS or SQS: those clauses are not observable), its SSE-KMS on the keys of a local-kms beside it, each on free 127.0.0.1 ports through a loopback launcher, stopped by PID",
  atRest:
    "none: SeaweedFS has no queues; it keeps an object's bytes in volume files of its data folder and its metadata in its filer (whose HTTP API is on a port the launcher does not print), sealed by its S3 gateway under SSE-S3, SSE-KMS (a data key from the KMS per object, AES-CTR: weed/s3api/s3_sse_kms.go) or SSE-C and in the clear otherwise; the S3 clauses read no store",
  matrix: { realTimeWindows: true },
};
