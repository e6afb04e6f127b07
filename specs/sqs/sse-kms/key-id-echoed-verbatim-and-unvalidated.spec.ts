/**
 * SQS stores KmsMasterKeyId exactly as given and does not check that it names a key when the
 * queue is configured; key problems surface only at send and receive time. The key is set at CreateQueue,
 * or later on an unencrypted queue or on one that already has another key (where a target that keeps the
 * old key shows it).
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb } from '../../../src/arbitraries/queues.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

/** Where the key is set: at CreateQueue, or later on an unencrypted queue or on a queue that has another key. */
const FROM = ['create', 'unencrypted', 'other-key'] as const;
type From = (typeof FROM)[number];
/** The key the queue starts with in `other-key` (a generated key equal to it only shows less). */
const OTHER_KEY = 'alias/aws/sqs';

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
  generates:
    'key IDs, key ARNs, alias names (including alias/aws/sqs) and arbitrary strings that name no key, set at create, or later on an unencrypted queue or one with another key (each on every seed)',
  arbitrary: fc.record({ from: fc.constantFrom<From>(...FROM), key: keyIdStringArb }),
  examples: FROM.map((from) => ({ from, key: 'testKeyId' })),
  scenario: async (s, { from, key }) => {
    const url = await createQueue(
      s,
      from === 'create' ? { KmsMasterKeyId: key } : from === 'other-key' ? { KmsMasterKeyId: OTHER_KEY } : { SqsManagedSseEnabled: 'false' },
    );
    if (from !== 'create') await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: key } }));
    const attrs = await queueAttributes(s, url);
    s.check(attrs.KmsMasterKeyId === key, 'KmsMasterKeyId', key, attrs.KmsMasterKeyId);
  },
});
