/**
 * A consumer needs kms:Decrypt on the key that sealed each message. When the key policy
 * explicitly denies a consumer kms:Decrypt (or kms:*), its ReceiveMessage of an SSE-KMS message
 * fails with KmsAccessDenied, and the message stays in the queue for a consumer the policy allows.
 * (Whether a refused receive starts the message's visibility timeout is not documented: the
 * refused receive asks for a timeout of 0, so the message is receivable again either way.)
 */
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, denyKeyActions, fifoFields, receiveDelivered } from '../../../src/steps.js';

const DENIED = ['kms:Decrypt', 'kms:*'] as const;

export const clause = defineClause({
  id: 'sqs.sse-kms.key-policy-deny-refuses-receive',
  title: 'ReceiveMessage by a consumer the key policy denies kms:Decrypt fails with KmsAccessDenied and leaves the message',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-10', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsReceiveMessage, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'fifo'],
  requires: [{ principals: 2 }],
  generates: 'a Deny on kms:Decrypt or kms:* for a second principal that receives × standard / FIFO queues',
  arbitrary: fc.record({ action: fc.constantFrom(...DENIED), fifo: fc.boolean() }),
  examples: DENIED.map((action) => ({ action, fifo: false })),
  scenario: async (s, { action, fifo }) => {
    // Arrange: principal 0 may use the key and sends; principal 1 is denied `action`
    const key = await createKey(s);
    await denyKeyActions(s, key, 1, [action]);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'sealed', ...fifoFields(fifo, 'd1') }));
    // Act, Assert: the denied consumer is refused; the message is still there for an allowed one
    // Independent: a receive that wrongly succeeds leaves the message visible (timeout 0) for the allowed consumer.
    await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }), {
      principal: 1,
      expect: fails('KMS.AccessDenied'),
      independent: true,
    });
    const bodies = (await receiveDelivered(s, { QueueUrl: url }, 1)).map((m) => m.Body);
    s.check(JSON.stringify(bodies) === JSON.stringify(['sealed']), 'Bodies', ['sealed'], bodies);
  },
});
