/**
 * A queue may use one SSE type at a time: a request setting both a KMS key and SSE-SQS fails.
 * SetQueueAttributes fails with InvalidAttributeName (sic), the code recorded on AWS; for CreateQueue
 * only the message was recorded, so any error the table maps will do.
 */
import { CreateQueueCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { ANY_ERROR, fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb } from '../../../src/arbitraries/queues.js';
import { createQueue } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.mutual-exclusion-is-rejected',
  title: 'Setting KmsMasterKeyId with SqsManagedSseEnabled "true" fails, on SetQueueAttributes with InvalidAttributeName',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-3', url: PAGES.localstackSqsSnapshot, evidence: 'OBS' },
    { fact: 'SQS-1', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'sse-sqs', 'attributes'],
  shares: ['aws-managed-keys'],
  generates: 'CreateQueue or SetQueueAttributes, standard or FIFO, with both attributes and any non-empty key string',
  arbitrary: fc.record({ onCreate: fc.boolean(), fifo: fc.boolean(), key: keyIdStringArb }),
  scenario: async (s, { onCreate, fifo, key }) => {
    const both = { KmsMasterKeyId: key, SqsManagedSseEnabled: 'true' };
    if (onCreate) {
      const name = s.name('queue', fifo);
      await s.send(new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: 'true', ...both } : both }), {
        expect: ANY_ERROR,
      });
    } else {
      const url = await createQueue(s, {}, fifo);
      await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: both }), { expect: fails('InvalidAttributeName') });
    }
  },
});
