/** The clauses of the moto smoke run (test/targets/smoke.test.ts): one per service and one across SNS and SQS, passes and known deviations both among them. */
export const SMOKE_CLAUSES = [
  'kms.key-state.crypto-refused-by-key-state',
  'sqs.sse-kms.send-fails-when-key-unusable',
  'sqs.transparency.batch-send-and-receive-round-trip',
  'sns.sse.kms-master-key-id-echoed-and-removed',
  'sns-to-sqs.encrypted-topic-delivers-plaintext',
] as const;
