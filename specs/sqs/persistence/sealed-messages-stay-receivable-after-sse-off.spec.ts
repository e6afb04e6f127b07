/**
 * Turning SSE-KMS off (KmsMasterKeyId set to "") does not strand the messages sealed while it was
 * on: they stay in the queue sealed under their key and, while that key is usable, are received
 * with their body and MD5 unchanged (the SDK checks MD5OfBody, so a body handed out as stored at
 * rest fails the receive).
 */
import { ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createKey, createQueue, fifoFields } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.persistence.sealed-messages-stay-receivable-after-sse-off',
  title: 'Messages sent while SSE-KMS was on stay receivable, body unchanged, after SSE is turned off while their key is usable',
  level: 'MUST',
  theme: 'persistence',
  sources: [
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-5', url: PAGES.sqsDisableSse, evidence: 'DOC' },
    { fact: 'SQS-10', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'backlog', 'transparency', 'fifo'],
  generates: 'standard and FIFO queues (both on every seed), generated bodies',
  arbitrary: fc.record({ fifo: fc.boolean(), body: bodyArb }),
  examples: [
    { fifo: false, body: 'sealed' },
    { fifo: true, body: 'sealed' },
  ],
  scenario: async (s, { fifo, body }) => {
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, ...fifoFields(fifo, 'd') }));
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: '' } }));
    // Act, Assert
    const got = await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const bodies = (got.Messages ?? []).map((m) => m.Body);
    s.check(bodies.length === 1 && bodies[0] === body, 'Bodies', [body], bodies);
  },
});
