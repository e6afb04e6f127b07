/**
 * SQS stores KmsMasterKeyId exactly as given and does not check that it names a key when the
 * queue is configured; key problems surface only at send and receive time.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb } from '../../../src/arbitraries/queues.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.key-id-echoed-verbatim-and-unvalidated',
  title: 'Any KmsMasterKeyId string is accepted at configure time and read back unchanged',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-6', url: PAGES.localstackSqsSnapshot, evidence: 'OBS' },
    { fact: 'SQS-7', url: PAGES.sqsSetQueueAttributes, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'attributes', 'key-identifiers'],
  shares: ['aws-managed-keys'],
  generates: 'key IDs, key ARNs, alias names (including alias/aws/sqs) and arbitrary strings that name no key, set at create or later',
  arbitrary: fc.record({ onCreate: fc.boolean(), key: keyIdStringArb }),
  check: async (s, { onCreate, key }) => {
    const url = await createQueue(s, onCreate ? { KmsMasterKeyId: key } : { SqsManagedSseEnabled: 'false' });
    if (!onCreate) await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: key } }));
    const attrs = await queueAttributes(s, url);
    s.check(attrs.KmsMasterKeyId === key, 'KmsMasterKeyId', key, attrs.KmsMasterKeyId);
  },
});
