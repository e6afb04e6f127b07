/**
 * CreateQueue with the name of an existing queue returns its URL when the attributes are the same,
 * and fails with QueueNameExists when an SSE attribute differs.
 */
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';

export const clause = defineClause({
  id: 'sqs.queues.create-queue-is-idempotent-for-sse-attributes',
  title: 'Repeating CreateQueue returns the same URL for equal SSE attributes and QueueNameExists for different ones',
  level: 'MUST',
  theme: 'configuration',
  sources: [{ fact: 'SQS-18', url: PAGES.sqsCreateQueue, evidence: 'MODEL' }],
  features: ['sqs', 'sse-kms', 'attributes'],
  generates: 'pairs of KMS key strings (equal or different) and reuse periods for the first and second CreateQueue',
  arbitrary: fc.record({ first: fc.constantFrom('alias/a', 'alias/b'), second: fc.constantFrom('alias/a', 'alias/b'), reuse: fc.constantFrom('60', '300') }),
  scenario: async (s, { first, second, reuse }) => {
    const name = s.name('queue');
    const { QueueUrl } = await s.send(new CreateQueueCommand({ QueueName: name, Attributes: { KmsMasterKeyId: first, KmsDataKeyReusePeriodSeconds: reuse } }));
    const same = first === second;
    const again = await s.send(new CreateQueueCommand({ QueueName: name, Attributes: { KmsMasterKeyId: second, KmsDataKeyReusePeriodSeconds: reuse } }), {
      expect: same ? OK : fails('QueueNameExists'),
    });
    if (same) s.check(again?.QueueUrl === QueueUrl, 'QueueUrl', QueueUrl, again?.QueueUrl);
  },
});
