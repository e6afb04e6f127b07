/**
 * A grant lets a principal send to an SSE-KMS queue whose key policy does not name it. SQS calls KMS
 * on the sending principal's behalf, and KMS weighs that principal's grants beside the key policy: with
 * a key policy that names only another principal, SendMessage by the principal fails with
 * KmsAccessDenied; once a grant gives it GenerateDataKey and Decrypt on the key, its sends succeed and
 * it receives what it sent. A grant of GenerateDataKey alone is not enough: a producer needs Decrypt
 * too. A new grant may take a few minutes to reach all of KMS on AWS, so the send after it is polled.
 */
import { CreateGrantCommand, type GrantOperation } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, keyPolicyForAdminAnd } from '../../../src/steps.js';

type Case = 'without-grant' | 'with-grant' | 'grant-lacks-decrypt';
const CASES: Case[] = ['without-grant', 'with-grant', 'grant-lacks-decrypt'];
const GRANTED: Record<Case, GrantOperation[]> = {
  'without-grant': [],
  'with-grant': ['GenerateDataKey', 'Decrypt'],
  'grant-lacks-decrypt': ['GenerateDataKey'],
};

export const clause = defineClause({
  id: 'sqs.sse-kms.grant-lets-a-principal-send',
  title: 'A grant of GenerateDataKey and Decrypt lets a principal the key policy does not name send to an SSE-KMS queue',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-25', url: PAGES.kmsGrants, evidence: 'DOC' },
    { fact: 'SQS-10', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'kms', 'grants', 'key-policy'],
  requires: [{ principals: 2 }],
  generates: 'a second principal sending without a grant, with a grant of GenerateDataKey and Decrypt, or with GenerateDataKey alone (all three on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: CASES,
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange: a key whose policy names principal 0 only, a queue on it, and the grant to principal 1
    const key = await createKey(s);
    await keyPolicyForAdminAnd(s, key);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId });
    const operations = GRANTED[c];
    if (operations.length > 0)
      await s.send(new CreateGrantCommand({ KeyId: key.keyId, GranteePrincipal: s.target.clients(1).principal, Operations: operations }));
    // Act: a grant may take a while to reach all of KMS, so a send expected to succeed is retried within the bound
    const allowed = c === 'with-grant';
    const send = () => s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: 'granted' }), { principal: 1 });
    const observed = allowed ? await s.eventually(send, (o) => o.ok) : await send();
    // Assert
    s.expectLast(observed, [allowed ? OK : fails('KMS.AccessDenied')]);
    if (!allowed) return;
    const { Messages } = await s.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }), { principal: 1 });
    const body = Messages?.[0]?.Body;
    s.check(body === 'granted', 'Body', 'granted', body);
  },
});
