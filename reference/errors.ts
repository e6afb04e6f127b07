/**
 * Errors raised by the reference model. Each carries the service's own name for the failure (the
 * SDK v3 exception `name` for that service, or S3's error code), its HTTP status and, for SQS, the legacy query code
 * that SQS sends in `x-amzn-query-error` (specs/facts.md X-1). The SDK face turns a ModelError into the
 * SDK's own exception class of the same name.
 */
export type Service = 'kms' | 'sns' | 'sqs' | 's3';

export class ModelError extends Error {
  override readonly name: string;
  readonly service: Service;
  readonly httpStatus: number;
  readonly fault: 'client' | 'server';
  /** SQS only: the awsQueryCompatible code (e.g. `KMS.DisabledException`). */
  readonly queryCode: string | undefined;

  constructor(service: Service, name: string, message: string, httpStatus = 400) {
    super(message);
    this.name = name;
    this.service = service;
    this.httpStatus = httpStatus;
    this.fault = httpStatus >= 500 ? 'server' : 'client';
    this.queryCode = service === 'sqs' ? (SQS_QUERY_CODES[name] ?? name) : undefined;
  }
}

/** SQS shape name → legacy query code, from the `awsQueryError` traits of the SQS model. */
const SQS_QUERY_CODES: Record<string, string> = {
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  KmsAccessDenied: 'KMS.AccessDeniedException',
  KmsDisabled: 'KMS.DisabledException',
  KmsInvalidKeyUsage: 'KMS.InvalidKeyUsageException',
  KmsInvalidState: 'KMS.InvalidStateException',
  KmsNotFound: 'KMS.NotFoundException',
  KmsOptInRequired: 'KMS.OptInRequired',
  KmsThrottled: 'KMS.ThrottlingException',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

// Stryker disable next-line StringLiteral: EQ-same
export const kmsError = (name: string, message: string, status = 400) => new ModelError('kms', name, message, status);
export const sqsError = (name: string, message: string, status = 400) => new ModelError('sqs', name, message, status);
// Stryker disable next-line StringLiteral: EQ-same
export const snsError = (name: string, message: string, status = 400) => new ModelError('sns', name, message, status);

/**
 * How SQS reports a KMS failure it met while sending or receiving (specs/facts.md SQS-11).
 * Every KMS error outside this table surfaces as KmsAccessDenied, the generic refusal.
 */
const SQS_FROM_KMS: Record<string, string> = {
  DisabledException: 'KmsDisabled',
  KMSInvalidStateException: 'KmsInvalidState',
  NotFoundException: 'KmsNotFound',
  AccessDeniedException: 'KmsAccessDenied',
  InvalidKeyUsageException: 'KmsInvalidKeyUsage',
  // Stryker disable next-line StringLiteral: EQ-unreachable
  ThrottlingException: 'KmsThrottled',
};

export function sqsErrorFromKms(e: ModelError): ModelError {
  // Stryker disable next-line StringLiteral: MC-error
  const name = SQS_FROM_KMS[e.name] ?? 'KmsAccessDenied';
  return sqsError(name, e.message, 400);
}

/** How SNS reports a KMS failure it met while publishing (specs/facts.md SNS-10); SDK v3 names. */
const SNS_FROM_KMS: Record<string, string> = {
  DisabledException: 'KMSDisabledException',
  KMSInvalidStateException: 'KMSInvalidStateException',
  NotFoundException: 'KMSNotFoundException',
  AccessDeniedException: 'KMSAccessDeniedException',
  // Stryker disable next-line StringLiteral: MC-error
  InvalidKeyUsageException: 'KMSInvalidStateException',
  // Stryker disable next-line StringLiteral: EQ-unreachable
  ThrottlingException: 'KMSThrottlingException',
};

export function snsErrorFromKms(e: ModelError): ModelError {
  // Stryker disable next-line StringLiteral: MC-error
  const name = SNS_FROM_KMS[e.name] ?? 'KMSAccessDeniedException';
  return snsError(name, e.message, 400);
}

// Stryker disable next-line StringLiteral: EQ-same
export const s3Error = (name: string, message: string, status = 400) => new ModelError('s3', name, message, status);

/**
 * How S3 reports a KMS failure it met while writing or reading an object (specs/facts.md S3-9): KMS's own exception
 * name behind `KMS.`, HTTP 400; a refusal by the key policy is S3's own `AccessDenied` (403).
 */
export function s3ErrorFromKms(e: ModelError): ModelError {
  if (e.name === 'AccessDeniedException') return s3Error('AccessDenied', 'Access Denied', 403);
  return s3Error(`KMS.${e.name}`, e.message, 400);
}
