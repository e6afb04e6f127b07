/**
 * Once SSE-KMS is turned off (KmsMasterKeyId set to ""), the queue is unencrypted and new messages
 * no longer involve the old key: with that key disabled, SendMessage succeeds and the message is
 * received intact. This is the other half of "messages sealed while SSE was on stay sealed" (that
 * half is sqs.sse-kms.receive-fails-while-message-key-unusable): only what was sealed needs the key.
 * SetQueueAttributes may take up to 60 s to propagate on AWS, so the send is retried within the
 * target's bound; the sender holds no data key for the queue, so no cache can hide the change.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createKey, createQueue, fifoFields, receiveDelivered } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.persistence.new-messages-need-no-key-after-sse-off',
  title: 'After SSE-KMS is turned off, SendMessage and ReceiveMessage of new messages succeed while the old key is disabled',
  level: 'MUST',
  theme: 'persistence',
  sources: [
    { fact: 'SQS-26', url: PAGES.sqsDisableSse, evidence: 'DOC' },
    { fact: 'SQS-5', url: PAGES.sqsDisableSse, evidence: 'DOC' },
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'backlog', 'key-state', 'fifo'],
  generates: 'standard and FIFO queues (both on every seed), generated bodies',
  arbitrary: fc.record({ fifo: fc.boolean(), body: bodyArb }),
  examples: [
    { fifo: false, body: 'plain' },
    { fifo: true, body: 'plain' },
  ],
  scenario: async (s, { fifo, body }) => {
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: '' } }));
    await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    // Act, Assert
    const sent = await s.eventually(
      () => s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: body, ...fifoFields(fifo, 'd') })),
      (o) => o.ok,
    );
    s.expectLast(sent, [OK]);
    const bodies = (await receiveDelivered(s, { QueueUrl: url }, 1)).map((m) => m.Body);
    s.check(bodies.length === 1 && bodies[0] === body, 'Bodies', [body], bodies);
  },
});
