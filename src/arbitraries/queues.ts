/** Generators for queue configuration. */
import fc from 'fast-check';

export type QueueMode = 'none' | 'sse-sqs' | 'sse-kms';
export const QUEUE_MODES: readonly QueueMode[] = ['none', 'sse-sqs', 'sse-kms'];
export const queueModeArb = fc.constantFrom<QueueMode>(...QUEUE_MODES);

/** KmsDataKeyReusePeriodSeconds: the boundaries of 60..86,400 and anything else (SQS-8). */
export const reusePeriodArb = fc.oneof(fc.constantFrom(59, 60, 61, 300, 86_399, 86_400, 86_401), fc.integer({ min: -100, max: 200_000 }));

/**
 * A valid KmsDataKeyReusePeriodSeconds other than its default of 300 (SQS-8): a queue that starts with one shows a
 * target that keeps a stale period, where a queue on the default could not.
 */
export const nonDefaultReusePeriodArb = fc.integer({ min: 60, max: 86_400 }).filter((n) => n !== 300);

/** Strings a user might put into KmsMasterKeyId: real identifier shapes and arbitrary text (SQS-6, SQS-7, SNS-5). */
export const keyIdStringArb = fc.oneof(
  fc.uuid().map((u) => u),
  fc.uuid().map((u) => `arn:aws:kms:us-east-1:123456789012:key/${u}`),
  fc.stringMatching(/^alias\/[A-Za-z0-9_-]{1,20}$/),
  fc.constantFrom('alias/aws/sqs', 'alias/aws/sns', 'testKeyId'),
  fc.stringMatching(/^[A-Za-z0-9:/_-]{1,40}$/),
);
