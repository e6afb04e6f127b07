/**
 * AWS KMS in the registry (./define.ts): keys and aliases, KMS's own error names, and the JSON 1.1 protocol's
 * spelling of a 500 or throttling.
 */
import * as KMS from '@aws-sdk/client-kms';
import { bytes, defineService, type Fields, type ReplayPlace } from './define.js';

const keyArn = (id: string, at: ReplayPlace) => `arn:aws:kms:${at.region}:${at.account}:key/${id}`;

export const kms = defineService({
  name: 'kms',
  title: 'AWS KMS',
  factPrefix: 'KMS',
  sdk: { package: '@aws-sdk/client-kms', module: KMS, client: KMS.KMSClient, exception: KMS.KMSServiceException },
  probe: (c) => c.send(new KMS.ListKeysCommand({ Limit: 1 })),
  features: { kms: { description: 'AWS KMS behaviour SNS and SQS encryption relies on', area: 'KMS' } },
  resources: [
    {
      kind: 'key',
      plural: 'keys',
      create: {
        operation: 'CreateKey',
        id: (_input, output) => (output.KeyMetadata as Fields | undefined)?.KeyId,
        others: (output) => [(output.KeyMetadata as Fields | undefined)?.Arn],
      },
      // Keys cost money on a real account and cannot be deleted for 7 days: a target with a pool takes its keys back.
      cleanup: {
        operation: 'ScheduleKeyDeletion',
        input: (id) => ({ KeyId: id, PendingWindowInDays: 7 }),
        // A key the clause left pending deletion cannot be scheduled again: as good as gone.
        gone: (code, { released }) => code === 'KMS.NotFound' || (!released && code === 'KMS.InvalidState'),
        releasable: true,
      },
      madeUp: { chosenBy: 'target', arn: keyArn },
    },
    {
      kind: 'alias',
      plural: 'aliases',
      // Alias names are the client's own choice, often the generated value under test: shown as sent (the run prefix as `<run>`).
      create: { operation: 'CreateAlias', id: (input) => input.AliasName, symbolic: false },
      name: (base) => `alias/${base}`,
      cleanup: { operation: 'DeleteAlias', input: (id) => ({ AliasName: id }), gone: (code) => code === 'KMS.NotFound' },
      realAccount: {
        guard: (input, run) => {
          const name = String(input.AliasName);
          if (name.startsWith(`alias/${run.prefix}`) || name.startsWith('alias/aws/')) return undefined;
          // Invalid alias names are part of the specification (KMS-7) and fail without creating anything;
          // valid ones must carry the prefix so that cleanup can find them. Aliases cannot be tagged.
          if (/^alias\/[A-Za-z0-9/_-]+$/.test(name) && name.length <= 256)
            return `refusing to create alias "${name}": names must start with alias/${run.prefix}`;
          return undefined;
        },
        // Aliases cannot be tagged: only those with the prefix that point at one of the project's pooled keys.
        sweep: async function* (c, find) {
          for await (const page of KMS.paginateListAliases({ client: c }, {})) {
            for (const a of page.Aliases ?? []) {
              if (!a.AliasName?.startsWith(`alias/${find.prefix}`) || !a.TargetKeyId || !find.pooled.has(a.TargetKeyId)) continue;
              yield { id: a.AliasName, on: a.TargetKeyId };
            }
          }
        },
      },
    },
  ],
  // Keys the run did not create (AWS managed keys) are named by the output that first shows them.
  targetIds: [{ fields: ['KeyId', 'TargetKeyId'], symbol: 'awskey', when: (v) => !/[/:]/.test(v), madeUp: { chosenBy: 'target', arn: keyArn } }],
  errors: [
    ['KMS.Disabled', ['DisabledException']],
    ['KMS.InvalidState', ['KMSInvalidStateException']],
    ['KMS.NotFound', ['NotFoundException']],
    ['KMS.AccessDenied', ['AccessDeniedException']],
    ['KMS.InvalidKeyUsage', ['InvalidKeyUsageException']],
    ['KMS.Throttling', ['ThrottlingException']],
    ['KMS.Validation', ['ValidationException']],
    ['KMS.InvalidCiphertext', ['InvalidCiphertextException']],
    ['KMS.IncorrectKey', ['IncorrectKeyException']],
    ['KMS.AlreadyExists', ['AlreadyExistsException']],
    ['KMS.InvalidAliasName', ['InvalidAliasNameException']],
    ['KMS.NotAuthorized', ['NotAuthorizedException']],
    ['KMS.MalformedPolicyDocument', ['MalformedPolicyDocumentException']],
    ['KMS.UnsupportedOperation', ['UnsupportedOperationException']],
    ['KMS.InvalidGrantToken', ['InvalidGrantTokenException']],
    ['KMS.InvalidGrantId', ['InvalidGrantIdException']],
    ['KMS.InvalidArn', ['InvalidArnException']],
    ['KMS.InvalidMarker', ['InvalidMarkerException']],
    ['KMS.LimitExceeded', ['LimitExceededException']],
  ],
  // JSON 1.1: KMSInternalException (500), ThrottlingException (400).
  faultAnswer: (fault, message, requestId) => {
    const [status, type] = fault === 'server-error' ? [500, 'KMSInternalException'] : [400, 'ThrottlingException'];
    return {
      statusCode: status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      body: bytes(JSON.stringify({ __type: type, message })),
    };
  },
  limits: {},
  captures: {
    CreateKey: [
      [['KeyMetadata', 'KeyId'], 'Id'],
      [['KeyMetadata', 'Arn'], 'Arn'],
    ],
  },
});
