/**
 * One table from every spelling of a failure to its canonical code, per service (docs/architecture.md,
 * "Errors, once"; specs/facts.md X-1, SNS-10, SQS-11, KMS-3). SNS spells a disabled key `KMSDisabled` on the
 * wire and `KMSDisabledException` in SDK v3; SQS `KmsDisabled` (JSON shape) and
 * `KMS.DisabledException` (query code); KMS `DisabledException`: all are `KMS.Disabled`.
 */
export type Service = 'kms' | 'sns' | 'sqs';

const ROWS: [Service, string, string[]][] = [
  // KMS failures as each service reports them
  ['kms', 'KMS.Disabled', ['DisabledException']],
  ['kms', 'KMS.InvalidState', ['KMSInvalidStateException']],
  ['kms', 'KMS.NotFound', ['NotFoundException']],
  ['kms', 'KMS.AccessDenied', ['AccessDeniedException']],
  ['kms', 'KMS.InvalidKeyUsage', ['InvalidKeyUsageException']],
  ['kms', 'KMS.Throttling', ['ThrottlingException']],
  ['kms', 'KMS.Validation', ['ValidationException']],
  ['kms', 'KMS.InvalidCiphertext', ['InvalidCiphertextException']],
  ['kms', 'KMS.IncorrectKey', ['IncorrectKeyException']],
  ['kms', 'KMS.AlreadyExists', ['AlreadyExistsException']],
  ['kms', 'KMS.InvalidAliasName', ['InvalidAliasNameException']],
  ['kms', 'KMS.NotAuthorized', ['NotAuthorizedException']],
  ['kms', 'KMS.MalformedPolicyDocument', ['MalformedPolicyDocumentException']],
  ['kms', 'KMS.UnsupportedOperation', ['UnsupportedOperationException']],
  ['kms', 'KMS.InvalidGrantToken', ['InvalidGrantTokenException']],
  ['kms', 'KMS.InvalidGrantId', ['InvalidGrantIdException']],
  ['kms', 'KMS.InvalidArn', ['InvalidArnException']],
  ['kms', 'KMS.InvalidMarker', ['InvalidMarkerException']],
  ['kms', 'KMS.LimitExceeded', ['LimitExceededException']],
  ['sns', 'KMS.Disabled', ['KMSDisabledException', 'KMSDisabled']],
  ['sns', 'KMS.InvalidState', ['KMSInvalidStateException', 'KMSInvalidState']],
  ['sns', 'KMS.NotFound', ['KMSNotFoundException', 'KMSNotFound']],
  ['sns', 'KMS.AccessDenied', ['KMSAccessDeniedException', 'KMSAccessDenied']],
  ['sns', 'KMS.OptInRequired', ['KMSOptInRequired']],
  ['sns', 'KMS.Throttling', ['KMSThrottlingException', 'KMSThrottling']],
  ['sqs', 'KMS.Disabled', ['KmsDisabled', 'KMS.DisabledException']],
  ['sqs', 'KMS.InvalidState', ['KmsInvalidState', 'KMS.InvalidStateException']],
  ['sqs', 'KMS.NotFound', ['KmsNotFound', 'KMS.NotFoundException']],
  ['sqs', 'KMS.AccessDenied', ['KmsAccessDenied', 'KMS.AccessDeniedException']],
  ['sqs', 'KMS.OptInRequired', ['KmsOptInRequired', 'KMS.OptInRequired']],
  ['sqs', 'KMS.Throttling', ['KmsThrottled', 'KMS.ThrottlingException']],
  ['sqs', 'KMS.InvalidKeyUsage', ['KmsInvalidKeyUsage', 'KMS.InvalidKeyUsageException']],
  // SQS
  ['sqs', 'InvalidAttributeName', ['InvalidAttributeName']],
  ['sqs', 'InvalidAttributeValue', ['InvalidAttributeValue']],
  ['sqs', 'InvalidParameterValue', ['InvalidParameterValue', 'InvalidParameterValueException']],
  ['sqs', 'MissingParameter', ['MissingParameter']],
  ['sqs', 'InvalidMessageContents', ['InvalidMessageContents']],
  ['sqs', 'QueueNameExists', ['QueueNameExists', 'QueueAlreadyExists']],
  ['sqs', 'QueueDoesNotExist', ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']],
  ['sqs', 'QueueDeletedRecently', ['QueueDeletedRecently', 'AWS.SimpleQueueService.QueueDeletedRecently']],
  ['sqs', 'PurgeQueueInProgress', ['PurgeQueueInProgress', 'AWS.SimpleQueueService.PurgeQueueInProgress']],
  ['sqs', 'EmptyBatchRequest', ['EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest']],
  ['sqs', 'TooManyEntriesInBatchRequest', ['TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest']],
  ['sqs', 'BatchEntryIdsNotDistinct', ['BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct']],
  ['sqs', 'BatchRequestTooLong', ['BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong']],
  ['sqs', 'InvalidBatchEntryId', ['InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId']],
  ['sqs', 'ReceiptHandleIsInvalid', ['ReceiptHandleIsInvalid']],
  ['sqs', 'InvalidSecurity', ['InvalidSecurity']],
  // SNS
  ['sns', 'InvalidParameter', ['InvalidParameterException', 'InvalidParameter']],
  ['sns', 'InvalidParameterValue', ['InvalidParameterValueException', 'ParameterValueInvalid']],
  ['sns', 'NotFound', ['NotFoundException', 'NotFound']],
  ['sns', 'AuthorizationError', ['AuthorizationErrorException', 'AuthorizationError']],
  ['sns', 'InvalidSecurity', ['InvalidSecurityException', 'InvalidSecurity']],
  ['sns', 'EmptyBatchRequest', ['EmptyBatchRequestException', 'EmptyBatchRequest']],
  ['sns', 'TooManyEntriesInBatchRequest', ['TooManyEntriesInBatchRequestException', 'TooManyEntriesInBatchRequest']],
  ['sns', 'BatchEntryIdsNotDistinct', ['BatchEntryIdsNotDistinctException', 'BatchEntryIdsNotDistinct']],
  ['sns', 'BatchRequestTooLong', ['BatchRequestTooLongException', 'BatchRequestTooLong']],
  ['sns', 'InvalidBatchEntryId', ['InvalidBatchEntryIdException', 'InvalidBatchEntryId']],
];

const INDEX = new Map<string, string>();
for (const [service, canonical, spellings] of ROWS) for (const s of spellings) INDEX.set(`${service}:${s}`, canonical);

/** The canonical code for a service's spelling, or undefined when no row maps it. */
export function canonicalCode(service: Service, spelling: string): string | undefined {
  return INDEX.get(`${service}:${spelling}`);
}

/** Every spelling a service uses for a canonical code (all of the service's spellings for `*`). */
export function spellingsOf(service: Service, canonical: string): string[] {
  return ROWS.filter(([s, c]) => s === service && (canonical === '*' || c === canonical)).flatMap(([, , spellings]) => spellings);
}

export const UNMAPPED_PREFIX = 'Unmapped:';
