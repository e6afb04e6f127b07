/**
 * A grant lets a principal publish to an encrypted topic whose key policy does not name it. SNS calls
 * KMS on the publishing principal's behalf, and KMS weighs that principal's grants beside the key
 * policy: with a key policy that names only another principal, Publish by the principal fails with
 * KMSAccessDenied; once a grant gives it GenerateDataKey and Decrypt on the key, it publishes. A grant
 * of GenerateDataKey alone is not enough: a publisher needs Decrypt too. A new grant may take a few
 * minutes to reach all of KMS on AWS, so the publish after it is polled.
 */
import { CreateGrantCommand, type GrantOperation } from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createTopic, keyPolicyForAdminAnd } from '../../../src/steps.js';

type Case = 'without-grant' | 'with-grant' | 'grant-lacks-decrypt';
const CASES: Case[] = ['without-grant', 'with-grant', 'grant-lacks-decrypt'];
const GRANTED: Record<Case, GrantOperation[]> = {
  'without-grant': [],
  'with-grant': ['GenerateDataKey', 'Decrypt'],
  'grant-lacks-decrypt': ['GenerateDataKey'],
};

export const clause = defineClause({
  id: 'sns.sse.grant-lets-a-principal-publish',
  title: 'A grant of GenerateDataKey and Decrypt lets a principal the key policy does not name publish to an encrypted topic',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-25', url: PAGES.kmsGrants, evidence: 'DOC' },
    { fact: 'SNS-9', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'SNS-10', url: PAGES.snsPublish, evidence: 'MODEL' },
  ],
  features: ['sns', 'sse-kms', 'kms', 'grants', 'key-policy'],
  requires: [{ principals: 2 }],
  generates:
    'a second principal publishing without a grant, with a grant of GenerateDataKey and Decrypt, or with GenerateDataKey alone (all three on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: CASES,
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange: a key whose policy names principal 0 only, a topic on it, and the grant to principal 1
    const key = await createKey(s);
    await keyPolicyForAdminAnd(s, key);
    const topic = await createTopic(s, { KmsMasterKeyId: key.keyId });
    const operations = GRANTED[c];
    if (operations.length > 0)
      await s.send(new CreateGrantCommand({ KeyId: key.keyId, GranteePrincipal: s.target.clients(1).principal, Operations: operations }));
    // Act: a grant may take a while to reach all of KMS, so a publish expected to succeed is retried within the bound
    const allowed = c === 'with-grant';
    const publish = () => s.attempt(new PublishCommand({ TopicArn: topic, Message: 'granted' }), { principal: 1 });
    const observed = allowed ? await s.eventually(publish, (o) => o.ok) : await publish();
    // Assert
    s.expectLast(observed, [allowed ? OK : fails('KMS.AccessDenied')]);
  },
});
