/**
 * Message attributes are metadata SSE does not encrypt, and their digest is computed on the
 * plaintext: on an SSE-KMS queue, SendMessage with attributes returns MD5OfMessageAttributes, and
 * it equals the documented digest of the attributes sent; the received message carries the same.
 * (SDK v3 checks body digests only, so a missing or wrong attribute digest passes unnoticed
 * unless a clause checks it.)
 */
import { SendMessageCommand, type MessageAttributeValue } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { VALID_SQS_BODY } from '../../../src/arbitraries/messages.js';
import { md5OfMessageAttributes } from '../../../src/md5.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, fifoFields, receiveDelivered } from '../../../src/steps.js';

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/);
const suffix = fc.constantFrom('', '.custom', '.x1');
const value: fc.Arbitrary<MessageAttributeValue> = fc.oneof(
  fc
    .tuple(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).filter((v) => VALID_SQS_BODY.test(v)),
      suffix,
    )
    .map(([v, t]) => ({ DataType: `String${t}`, StringValue: v })),
  fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), suffix).map(([v, t]) => ({ DataType: `Number${t}`, StringValue: String(v) })),
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 16 }), suffix).map(([v, t]) => ({ DataType: `Binary${t}`, BinaryValue: v })),
);
const attributesArb = fc.dictionary(name, value, { minKeys: 1, maxKeys: 4 });

export const clause = defineClause({
  id: 'sqs.transparency.md5-of-message-attributes-on-encrypted-queue',
  title: 'On an SSE-KMS queue MD5OfMessageAttributes is sent back and received as the documented digest of the attributes',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SQS-15', url: PAGES.sqsMessageAttributesMd5, evidence: 'DOC' },
    { fact: 'SQS-15', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'transparency', 'fifo'],
  generates: '1 to 4 String, Number and Binary attributes, with and without custom type suffixes × standard / FIFO SSE-KMS queues',
  arbitrary: fc.record({ attributes: attributesArb, fifo: fc.boolean() }),
  examples: [
    { attributes: { a: { DataType: 'String', StringValue: 'v' } }, fifo: false },
    { attributes: { n: { DataType: 'Number.int', StringValue: '-1' }, b: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 255]) } }, fifo: true },
  ],
  scenario: async (s, { attributes, fifo }) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    const expected = md5OfMessageAttributes(attributes);
    // Act, Assert: the digest SendMessage answers
    const sent = await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', MessageAttributes: attributes, ...fifoFields(fifo, 'd') }));
    s.check(sent.MD5OfMessageAttributes === expected, 'MD5OfMessageAttributes', expected, sent.MD5OfMessageAttributes);
    // ... and the one the received message carries
    const got = await receiveDelivered(s, { QueueUrl: url, MessageAttributeNames: ['All'] }, 1);
    const m = got[0];
    s.require(got.length === 1, 'Messages', '1 message', got.length); // hard: the message is read next
    s.check(m!.MD5OfMessageAttributes === expected, 'MD5OfMessageAttributes', expected, m!.MD5OfMessageAttributes);
  },
});
