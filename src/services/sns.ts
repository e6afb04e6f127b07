/**
 * Amazon SNS in the registry (./define.ts): topics and subscriptions, SNS's error names (SDK v3 and wire), and
 * the XML query protocol's spelling of a 500 or throttling.
 */
import * as SNS from '@aws-sdk/client-sns';
import { bytes, defineService, type ReplayPlace } from './define.js';

const subscriptionArn = (id: string, at: ReplayPlace) => `arn:aws:sns:${at.region}:${at.account}:recorded-subscription:${id}`;

export const sns = defineService({
  name: 'sns',
  title: 'Amazon SNS',
  factPrefix: 'SNS',
  sdk: { package: '@aws-sdk/client-sns', module: SNS, client: SNS.SNSClient, exception: SNS.SNSServiceException },
  probe: (c) => c.send(new SNS.ListTopicsCommand({})),
  features: {
    sns: { description: 'Amazon SNS', area: 'SNS' },
    'sns-to-sqs': { description: 'SNS delivery into SQS queues, encrypted or not', area: 'SNS→SQS' },
  },
  resources: [
    {
      kind: 'topic',
      plural: 'topics',
      create: { operation: 'CreateTopic', name: (input) => input.Name, id: (_input, output) => output.TopicArn },
      name: (base, { fifo }) => (fifo ? `${base}.fifo` : base),
      cleanup: { operation: 'DeleteTopic', input: (arn) => ({ TopicArn: arn }), gone: (code) => code === 'NotFound' },
      realAccount: {
        guard: (input, run) => {
          if (!String(input.Name).startsWith(run.prefix)) return `refusing to create topic "${input.Name}": names must start with the run prefix ${run.prefix}`;
          input.Tags = [...((input.Tags as unknown[] | undefined) ?? []), { Key: run.tag.key, Value: run.tag.value }];
          return undefined;
        },
        sweep: async function* (c, find) {
          for await (const page of SNS.paginateListTopics({ client: c }, {})) {
            for (const t of page.Topics ?? []) {
              if (!t.TopicArn!.split(':').pop()!.startsWith(find.prefix)) continue;
              const tags = (await c.send(new SNS.ListTagsForResourceCommand({ ResourceArn: t.TopicArn }))).Tags ?? [];
              if (tags.some((x) => x.Key === find.tagKey)) yield { id: t.TopicArn!, tags: Object.fromEntries(tags.map((x) => [x.Key!, x.Value ?? ''])) };
            }
          }
        },
      },
      madeUp: { chosenBy: 'client', arn: (name, at) => `arn:aws:sns:${at.region}:${at.account}:${name}` },
    },
    {
      // Deleted with its topic: nothing of its own to clean up.
      kind: 'sub',
      plural: 'subscriptions',
      create: { operation: 'Subscribe', id: (_input, output) => output.SubscriptionArn },
      madeUp: { chosenBy: 'target', plain: subscriptionArn, arn: subscriptionArn },
    },
  ],
  targetIds: [{ fields: ['MessageId'], symbol: 'message', madeUp: { chosenBy: 'target' } }],
  errors: [
    // KMS failures as SNS reports them (specs/facts.md SNS-10): SDK v3 names and wire codes
    ['KMS.Disabled', ['KMSDisabledException', 'KMSDisabled']],
    ['KMS.InvalidState', ['KMSInvalidStateException', 'KMSInvalidState']],
    ['KMS.NotFound', ['KMSNotFoundException', 'KMSNotFound']],
    ['KMS.AccessDenied', ['KMSAccessDeniedException', 'KMSAccessDenied']],
    ['KMS.OptInRequired', ['KMSOptInRequired']],
    ['KMS.Throttling', ['KMSThrottlingException', 'KMSThrottling']],
    // SNS's own
    ['InvalidParameter', ['InvalidParameterException', 'InvalidParameter']],
    ['InvalidParameterValue', ['InvalidParameterValueException', 'ParameterValueInvalid']],
    ['NotFound', ['NotFoundException', 'NotFound']],
    ['AuthorizationError', ['AuthorizationErrorException', 'AuthorizationError']],
    ['InvalidSecurity', ['InvalidSecurityException', 'InvalidSecurity']],
    ['EmptyBatchRequest', ['EmptyBatchRequestException', 'EmptyBatchRequest']],
    ['TooManyEntriesInBatchRequest', ['TooManyEntriesInBatchRequestException', 'TooManyEntriesInBatchRequest']],
    ['BatchEntryIdsNotDistinct', ['BatchEntryIdsNotDistinctException', 'BatchEntryIdsNotDistinct']],
    ['BatchRequestTooLong', ['BatchRequestTooLongException', 'BatchRequestTooLong']],
    ['InvalidBatchEntryId', ['InvalidBatchEntryIdException', 'InvalidBatchEntryId']],
  ],
  // The XML query protocol: InternalError (500, Receiver), Throttled (429, Sender).
  faultAnswer: (fault, message, requestId) => {
    const [status, code, type] = fault === 'server-error' ? [500, 'InternalError', 'Receiver'] : [429, 'Throttled', 'Sender'];
    const xml = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { statusCode: status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: bytes(xml) };
  },
  limits: {
    maxMessageBytes: { default: 262_144, description: 'The largest SNS message (SNS-17: 262,144 bytes)', legacyCapability: 'snsMaxMessageBytes' },
  },
  captures: {
    CreateTopic: [[['TopicArn'], 'Arn']],
    Subscribe: [[['SubscriptionArn'], 'Arn']],
  },
});
