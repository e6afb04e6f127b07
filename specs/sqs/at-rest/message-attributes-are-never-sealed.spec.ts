/**
 * SSE seals message bodies only: the attributes of a message on an SSE-KMS queue are stored
 * readable, whether it was sent before or after SSE-KMS was turned on.
 */
import { SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.at-rest.message-attributes-are-never-sealed',
  title: 'At rest, the message attributes of messages on an SSE-KMS queue stay readable; only bodies are sealed',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [{ fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' }],
  features: ['sqs', 'at-rest', 'sse-kms'],
  requires: ['atRestAttributes'],
  generates: 'a message sent before and one after SSE-KMS is turned on, each with a generated string attribute',
  arbitrary: fc.record({ attr: fc.stringMatching(/^[a-z]{1,8}$/) }),
  scenario: async (s, { attr }) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, { SqsManagedSseEnabled: 'false' });
    const send = (body: string) =>
      s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageAttributes: { a: { DataType: 'String', StringValue: attr } } }));
    // Act
    await send('before');
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: key.keyId } }));
    await send('after');
    // Assert
    const stored = await s.inspect(url);
    const attrValue = (m: (typeof stored)[number]) => (m.messageAttributes?.a as { StringValue?: string } | undefined)?.StringValue;
    const attrsVisible = stored.length === 2 && stored.every((m) => attrValue(m) === attr);
    s.check(
      attrsVisible,
      'attributes at rest',
      'readable on both messages',
      stored.map((m) => m.messageAttributes ?? '(none)'),
    );
  },
});
