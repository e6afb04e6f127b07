/**
 * The requests SQS makes to KMS for a sending principal carry kms:ViaService
 * (sqs.<region>.amazonaws.com) and kms:CallerAccount (the principal's account), and a key policy
 * statement that allows the principal only under a condition on them applies only when the condition
 * holds. With a policy that names the principal in no other statement: a condition that matches
 * (StringEquals, or StringLike with a wildcard) lets SendMessage through; one that does not (another
 * service, another account) refuses it with KmsAccessDenied. The principal's own GenerateDataKey,
 * which no service makes for it, carries no kms:ViaService, so the same statement refuses it.
 */
import { GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, keyPolicyForAdminAnd } from '../../../src/steps.js';

const CASES = [
  'via-service-equals',
  'via-service-of-sns',
  'via-service-like',
  'via-service-like-sns',
  'caller-account-equals',
  'caller-account-other',
  'direct-call-has-no-via-service',
] as const;
type Case = (typeof CASES)[number];

/** The condition of the statement that allows principal 1, for its region and account. */
function conditionFor(c: Case, region: string, account: string): Record<string, Record<string, string>> {
  if (c === 'via-service-equals' || c === 'direct-call-has-no-via-service') return { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } };
  if (c === 'via-service-of-sns') return { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } };
  if (c === 'via-service-like') return { StringLike: { 'kms:ViaService': 'sqs.*.amazonaws.com' } };
  if (c === 'via-service-like-sns') return { StringLike: { 'kms:ViaService': 'sns.*' } };
  return { StringEquals: { 'kms:CallerAccount': c === 'caller-account-equals' ? account : account === '000000000000' ? '000000000001' : '000000000000' } };
}

const ALLOWED: Case[] = ['via-service-equals', 'via-service-like', 'caller-account-equals'];

export const clause = defineClause({
  id: 'sqs.sse-kms.key-policy-conditions-apply-to-send',
  title: 'A key policy statement conditioned on kms:ViaService or kms:CallerAccount lets a send through only when it matches',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-29', url: PAGES.kmsConditionKeys, evidence: 'DOC' },
    { fact: 'KMS-29', url: PAGES.iamConditionOperators, evidence: 'DOC' },
    { fact: 'SQS-10', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'kms', 'key-policy'],
  requires: [{ principals: 2 }],
  generates:
    'a statement allowing a second principal GenerateDataKey and Decrypt when kms:ViaService equals or is like SQS or SNS, or kms:CallerAccount is its account or another (all seven on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: [...CASES],
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange: a key whose policy allows principal 1 only under the condition
    const key = await createKey(s);
    const [, , , region] = key.arn.split(':');
    const principal = s.target.clients(1).principal;
    const account = principal.split(':')[4]!;
    await keyPolicyForAdminAnd(s, key, [
      {
        Sid: 'Conditional',
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
        Condition: conditionFor(c, region!, account),
      },
    ]);
    if (c === 'direct-call-has-no-via-service') {
      await s.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }), { principal: 1, expect: fails('KMS.AccessDenied') });
      return;
    }
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId });
    // Act, Assert
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'conditional' }), {
      principal: 1,
      expect: ALLOWED.includes(c) ? OK : fails('KMS.AccessDenied'),
    });
  },
});
