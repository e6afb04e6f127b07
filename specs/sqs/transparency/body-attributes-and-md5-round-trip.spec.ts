/**
 * SSE is transparent to the API: whatever the queue's encryption mode, the received body and
 * message attributes equal what was sent, and every MD5 is of the plaintext.
 */
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { anyBodyArb, messageAttributesArb, WHITESPACE_BODIES } from '../../../src/arbitraries/messages.js';
import { QUEUE_MODES, queueModeArb } from '../../../src/arbitraries/queues.js';
import { createKey, createQueue, fifoFields, sseAttributes } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.transparency.body-attributes-and-md5-round-trip',
  title: 'Bodies, message attributes and their MD5s round-trip unchanged on unencrypted, SSE-SQS and SSE-KMS queues',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SQS-15', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'transparency', 'sse-kms', 'sse-sqs', 'fifo'],
  generates:
    'each encryption mode, standard and FIFO queues, unicode and JSON bodies, 0–4 String/Number attributes; on every seed first, bodies of white space alone with a line feed, in each mode, and a body beyond the Basic Multilingual Plane',
  arbitrary: fc.record({ mode: queueModeArb, fifo: fc.boolean(), body: anyBodyArb, attributes: messageAttributesArb }),
  // Bodies of white space alone, and characters beyond the Basic Multilingual Plane (which SQS takes: #x10000 to
  // #x10FFFF), are this clause's: the other clauses draw bodies with a visible character, and some within the BMP
  // alone. Each mode meets white space on every seed, and one queue a body beyond the BMP.
  examples: [
    ...QUEUE_MODES.flatMap((mode) => WHITESPACE_BODIES.map((body) => ({ mode, fifo: false, body, attributes: {} }))),
    { mode: 'sse-sqs' as const, fifo: false, body: 'beyond the Basic Multilingual Plane: \u{1F510}\u{10FFFD}', attributes: {} },
  ],
  scenario: async (s, { mode, fifo, body, attributes }) => {
    // Arrange
    const key = mode === 'sse-kms' ? await createKey(s) : undefined;
    const url = await createQueue(s, sseAttributes(mode, key?.keyId), fifo);
    const withAttrs = Object.keys(attributes).length > 0;
    // Act
    const sent = await s.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: body,
        ...(withAttrs ? { MessageAttributes: attributes } : {}),
        ...fifoFields(fifo, 'd1'),
      }),
    );
    const md5 = createHash('md5').update(body, 'utf8').digest('hex');
    s.check(sent.MD5OfMessageBody === md5, 'MD5OfMessageBody', md5, sent.MD5OfMessageBody);
    const got = await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, MessageAttributeNames: ['All'] }));
    // Assert
    const m = got.Messages?.[0];
    s.require(m !== undefined, 'Messages', '1 message', got.Messages ?? []); // hard: the message is read next; the rest are independent
    s.check(m!.Body === body, 'Body', body, m!.Body);
    s.check(m!.MD5OfBody === md5, 'MD5OfBody', md5, m!.MD5OfBody);
    if (withAttrs) {
      s.check(JSON.stringify(sortKeys(m!.MessageAttributes)) === JSON.stringify(sortKeys(attributes)), 'MessageAttributes', attributes, m!.MessageAttributes);
      s.check(m!.MD5OfMessageAttributes === sent.MD5OfMessageAttributes, 'MD5OfMessageAttributes', sent.MD5OfMessageAttributes, m!.MD5OfMessageAttributes);
    }
  },
});

function sortKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => [k, sortKeys(x)])
      .filter(([, x]) => x !== undefined && !(Array.isArray(x) && x.length === 0)),
  );
}
