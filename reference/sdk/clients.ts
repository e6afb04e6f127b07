/**
 * Real SDK v3 clients answered by the reference model inside their middleware stacks: no HTTP,
 * the SDK's own output shapes, the SDK's own exception classes, and the SDK's own response checks
 * (the SQS MD5 validation in the initialize step still wraps the model's answer).
 */
import * as KMS from '@aws-sdk/client-kms';
import * as S3 from '@aws-sdk/client-s3';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import type { VirtualClock } from '../clock.js';
import { ModelError, type Service } from '../errors.js';
import { ReferenceModel, type ModelOptions } from '../model.js';
import type { CommandCall } from './calls.js';
import { HANDLERS } from './handlers.js';
import { sdkException } from './sdk-modules.js';

export interface ReferenceClientOptions extends ModelOptions {
  /** Share one model between several sets of clients (e.g. one per principal). */
  model?: ReferenceModel;
  /** Account of the default principal (default 123456789012). */
  accountId?: string;
  /** Calling principal: an IAM ARN (default `arn:aws:iam::<accountId>:user/reference-user`). */
  principal?: string;
}

export interface ReferenceClients {
  kms: KMS.KMSClient;
  sns: SNS.SNSClient;
  sqs: SQS.SQSClient;
  s3: S3.S3Client;
  clock: VirtualClock;
  model: ReferenceModel;
  principal: string;
}

const MIDDLEWARE_NAME = 'sseConformanceReferenceModel';

export function createReferenceClients(options: ReferenceClientOptions = {}): ReferenceClients {
  const model = options.model ?? new ReferenceModel(options);
  const accountId = options.accountId ?? '123456789012';
  const principal = options.principal ?? `arn:aws:iam::${accountId}:user/reference-user`;
  const config = {
    region: model.region,
    credentials: { accessKeyId: 'AKIAREFERENCEMODEL00', secretAccessKey: 'reference-model-has-no-secrets' },
    maxAttempts: 1,
  };
  const kms = new KMS.KMSClient(config);
  const sns = new SNS.SNSClient(config);
  const sqs = new SQS.SQSClient(config);
  answerWithModel(kms, 'kms', model, principal);
  answerWithModel(sns, 'sns', model, principal);
  answerWithModel(sqs, 'sqs', model, principal);
  // Path-style, as the targets' S3 clients address buckets (src/services/s3.ts).
  const s3 = new S3.S3Client({ ...config, forcePathStyle: true });
  answerWithModel(s3, 's3', model, principal);
  return { kms, sns, sqs, s3, clock: model.clock, model, principal };
}

interface StackClient {
  middlewareStack: { add: (mw: never, opts: { step: 'serialize'; priority: 'high'; name: string; override: boolean }) => void };
  config?: { serviceId?: string };
}

export interface AttachOptions {
  /** The model that answers (share it between clients; default: a new one, returned). */
  model?: ReferenceModel;
  /** The calling principal, an IAM ARN (default `arn:aws:iam::123456789012:user/reference-user`). */
  principal?: string;
}

const SERVICE_IDS: Record<string, Service> = { KMS: 'kms', SNS: 'sns', SQS: 'sqs', S3: 's3' };

/**
 * Makes SDK v3 clients the application builds itself (`new SQSClient({...})`, with whatever region,
 * endpoint or credentials it configures) answer from the reference model instead of AWS: nothing is
 * sent, the SDK's own output shapes and exception classes come back. The service is read from each
 * client; a client of another service is refused. Returns the model, which records every call
 * (`model.calls`, `model.commandCalls(SendMessageCommand)`).
 */
export function attachReferenceModel(clients: StackClient | readonly StackClient[], options: AttachOptions = {}): ReferenceModel {
  const model = options.model ?? new ReferenceModel();
  const principal = options.principal ?? 'arn:aws:iam::123456789012:user/reference-user';
  for (const client of Array.isArray(clients) ? clients : [clients as StackClient]) {
    const service = SERVICE_IDS[client.config?.serviceId ?? ''];
    if (!service)
      throw new TypeError(`attachReferenceModel: the reference model answers KMS, SNS, SQS and S3 clients, not ${client.config?.serviceId ?? 'this object'}`);
    answerWithModel(client, service, model, principal);
  }
  return model;
}

let requestCounter = 0;

/** Installs the middleware that answers every command of `client` from the model (attachReferenceModel names the service itself). */
export function answerWithModel(client: StackClient, service: Service, model: ReferenceModel, principal: string): void {
  const handlers = HANDLERS[service];
  const middleware = (_next: unknown, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
    const op = (context.commandName ?? '').replace(/Command$/, '');
    const $metadata = { httpStatusCode: 200, requestId: `ref-${(++requestCounter).toString(16).padStart(8, '0')}`, attempts: 1, totalRetryDelay: 0 };
    const handler = handlers[op];
    const input = (args.input ?? {}) as Record<string, unknown>;
    const call: CommandCall = { at: model.clock.now(), service, operation: op, principal, input, ok: true };
    model.calls.push(call);
    try {
      if (!handler)
        throw new ModelError(
          service,
          'NotImplementedByReferenceModel',
          `The reference model does not implement ${service.toUpperCase()} ${op || context.commandName}.`,
          501,
        );
      const output = handler(model, { caller: principal }, input as never);
      call.output = output as Record<string, unknown>;
      return { output: { $metadata, ...output }, response: {} };
    } catch (e) {
      call.ok = false;
      call.error = e instanceof Error ? e.name : String(e);
      if (e instanceof ModelError) throw sdkError(service, e, { ...$metadata, httpStatusCode: e.httpStatus });
      throw e;
    }
  };
  client.middlewareStack.add(middleware as never, { step: 'serialize', priority: 'high', name: MIDDLEWARE_NAME, override: true });
}

/** The SDK's own exception class for the error's name, or the service's base exception for unmodelled names. */
function sdkError(service: Service, e: ModelError, $metadata: Record<string, unknown>): Error {
  const err = sdkException(service, e.name, e.message, $metadata, e.fault);
  if (service === 'sqs') {
    // As the SDK decorates awsQueryCompatible errors: the legacy code in Code / Error.Code.
    Object.assign(err, { Code: e.queryCode, Type: 'Sender', Error: { Code: e.queryCode, Type: 'Sender', Message: e.message } });
  }
  return err;
}
