/**
 * The AWS SDK v3 modules of the services the model answers, looked up by name: the SDK's own exception class for
 * an error name, and the command class for an operation. Shared by the reference model's SDK face,
 * the recorded target (which answers with recorded errors) and check-model (which replays recorded
 * calls), so that all three build the same exceptions and find the same commands.
 */
import * as KMS from '@aws-sdk/client-kms';
import * as S3 from '@aws-sdk/client-s3';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import type { Service } from '../errors.js';

const MODULES: Record<Service, Record<string, unknown>> = { kms: KMS, sns: SNS, sqs: SQS, s3: S3 };
const BASES = { kms: KMS.KMSServiceException, sns: SNS.SNSServiceException, sqs: SQS.SQSServiceException, s3: S3.S3ServiceException } as const;

type ExceptionClass = new (o: Record<string, unknown>) => Error;

/**
 * The SDK's own exception for an error name (`KmsDisabled` → SQS's `KmsDisabled` class), or the
 * service's base exception (`SQSServiceException`) carrying the name and fault for a name the SDK does
 * not model, as the SDK itself does for an unmodelled error.
 */
export function sdkException(
  service: Service,
  name: string,
  message: string,
  $metadata: Record<string, unknown>,
  fault: 'client' | 'server' = 'client',
): Error {
  const Base = BASES[service] as unknown as ExceptionClass;
  const Ctor = MODULES[service][name] as ExceptionClass | undefined;
  return typeof Ctor === 'function' && Ctor.prototype instanceof Base
    ? new Ctor({ $metadata, message })
    : new Base({ name, $fault: fault, $metadata, message });
}

/** The SDK's command class of an operation (`SendMessage` → `SendMessageCommand`), or undefined when the SDK has none. */
export function commandClass(service: Service, operation: string): (new (input: unknown) => object) | undefined {
  return MODULES[service][`${operation}Command`] as (new (input: unknown) => object) | undefined;
}
