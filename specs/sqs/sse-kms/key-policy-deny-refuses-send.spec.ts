/**
 * A producer needs kms:GenerateDataKey and kms:Decrypt on the queue's key. When the key policy
 * explicitly denies the sending principal either action (or kms:*), SendMessage fails with
 * KmsAccessDenied (query-compatible code KMS.AccessDeniedException), while another principal the
 * policy does not deny sends to the same queue. The Deny names the action as IAM allows: exactly,
 * with a `*` wildcard, or in other letter case (the prefix and the action name are case-insensitive).
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, fifoFields, denyKeyActions } from '../../../src/steps.js';

const DENIED = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:*', 'kms:GenerateDataKey*', 'KMS:decrypt'] as const;

export const clause = defineClause({
  id: 'sqs.sse-kms.key-policy-deny-refuses-send',
  title: 'SendMessage by a principal the queue key policy denies kms:GenerateDataKey or kms:Decrypt fails with KmsAccessDenied',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-10', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'KMS-19', url: PAGES.iamActionElement, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'fifo'],
  requires: [{ principals: 2 }],
  generates: 'a Deny on kms:GenerateDataKey, kms:Decrypt, kms:*, kms:GenerateDataKey* or KMS:decrypt for a second principal × standard / FIFO queues',
  arbitrary: fc.record({ action: fc.constantFrom(...DENIED), fifo: fc.boolean() }),
  examples: DENIED.map((action) => ({ action, fifo: false })),
  scenario: async (s, { action, fifo }) => {
    // Arrange: the key policy denies principal 1 one action a producer needs
    const key = await createKey(s);
    await denyKeyActions(s, key, 1, [action]);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    // Act, Assert: the denied principal is refused, a principal the policy allows is not
    const observed = await s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: 'denied', ...fifoFields(fifo, 'd1') }), { principal: 1 });
    // Independent of the allowed principal's send below; the query-compatible code is read only from that refusal.
    if (s.expectLast(observed, [fails('KMS.AccessDenied')], { independent: true })) {
      // SQS-11, X-1: the query-compatible code, as Code or (query-protocol targets) as the name
      const legacy = observed.ok ? undefined : (observed.queryCode ?? (observed.name.startsWith('KMS.') ? observed.name : undefined));
      s.check(legacy === 'KMS.AccessDeniedException', 'query-compatible error code', 'KMS.AccessDeniedException', legacy);
    }
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'allowed', ...fifoFields(fifo, 'd2') }));
  },
});
