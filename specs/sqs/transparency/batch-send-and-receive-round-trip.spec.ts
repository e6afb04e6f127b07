/**
 * SSE is as transparent to batches as to single messages: SendMessageBatch into an SSE-KMS queue
 * answers, per entry, the MD5 of the plaintext body and of the plaintext attributes, and every
 * message received afterwards has its body and attributes unchanged, with the same digests.
 */
import { SendMessageBatchCommand, type MessageAttributeValue } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { bodyArb, messageAttributesArb, type MessageAttributes } from '../../../src/arbitraries/messages.js';
import { md5OfBody, md5OfMessageAttributes } from '../../../src/md5.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue, receiveDelivered } from '../../../src/steps.js';

const entryArb = fc.record({ body: bodyArb, attributes: messageAttributesArb });

/** Attributes as comparable text: name, type and value, in name order. */
const shown = (a: Record<string, MessageAttributeValue> | undefined): string =>
  JSON.stringify(
    Object.entries(a ?? {})
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([k, v]) => [k, v.DataType, v.StringValue]),
  );

export const clause = defineClause({
  id: 'sqs.transparency.batch-send-and-receive-round-trip',
  title: 'SendMessageBatch into an SSE-KMS queue round-trips every body and attribute with correct per-entry MD5s',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SQS-15', url: PAGES.sqsSendMessageBatch, evidence: 'MODEL' },
    { fact: 'SQS-15', url: PAGES.sqsMessageAttributesMd5, evidence: 'DOC' },
    { fact: 'SQS-13', url: PAGES.sqsSse, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'transparency', 'fifo'],
  generates: 'batches of 1 to 10 entries with unicode and JSON bodies and 0–4 String/Number attributes × standard / FIFO SSE-KMS queues',
  arbitrary: fc.record({ entries: fc.array(entryArb, { minLength: 1, maxLength: 10 }), fifo: fc.boolean() }),
  examples: [
    { entries: [{ body: 'x', attributes: { a: { DataType: 'String', StringValue: 'v' } } }], fifo: false },
    {
      entries: Array.from({ length: 10 }, (_, i) => ({
        body: `m${i}😀`,
        attributes: (i % 2 ? { n: { DataType: 'Number', StringValue: String(i) } } : {}) as MessageAttributes,
      })),
      fifo: true,
    },
    // JSON literals as bodies in a FIFO batch: fauxqs delivered fewer messages than it took (found by seed 20261123,
    // missed by seed 1), so the input that shows it runs on every seed.
    {
      entries: [
        { body: '{}', attributes: {} },
        { body: 'false', attributes: {} },
      ],
      fifo: true,
    },
  ],
  scenario: async (s, { entries, fifo }) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    const withAttrs = (a: Record<string, MessageAttributeValue>) => (Object.keys(a).length > 0 ? { MessageAttributes: a } : {});
    // Act: one batch
    const out = await s.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: entries.map((e, i) => ({
          Id: `e${i}`,
          MessageBody: e.body,
          ...withAttrs(e.attributes),
          ...(fifo ? { MessageGroupId: 'g', MessageDeduplicationId: `d${i}` } : {}),
        })),
      }),
    );
    // Assert: per-entry digests of the plaintext
    // Hard: the received messages are matched to the entries by the message IDs the batch answered.
    s.require((out.Failed ?? []).length === 0 && (out.Successful ?? []).length === entries.length, 'Successful', `${entries.length} entries`, out);
    const sentIds = new Map<string, number>();
    for (const r of out.Successful!) {
      const i = Number(r.Id!.slice(1));
      const e = entries[i]!;
      sentIds.set(r.MessageId!, i);
      s.check(r.MD5OfMessageBody === md5OfBody(e.body), 'MD5OfMessageBody', md5OfBody(e.body), r.MD5OfMessageBody);
      const md5Attrs = Object.keys(e.attributes).length > 0 ? md5OfMessageAttributes(e.attributes) : undefined;
      s.check(r.MD5OfMessageAttributes === md5Attrs, 'MD5OfMessageAttributes', md5Attrs, r.MD5OfMessageAttributes);
    }
    // ... and every message received unchanged
    const got = await receiveDelivered(s, { QueueUrl: url, MessageAttributeNames: ['All'] }, entries.length);
    // Soft: the messages that did arrive are judged whatever their count.
    s.check(got.length === entries.length, 'Messages', `${entries.length} messages`, got.length);
    for (const m of got) {
      const e = entries[sentIds.get(m.MessageId!) ?? -1];
      if (!s.check(e !== undefined && m.Body === e.body, 'Body', e?.body, m.Body) && e === undefined) continue; // a message no entry sent: nothing to compare
      s.check(shown(m.MessageAttributes) === shown(e!.attributes), 'MessageAttributes', e!.attributes, m.MessageAttributes ?? {});
      const md5Attrs = Object.keys(e!.attributes).length > 0 ? md5OfMessageAttributes(e!.attributes) : undefined;
      s.check(m.MD5OfMessageAttributes === md5Attrs, 'MD5OfMessageAttributes', md5Attrs, m.MD5OfMessageAttributes);
    }
  },
});
