/**
 * SqsManagedSseEnabled can be set on an existing queue: SetQueueAttributes with "true" turns
 * SSE-SQS on for an unencrypted queue, and GetQueueAttributes then reads "true" with no KMS
 * attributes. The queue starts unencrypted (created with SqsManagedSseEnabled "false"); a target
 * that cannot create one has nothing to show here.
 */
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createQueue, queueAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-sqs.set-queue-attributes-turns-on-sse-sqs',
  title: 'SetQueueAttributes with SqsManagedSseEnabled "true" turns SSE-SQS on for an unencrypted queue',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SQS-1', url: PAGES.sqsSetQueueAttributes, evidence: 'DOC' },
    { fact: 'SQS-23', url: PAGES.terraformSqsQueueTest, evidence: 'OBS' },
  ],
  features: ['sqs', 'sse-sqs', 'attributes'],
  generates: 'standard and FIFO queues created unencrypted, then given SqsManagedSseEnabled "true"',
  arbitrary: fc.boolean(),
  examples: [false, true],
  check: async (s, fifo) => {
    // Arrange
    const url = await createQueue(s, { SqsManagedSseEnabled: 'false' }, fifo);
    const before = await queueAttributes(s, url);
    if (before.SqsManagedSseEnabled !== 'false')
      s.notObservable(
        `a queue created with SqsManagedSseEnabled "false" reads ${JSON.stringify(before.SqsManagedSseEnabled)}: no unencrypted queue to start from`,
      );
    // Act
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { SqsManagedSseEnabled: 'true' } }));
    const attrs = await queueAttributes(s, url);
    // Assert
    s.check(attrs.SqsManagedSseEnabled === 'true', 'SqsManagedSseEnabled', 'true', attrs.SqsManagedSseEnabled);
    s.check(!('KmsMasterKeyId' in attrs), 'KmsMasterKeyId', '(absent)', attrs.KmsMasterKeyId);
  },
});
