/**
 * Amazon SQS in the registry (./define.ts): queues, SQS's error names in both its spellings (the JSON shape
 * name and the query-compatible code), and its JSON 1.0 answers with the legacy code in `x-amzn-query-error`.
 */
import * as SQS from '@aws-sdk/client-sqs';
import { bytes, defineService } from './define.js';

export const sqs = defineService({
  name: 'sqs',
  title: 'Amazon SQS',
  factPrefix: 'SQS',
  sdk: { package: '@aws-sdk/client-sqs', module: SQS, client: SQS.SQSClient, exception: SQS.SQSServiceException },
  // The SDK's SQS client would follow the host inside a queue URL: clients talk to the configured endpoint only
  // (docs/architecture.md, "Real accounts: safety first").
  clientConfig: { useQueueUrlAsEndpoint: false },
  urlInputs: ['QueueUrl'],
  probe: (c) => c.send(new SQS.ListQueuesCommand({})),
  features: { sqs: { description: 'Amazon SQS', area: 'SQS' } },
  neededBy: ['sns-to-sqs'],
  resources: [
    {
      kind: 'queue',
      plural: 'queues',
      create: { operation: 'CreateQueue', name: (input) => input.QueueName, id: (_input, output) => output.QueueUrl },
      learn: [
        {
          operation: 'GetQueueAttributes',
          known: (input) => input.QueueUrl,
          arn: (output) => (output.Attributes as Record<string, unknown> | undefined)?.QueueArn,
        },
      ],
      name: (base, { fifo }) => (fifo ? `${base}.fifo` : base),
      cleanup: { operation: 'DeleteQueue', input: (url) => ({ QueueUrl: url }), gone: (code) => code === 'QueueDoesNotExist' },
      realAccount: {
        guard: (input, run) => {
          if (!String(input.QueueName).startsWith(run.prefix))
            return `refusing to create queue "${input.QueueName}": names must start with the run prefix ${run.prefix}`;
          input.tags = { ...(input.tags as Record<string, string> | undefined), [run.tag.key]: run.tag.value };
          return undefined;
        },
        sweep: async function* (c, find) {
          // SQS pages only when asked for MaxResults (1000 at most).
          for await (const page of SQS.paginateListQueues({ client: c, pageSize: 1000 }, { QueueNamePrefix: find.prefix })) {
            for (const url of page.QueueUrls ?? []) {
              const tags = (await c.send(new SQS.ListQueueTagsCommand({ QueueUrl: url }))).Tags ?? {};
              if (tags[find.tagKey] !== undefined) yield { id: url, tags };
            }
          }
        },
      },
      madeUp: {
        chosenBy: 'client',
        url: (name, at) => `${at.endpoint}/${at.account}/${name}`,
        arn: (name, at) => `arn:aws:sqs:${at.region}:${at.account}:${name}`,
      },
    },
  ],
  targetIds: [
    { fields: ['MessageId'], symbol: 'message', madeUp: { chosenBy: 'target' } },
    { fields: ['ReceiptHandle'], symbol: 'receipt', madeUp: { chosenBy: 'target', plain: (id) => `recorded-receipt-${id}` } },
  ],
  errors: [
    // KMS failures as SQS reports them (specs/facts.md SQS-11)
    ['KMS.Disabled', ['KmsDisabled', 'KMS.DisabledException']],
    ['KMS.InvalidState', ['KmsInvalidState', 'KMS.InvalidStateException']],
    ['KMS.NotFound', ['KmsNotFound', 'KMS.NotFoundException']],
    ['KMS.AccessDenied', ['KmsAccessDenied', 'KMS.AccessDeniedException']],
    ['KMS.OptInRequired', ['KmsOptInRequired', 'KMS.OptInRequired']],
    ['KMS.Throttling', ['KmsThrottled', 'KMS.ThrottlingException']],
    ['KMS.InvalidKeyUsage', ['KmsInvalidKeyUsage', 'KMS.InvalidKeyUsageException']],
    // SQS's own
    ['InvalidAttributeName', ['InvalidAttributeName']],
    ['InvalidAttributeValue', ['InvalidAttributeValue']],
    ['InvalidParameterValue', ['InvalidParameterValue', 'InvalidParameterValueException']],
    ['MissingParameter', ['MissingParameter']],
    ['InvalidMessageContents', ['InvalidMessageContents']],
    ['QueueNameExists', ['QueueNameExists', 'QueueAlreadyExists']],
    ['QueueDoesNotExist', ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']],
    ['QueueDeletedRecently', ['QueueDeletedRecently', 'AWS.SimpleQueueService.QueueDeletedRecently']],
    ['PurgeQueueInProgress', ['PurgeQueueInProgress', 'AWS.SimpleQueueService.PurgeQueueInProgress']],
    ['EmptyBatchRequest', ['EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest']],
    ['TooManyEntriesInBatchRequest', ['TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest']],
    ['BatchEntryIdsNotDistinct', ['BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct']],
    ['BatchRequestTooLong', ['BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong']],
    ['InvalidBatchEntryId', ['InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId']],
    ['ReceiptHandleIsInvalid', ['ReceiptHandleIsInvalid']],
    ['InvalidSecurity', ['InvalidSecurity']],
  ],
  // JSON 1.0, query-compatible: InternalFailure (500), ThrottlingException (400), each with its legacy code in x-amzn-query-error.
  faultAnswer: (fault, message, requestId) => {
    const [status, type] = fault === 'server-error' ? [500, 'InternalFailure'] : [400, 'ThrottlingException'];
    return {
      statusCode: status,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': requestId,
        'x-amzn-query-error': `${type};${status >= 500 ? 'Receiver' : 'Sender'}`,
      },
      body: bytes(JSON.stringify({ __type: type, message })),
    };
  },
  limits: {
    maxMessageBytes: {
      default: 1_048_576,
      description: 'The largest SQS message the target should accept (SQS-17: 1 MiB on AWS since Aug 2025)',
      legacyCapability: 'sqsMaxMessageBytes',
    },
  },
  captures: {
    CreateQueue: [[['QueueUrl'], 'Url']],
    GetQueueUrl: [[['QueueUrl'], 'Url']],
    GetQueueAttributes: [[['Attributes', 'QueueArn'], 'Arn']],
  },
});
