/**
 * SQS binds the data keys of a queue to the queue: its KMS requests carry the queue's ARN as
 * encryption context under aws:sqs:arn, which key policies in use test as
 * kms:EncryptionContext:aws:sqs:arn (AWS's pages do not name this pair: the clause rests on that
 * practice). A statement allowing a principal only when that value is the queue's ARN (StringEquals,
 * or StringLike with a wildcard, the condition key in any letter case) lets its sends through; one
 * naming another queue refuses them with KmsAccessDenied.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, keyPolicyForAdminAnd, queueAttributes } from '../../../src/steps.js';

const CASES = ['this-queue', 'another-queue', 'like-queues-of-the-account', 'condition-key-in-other-case'] as const;
type Case = (typeof CASES)[number];

function conditionFor(c: Case, queueArn: string): Record<string, Record<string, string>> {
  if (c === 'this-queue') return { StringEquals: { 'kms:EncryptionContext:aws:sqs:arn': queueArn } };
  if (c === 'another-queue') return { StringEquals: { 'kms:EncryptionContext:aws:sqs:arn': `${queueArn}-other` } };
  if (c === 'like-queues-of-the-account') return { StringLike: { 'kms:EncryptionContext:aws:sqs:arn': queueArn.replace(/[^:]*$/, '*') } };
  return { StringEquals: { 'KMS:EncryptionContext:AWS:SQS:ARN': queueArn } };
}

export const clause = defineClause({
  id: 'sqs.sse-kms.encryption-context-names-the-queue',
  title: "SQS's KMS requests carry the queue ARN as encryption context aws:sqs:arn, which key-policy conditions can test",
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-12', url: PAGES.kmsEncryptionContext, evidence: 'INF' },
    { fact: 'KMS-29', url: PAGES.kmsConditionKeys, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'kms', 'key-policy'],
  requires: [{ principals: 2 }],
  generates:
    "a statement allowing a second principal when aws:sqs:arn is the queue, another queue, like the account's queues, or written in other case (all four on every seed)",
  arbitrary: fc.constantFrom(...CASES),
  examples: [...CASES],
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange: the queue first (SQS does not check its key when configured), then the key policy naming its ARN
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId });
    const queueArn = (await queueAttributes(s, url)).QueueArn!;
    const principal = s.target.clients(1).principal;
    await keyPolicyForAdminAnd(s, key, [
      {
        Sid: 'ThisQueue',
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
        Condition: conditionFor(c, queueArn),
      },
    ]);
    // Act, Assert
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'bound to the queue' }), {
      principal: 1,
      expect: c === 'another-queue' ? fails('KMS.AccessDenied') : OK,
    });
  },
});
