/**
 * How the moto and LocalStack targets read messages at rest, without an emulator: what their own SQS
 * clients' answers record (test-targets/sent-messages.ts), which of moto's tracked Message instances a
 * queue holds (test-targets/moto/moto-store.ts), LocalStack's listing put in send order
 * (test-targets/localstack/localstack-store.ts), and floci's inspection endpoint read (test-targets/floci/floci-store.ts). The emulators themselves: moto.test.ts, localstack.test.ts.
 */
import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  PurgeQueueCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NotObservableError } from '../../src/session.js';
import { inSendOrder } from '../../test-targets/sent-messages.js';
import { flociStoredMessages } from '../../test-targets/floci/floci-store.js';
import { type MotoData, storedMessages } from '../../test-targets/moto/moto-store.js';
import { queueKey, SentMessages } from '../../test-targets/sent-messages.js';

const Q = 'http://127.0.0.1:5000/123456789012/q';
const OTHER = 'http://127.0.0.1:5000/123456789012/other';

/** An SQS client whose every call succeeds with `answer(command, input)`, without a network, with `sent` attached. */
function clientAnswering(sent: SentMessages, answer: (op: string, input: Record<string, unknown>) => Record<string, unknown>): SQSClient {
  const sqs = new SQSClient({ region: 'us-east-1', endpoint: 'http://unused.invalid', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, md5: false });
  sent.attach(sqs);
  sqs.middlewareStack.add(
    ((_next: unknown, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => ({
      output: { $metadata: {}, ...answer(String(context.commandName).replace(/Command$/, ''), args.input) },
      response: {},
    })) as never,
    { step: 'serialize', priority: 'high', name: 'answer' },
  );
  return sqs;
}

describe('what the target sent, from its clients’ answers', () => {
  it('records sent ids per queue in send order (batches in request order, failed entries left out), deletes and purges', async () => {
    // Arrange
    const sent = new SentMessages();
    let n = 0;
    const sqs = clientAnswering(sent, (op, input) => {
      if (op === 'SendMessage') return { MessageId: `m${n++}` };
      if (op === 'SendMessageBatch') {
        const entries = input.Entries as { Id: string }[];
        // The answer lists entries out of order and fails one: only the order sent, and successes, count.
        return {
          Successful: entries
            .filter((e) => e.Id !== 'bad')
            .map((e) => ({ Id: e.Id, MessageId: `b-${e.Id}` }))
            .reverse(),
          Failed: [{ Id: 'bad' }],
        };
      }
      if (op === 'DeleteMessageBatch') return { Successful: [{ Id: 'ok' }], Failed: [{ Id: 'no' }] };
      return {};
    });
    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: Q, MessageBody: 'a' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: OTHER, MessageBody: 'b' }));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: Q,
        Entries: [
          { Id: 'x', MessageBody: 'x' },
          { Id: 'bad', MessageBody: 'bad' },
          { Id: 'y', MessageBody: 'y' },
        ],
      }),
    );
    await sqs.send(new DeleteMessageCommand({ QueueUrl: Q, ReceiptHandle: 'h1' }));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: Q,
        Entries: [
          { Id: 'ok', ReceiptHandle: 'h2' },
          { Id: 'no', ReceiptHandle: 'h3' },
        ],
      }),
    );
    // Assert
    expect(sent.sent(Q)).toEqual(['m0', 'b-x', 'b-y']);
    expect(sent.sent('http://sqs.us-east-1.localhost.localstack.cloud:4566/123456789012/q')).toEqual(['m0', 'b-x', 'b-y']); // the same queue by another host
    expect(sent.sent(OTHER)).toEqual(['m1']);
    expect([sent.deletedAny(['h1']), sent.deletedAny([null, 'h2']), sent.deletedAny(['h3', undefined])]).toEqual([true, true, false]);
    // Act and assert: a purge empties the queue; what is sent later is there
    await sqs.send(new PurgeQueueCommand({ QueueUrl: Q }));
    await sqs.send(new SendMessageCommand({ QueueUrl: Q, MessageBody: 'c' }));
    expect(sent.sent(Q)).toEqual(['m2']);
  });

  it('names a queue by account and name, whatever the host or endpoint strategy', () => {
    expect(queueKey('http://127.0.0.1:4566/000000000000/q.fifo')).toBe('000000000000/q.fifo');
    expect(queueKey('http://localhost:4566/queue/us-east-1/000000000000/q')).toBe('000000000000/q');
    expect(queueKey('https://sqs.eu-west-1.amazonaws.com/111122223333/a%2Db/')).toBe('111122223333/a-b');
  });
});

describe("which of moto's tracked messages a queue holds", () => {
  const queue = (name: string, visible: number, delayed = 0, inFlight = 0) => ({
    name,
    account_id: '123456789012',
    region: 'us-east-1',
    approximate_number_of_messages: visible,
    approximate_number_of_messages_delayed: delayed,
    approximate_number_of_messages_not_visible: inFlight,
  });
  const message = (id: string, body: string, more: Record<string, unknown> = {}) => ({
    id,
    body,
    message_attributes: {},
    all_receipt_handles: [null],
    ...more,
  });
  const sentTo = (ids: Record<string, string[]>, deleted: string[] = []) => {
    const s = new SentMessages();
    let i = 0;
    const all = Object.entries(ids).flatMap(([url, list]) => list.map((id) => ({ url, id })));
    const sqs = clientAnswering(s, (op) => (op === 'SendMessage' ? { MessageId: all[i++]!.id } : {}));
    return (async () => {
      for (const { url } of all) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '-' }));
      for (const h of deleted) await sqs.send(new DeleteMessageCommand({ QueueUrl: Q, ReceiptHandle: h }));
      return s;
    })();
  };

  it("takes each message's first instance (the original, not ReceiveMessage's filtered copy), leaves deleted ones out, in send order", async () => {
    // Arrange: m1 in flight (its receive copy lost the attribute), m2 waiting, m3 deleted, o1 in another queue
    const attrs = { a: { DataType: 'String', StringValue: 'x' } };
    const data: MotoData = {
      sqs: {
        Queue: [queue('q', 1, 0, 1), queue('other', 1)],
        Message: [
          message('m1', 'one', { message_attributes: attrs, all_receipt_handles: ['r1', null] }),
          message('o1', 'elsewhere'),
          message('m3', 'three', { all_receipt_handles: ['r3', null] }),
          message('m2', 'two'),
          message('m1', 'one', { all_receipt_handles: ['r1', null] }),
          message('m3', 'three', { all_receipt_handles: ['r3', null] }),
        ],
      },
    };
    const sent = await sentTo({ [Q]: ['m1', 'm3', 'm2'], [OTHER]: ['o1'] }, ['r3']);
    // Act and assert
    expect(storedMessages(data, 'us-east-1', Q, sent)).toEqual([
      { messageId: 'm1', body: 'one', sealed: false, messageAttributes: attrs },
      { messageId: 'm2', body: 'two', sealed: false },
    ]);
    expect(storedMessages(data, 'us-east-1', OTHER, sent)).toEqual([{ messageId: 'o1', body: 'elsewhere', sealed: false }]);
    expect(storedMessages(data, 'eu-west-1', Q, sent)).toEqual([]); // no such queue in that region
  });

  it('is not observable when the queue holds messages the target did not send (an SNS delivery), and reads a queue created again by its last instance', async () => {
    // Arrange
    const sent = await sentTo({ [Q]: ['m1'] });
    const data = (q: ReturnType<typeof queue>[]): MotoData => ({
      sqs: { Queue: q, Message: [message('m1', 'one'), message('sns', '{"Type":"Notification"}')] },
    });
    // Act and assert
    expect(() => storedMessages(data([queue('q', 2)]), 'us-east-1', Q, sent)).toThrow(NotObservableError);
    expect(() => storedMessages(data([queue('q', 2)]), 'us-east-1', Q, sent)).toThrow(/the queue holds 2, and 1 is one this target's clients sent there/);
    expect(storedMessages(data([queue('q', 2), queue('q', 1)]), 'us-east-1', Q, sent)).toEqual([{ messageId: 'm1', body: 'one', sealed: false }]);
    // A message moto dropped (a FIFO duplicate) or lost: fewer held than sent is not observable either
    expect(() => storedMessages(data([queue('q', 0)]), 'us-east-1', Q, sent)).toThrow(NotObservableError);
  });
});

describe("LocalStack's listing in send order", () => {
  const listed = (id: string, ts: number, seq?: string) => ({
    MessageId: id,
    Body: id,
    Attributes: { SentTimestamp: String(ts), ...(seq ? { SequenceNumber: seq } : {}) },
  });

  it('orders by SentTimestamp, then by the order the target sent, its own sends before others of the same millisecond, then by SequenceNumber', () => {
    const out = (l: ReturnType<typeof listed>[], sent: string[]) => inSendOrder(l, sent).map((m) => m.MessageId);
    // In flight first, then visible, then delayed, as LocalStack lists them
    expect(out([listed('c', 30), listed('a', 10), listed('b', 20)], [])).toEqual(['a', 'b', 'c']);
    // Two sends (a batch) within one millisecond: the order sent, whatever the listing says
    expect(out([listed('y', 10), listed('x', 10)], ['x', 'y'])).toEqual(['x', 'y']);
    // An SNS delivery in the same millisecond comes after the target's own, and by timestamp otherwise
    expect(out([listed('sns', 10), listed('x', 10), listed('late', 5)], ['x'])).toEqual(['late', 'x', 'sns']);
    // FIFO deliveries the target did not send, by sequence number (numbers beyond 2^53)
    expect(out([listed('f2', 10, '18446744073709551615'), listed('f1', 10, '18446744073709551614')], [])).toEqual(['f1', 'f2']);
  });
});

describe("floci's inspection endpoint", () => {
  /** A server answering GET /_aws/sqs/messages as floci 1.7.0's SqsInspectionController does, for one queue. */
  async function flociLike(queue: string, messages: object[]): Promise<{ endpoint: string; close: () => void; asked: string[] }> {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://h');
      if (url.pathname !== '/_aws/sqs/messages') return void res.writeHead(404).end();
      if (url.searchParams.get('QueueUrl') !== queue)
        return void res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"__type":"AWS.SimpleQueueService.NonExistentQueue","message":"The specified queue does not exist."}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messages }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close(), asked };
  }

  it('reads every message of a queue by its URL, in send order, bodies as stored; none for a queue it does not hold', async () => {
    // Arrange
    const floci = await flociLike(Q, [
      { MessageId: 'b', Body: 'second', Attributes: { SentTimestamp: '20' }, MessageAttributes: {} },
      { MessageId: 'a', Body: 'first', Attributes: { SentTimestamp: '10' }, MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } },
    ]);
    try {
      // Act
      const held = await flociStoredMessages(floci.endpoint, Q, new SentMessages());
      const none = await flociStoredMessages(floci.endpoint, OTHER, new SentMessages());
      // Assert
      expect(held).toEqual([
        { messageId: 'a', body: 'first', sealed: false, messageAttributes: { k: { DataType: 'String', StringValue: 'v' } } },
        { messageId: 'b', body: 'second', sealed: false },
      ]);
      expect(none).toEqual([]);
      expect(floci.asked[0]).toBe(`/_aws/sqs/messages?QueueUrl=${encodeURIComponent(Q)}`);
    } finally {
      floci.close();
    }
  });

  it('is not observable on a floci without the endpoint', async () => {
    const floci = await flociLike(Q, []);
    try {
      await expect(flociStoredMessages(`${floci.endpoint}/elsewhere`, Q, new SentMessages())).rejects.toThrow(NotObservableError);
    } finally {
      floci.close();
    }
  });
});
