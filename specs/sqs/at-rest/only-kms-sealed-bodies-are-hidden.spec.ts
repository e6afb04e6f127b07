/**
 * At rest, only the bodies of messages sent while SSE-KMS was on are sealed: the backlog from
 * before stays plaintext, messages after SSE is turned off are plaintext, and message metadata
 * (attributes) is never encrypted.
 * Source: SQS-13, SQS-14.
 */
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.at-rest.only-kms-sealed-bodies-are-hidden',
  title: 'At rest, only bodies sent while SSE-KMS was on are sealed; earlier and later bodies and all attributes are not',
  level: 'MUST',
  sources: [
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'at-rest', 'backlog', 'sse-kms'],
  requires: ['atRestInspection'],
  generates: 'a sequence of off/on/off phases with one message each; attribute values vary',
  arbitrary: fc.record({ attr: fc.stringMatching(/^[a-z]{1,8}$/) }),
  check: async (s, { attr }) => {
    const key = await createKey(s);
    const url = await createQueue(s, { SqsManagedSseEnabled: 'false' });
    const send = (body: string) => s.call('sqs', 'SendMessage', { QueueUrl: url, MessageBody: body, MessageAttributes: { a: { DataType: 'String', StringValue: attr } } });
    await send('before');
    await s.call('sqs', 'SetQueueAttributes', { QueueUrl: url, Attributes: { KmsMasterKeyId: key.keyId } });
    await send('during');
    await s.call('sqs', 'SetQueueAttributes', { QueueUrl: url, Attributes: { KmsMasterKeyId: '' } });
    await send('after');
    const stored = await s.inspect(url);
    const seen = stored.map((m) => (m.sealed ? '(sealed)' : m.body));
    s.check(JSON.stringify(seen) === JSON.stringify(['before', '(sealed)', 'after']), 'bodies at rest', ['before', '(sealed)', 'after'], seen);
    const attrsVisible = stored.every((m) => JSON.stringify(m.messageAttributes ?? {}).includes(attr));
    s.check(attrsVisible, 'attributes at rest', 'readable on every message', stored.map((m) => m.messageAttributes));
  },
});
