/**
 * Quick clauses for fault runs (test/faults.test.ts, scripts/fault-table.ts): SQS, SNS and KMS, no
 * real-time windows, no 1 MiB bodies, nothing account-wide, and stable verdicts on moto at a few
 * runs. Three are in moto's baseline, so an injected fault has expected failures to hide behind.
 */
export const QUICK_CLAUSES = [
  'sqs.sse-sqs.enabled-by-default',
  'sqs.sse-sqs.set-queue-attributes-turns-on-sse-sqs',
  'sqs.sse-kms.key-id-echoed-verbatim-and-unvalidated',
  'sqs.sse-kms.mutual-exclusion-is-rejected',
  'sqs.sse-kms.empty-key-leaves-queue-unencrypted',
  'sqs.sse-kms.reuse-period-range',
  'sns.sse.kms-master-key-id-echoed-and-removed',
  'kms.aliases.duplicate-alias-refused',
  'kms.key-identifiers.unknown-keys-are-not-found',
] as const;
