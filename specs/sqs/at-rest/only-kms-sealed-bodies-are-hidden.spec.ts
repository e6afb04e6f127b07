/**
 * At rest, only the bodies of messages sent while SSE-KMS was on are sealed: the backlog from
 * before stays plaintext, and messages after SSE is turned off are plaintext. (That message
 * attributes are never sealed is its own clause, sqs.at-rest.message-attributes-are-never-sealed.)
 */
import { SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.at-rest.only-kms-sealed-bodies-are-hidden',
  title: 'At rest, only bodies sent while SSE-KMS was on are sealed; earlier and later bodies are not',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'at-rest', 'backlog', 'sse-kms'],
  requires: ['atRestInspection'],
  generates: 'SSE-KMS switched on over an unencrypted backlog, or switched off after sealed messages',
  arbitrary: fc.record({ switchOn: fc.boolean() }),
  scenario: async (s, { switchOn }) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, switchOn ? { SqsManagedSseEnabled: 'false' } : { KmsMasterKeyId: key.keyId });
    const send = (body: string) => s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    // Act
    await send('first');
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: switchOn ? key.keyId : '' } }));
    await send('second');
    // Assert
    const stored = await s.inspect(url);
    const seen = stored.map((m) => (m.sealed ? '(sealed)' : m.body));
    const expected = switchOn ? ['first', '(sealed)'] : ['(sealed)', 'second'];
    s.check(JSON.stringify(seen) === JSON.stringify(expected), 'bodies at rest', expected, seen);
  },
});
