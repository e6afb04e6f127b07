/** Public entry of the reference model: `import { createReferenceClients } from 'sse-conformance/reference'`. */
export {
  createReferenceClients,
  attachReferenceModel,
  answerWithModel,
  type AttachOptions,
  type ReferenceClients,
  type ReferenceClientOptions,
} from './sdk/clients.js';
export type { CommandCall, CommandClass } from './sdk/calls.js';
export { ReferenceModel, type ModelOptions } from './model.js';
export { VirtualClock, SECOND, MINUTE, HOUR, DAY } from './clock.js';
export { ModelError } from './errors.js';
export { estimateS3KmsRequests, estimateSnsKmsRequests, estimateSqsKmsRequests, s3BucketKeyMinimum, scheduleBound, SNS_REUSE_PERIOD_SECONDS } from './cost.js';
export { BUCKET_KEY_LIFETIME_SECONDS } from './s3.js';
export type { KmsKey, KeyState, LedgerEntry } from './kms.js';
export type { Queue, SseMode, AtRestMessage } from './sqs.js';
export type { Topic, Delivery } from './sns.js';
export type { Bucket, S3Object, ObjectSeal, SseAlgorithm } from './s3.js';
export type { ModelOutcome } from './windows.js';
