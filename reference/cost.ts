/**
 * The documented KMS request estimates (SNS-12, SQS-9, S3-17), and the same estimate for a concrete
 * schedule, which the model's ledger must never exceed.
 *
 *   SNS, per topic:  R = B / D × (2 × P)        D fixed at 300 s
 *   SQS, per queue:  R = B / D × (2 × P + C)    D = KmsDataKeyReusePeriodSeconds
 *
 * B is the billing period in seconds, P the publishing/producing principals, C the consuming ones.
 * For a schedule spanning [start, start + B), each principal starts at most ⌈B / D⌉ reuse periods,
 * so ⌈B / D⌉ replaces B / D.
 */
export interface CostInput {
  billingPeriodSeconds: number;
  reusePeriodSeconds: number;
  producers: number;
  consumers?: number;
}

function validate(i: CostInput): void {
  for (const [k, v] of Object.entries(i)) {
    // Stryker disable next-line StringLiteral: MSG
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new RangeError(`${k} must be a non-negative number, got ${v}`);
  }
  // Stryker disable next-line StringLiteral: MSG
  if (i.reusePeriodSeconds <= 0) throw new RangeError('reusePeriodSeconds must be positive');
}

export const SNS_REUSE_PERIOD_SECONDS = 300;

/** SNS-12: estimated KMS requests for one topic over a billing period. */
export function estimateSnsKmsRequests(i: Omit<CostInput, 'reusePeriodSeconds' | 'consumers'> & { reusePeriodSeconds?: number }): number {
  const input = { reusePeriodSeconds: SNS_REUSE_PERIOD_SECONDS, ...i };
  validate(input);
  return (input.billingPeriodSeconds / input.reusePeriodSeconds) * (2 * input.producers);
}

/** SQS-9: estimated KMS requests for one queue over a billing period. */
export function estimateSqsKmsRequests(i: CostInput): number {
  validate(i);
  return (i.billingPeriodSeconds / i.reusePeriodSeconds) * (2 * i.producers + (i.consumers ?? 0));
}

/** Upper bound for a concrete schedule over [start, start + B): the formula with ⌈B / D⌉ periods. */
export function scheduleBound(service: 'sns' | 'sqs', i: CostInput): number {
  validate(i);
  const periods = Math.ceil(i.billingPeriodSeconds / i.reusePeriodSeconds);
  return periods * (2 * i.producers + (service === 'sqs' ? (i.consumers ?? 0) : 0));
}

/**
 * S3-17, without S3 Bucket Keys: S3 calls KMS on every request for an SSE-KMS object, a GenerateDataKey for each
 * write and a Decrypt for each read, so R = W + G.
 */
export function estimateS3KmsRequests(i: { writes: number; reads: number }): number {
  for (const [k, v] of Object.entries(i)) {
    // Stryker disable next-line StringLiteral: MSG
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer, got ${v}`);
  }
  return i.writes + i.reads;
}

/**
 * S3-17, with S3 Bucket Keys: at least one request per requester and bucket key (a bucket and a KMS key), since S3
 * fetches a bucket key at least once per requester. AWS does not say how long a bucket key is kept, so nothing bounds
 * the requests from above but the count without bucket keys.
 */
export function s3BucketKeyMinimum(i: { requesters: number; keys: number }): number {
  return i.requesters * i.keys;
}
