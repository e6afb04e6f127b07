/**
 * The requests SNS makes to KMS for a publishing principal carry kms:ViaService
 * (sns.<region>.amazonaws.com), kms:CallerAccount, and the topic's ARN as encryption context under
 * aws:sns:topicArn (the SNS guide's key policy for a custom key conditions on
 * kms:EncryptionContext:aws:sns:topicArn). A key policy statement allowing the principal only under
 * such a condition applies only when it holds: a match (StringEquals, or StringLike with a wildcard)
 * lets Publish through; another service, another account or another topic refuses it with
 * KMSAccessDenied.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createTopic, keyPolicyForAdminAnd } from '../../../src/steps.js';

const CASES = ['via-service-equals', 'via-service-of-sqs', 'caller-account-other', 'topic-arn-equals', 'topic-arn-other', 'topic-arn-like'] as const;
type Case = (typeof CASES)[number];
const ALLOWED: Case[] = ['via-service-equals', 'topic-arn-equals', 'topic-arn-like'];

function conditionFor(c: Case, region: string, account: string, topicArn: string): Record<string, Record<string, string>> {
  if (c === 'via-service-equals') return { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } };
  if (c === 'via-service-of-sqs') return { StringEquals: { 'kms:ViaService': `sqs.${region}.amazonaws.com` } };
  if (c === 'caller-account-other') return { StringEquals: { 'kms:CallerAccount': account === '000000000000' ? '000000000001' : '000000000000' } };
  if (c === 'topic-arn-equals') return { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } };
  if (c === 'topic-arn-other') return { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': `${topicArn}-other` } };
  return { StringLike: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn.replace(/[^:]*$/, '*') } };
}

export const clause = defineClause({
  id: 'sns.sse.key-policy-conditions-apply-to-publish',
  title: 'A key policy condition on kms:ViaService, kms:CallerAccount or the topic ARN lets a publish through only when it matches',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-29', url: PAGES.kmsConditionKeys, evidence: 'DOC' },
    { fact: 'KMS-12', url: PAGES.snsEnableEncryptionForTopic, evidence: 'DOC' },
    { fact: 'SNS-9', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'SNS-10', url: PAGES.snsPublish, evidence: 'MODEL' },
  ],
  features: ['sns', 'sse-kms', 'kms', 'key-policy'],
  requires: [{ principals: 2 }],
  generates:
    'a statement allowing a second principal when kms:ViaService is SNS or SQS, kms:CallerAccount is another account, or aws:sns:topicArn is, is not or is like the topic (all six on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: [...CASES],
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange: the topic first (SNS does not check its key when configured), then the key policy
    const key = await createKey(s);
    const topic = await createTopic(s, { KmsMasterKeyId: key.keyId });
    const [, , , region] = topic.split(':');
    const principal = s.target.clients(1).principal;
    await keyPolicyForAdminAnd(s, key, [
      {
        Sid: 'Conditional',
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
        Condition: conditionFor(c, region!, principal.split(':')[4]!, topic),
      },
    ]);
    // Act, Assert
    await s.send(new PublishCommand({ TopicArn: topic, Message: 'conditional' }), {
      principal: 1,
      expect: ALLOWED.includes(c) ? OK : fails('KMS.AccessDenied'),
    });
  },
});
