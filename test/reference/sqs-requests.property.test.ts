/**
 * The SQS request rules of the reference model (clause-independent, issue 14).
 *
 * Why not a clause: queue-name rules, attribute names and ranges, batch entry ids, message-attribute
 * rules, receive parameters, purge and re-creation intervals and FIFO deduplication are generic SQS
 * behaviour, not encryption; the specification states them only where SSE touches them, yet the
 * reference also serves as a drop-in fake behind real SDK clients. Each assertion cites the SQS API
 * reference page that documents the rule; error codes are asserted, never message texts.
 *
 * Pages cited (Amazon SQS API Reference, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/):
 *   [CQ] API_CreateQueue.html            [GQU] API_GetQueueUrl.html       [LQ] API_ListQueues.html
 *   [DQ] API_DeleteQueue.html            [PQ] API_PurgeQueue.html         [SQA] API_SetQueueAttributes.html
 *   [GQA] API_GetQueueAttributes.html    [SM] API_SendMessage.html        [SMB] API_SendMessageBatch.html
 *   [RM] API_ReceiveMessage.html         [DM] API_DeleteMessage.html      [MAV] API_MessageAttributeValue.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINUTE, ReferenceModel, SECOND } from '../../reference/index.js';
import type { MessageAttributeValue } from '../../reference/md5.js';

const ME = 'arn:aws:iam::111122223333:root';
const OTHER = 'arn:aws:iam::444455556666:root';
const ctx = { caller: ME };

/** The error name of a call that throws, or 'ok'. */
function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as Error).name;
  }
}

function arrange(attributes: Record<string, string> = {}, name = 'q') {
  const model = new ReferenceModel();
  const sqs = model.sqs;
  const url = sqs.createQueue(ctx, name, attributes);
  return { model, sqs, url };
}

const fifoQueue = (attributes: Record<string, string> = {}) => arrange({ FifoQueue: 'true', ...attributes }, 'q.fifo');

describe('queue names and CreateQueue', () => {
  const nameChar = fc.constantFrom(...'abcXYZ019-_'.split(''), '.', ' ', '!', 'é', '/');
  const nameArb = fc.record({
    stem: fc.oneof(fc.string({ unit: nameChar, maxLength: 6 }), fc.string({ unit: fc.constantFrom('a', '-', '_', '7'), minLength: 74, maxLength: 82 })),
    fifo: fc.boolean(),
  });

  it('accepts exactly the names of 1 to 80 alphanumerics, hyphens and underscores, ".fifo" counted in the 80 for FIFO queues [CQ]', () => {
    fc.assert(
      fc.property(nameArb, ({ stem, fifo }) => {
        const name = fifo ? `${stem}.fifo` : stem;
        const valid = /^[A-Za-z0-9_-]+$/.test(stem) && name.length <= 80;
        const model = new ReferenceModel();
        const got = outcome(() => model.sqs.createQueue(ctx, name, fifo ? { FifoQueue: 'true' } : {}));
        // [CQ] QueueName: "A queue name can have up to 80 characters. Valid values: alphanumeric characters, hyphens (-), and underscores (_)";
        // "A FIFO queue name must end with the .fifo suffix". The empty name is a missing parameter.
        expect(got).toBe(name === '' ? 'MissingParameter' : valid ? 'ok' : 'InvalidParameterValue');
      }),
    );
  });

  it('a QueueName that is not a string is missing [CQ]', () => {
    expect(outcome(() => new ReferenceModel().sqs.createQueue(ctx, undefined as unknown as string))).toBe('MissingParameter');
  });

  it('requires FifoQueue=true exactly for names ending in .fifo, and FifoQueue to be a boolean [CQ]', () => {
    const make = (name: string, attrs: Record<string, string>) => outcome(() => new ReferenceModel().sqs.createQueue(ctx, name, attrs));
    expect(make('a.fifo', {})).toBe('InvalidParameterValue');
    expect(make('a.fifo', { FifoQueue: 'false' })).toBe('InvalidParameterValue');
    expect(make('a', { FifoQueue: 'true' })).toBe('InvalidParameterValue');
    expect(make('a', { FifoQueue: 'false' })).toBe('ok');
    expect(make('a', { FifoQueue: 'yes' })).toBe('InvalidAttributeValue');
    expect(make('a.fifo', { FifoQueue: 'true' })).toBe('ok');
  });

  it('returns the existing URL for the same name and attributes, QueueNameExists for a different value [CQ]', () => {
    const { sqs, url } = arrange({ DelaySeconds: '5' });
    expect(sqs.createQueue(ctx, 'q', { DelaySeconds: '5' })).toBe(url);
    expect(sqs.createQueue(ctx, 'q')).toBe(url);
    expect(outcome(() => sqs.createQueue(ctx, 'q', { DelaySeconds: '6' }))).toBe('QueueNameExists');
  });

  it('keeps the tags given at creation out of the attributes and the FIFO defaults in them [CQ][GQA]', () => {
    const { sqs, url } = fifoQueue();
    const a = sqs.getQueueAttributes(ctx, url, ['All']);
    // [GQA] FIFO queues report FifoQueue, ContentBasedDeduplication (default false), DeduplicationScope (queue), FifoThroughputLimit (perQueue).
    expect(a).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
    const std = arrange();
    const s = std.sqs.getQueueAttributes(ctx, std.url, ['All']);
    for (const k of ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']) expect(s).not.toHaveProperty(k);
  });

  it('refuses to re-create a deleted queue name for 60 seconds [CQ][DQ]', () => {
    const { model, sqs, url } = arrange();
    sqs.deleteQueue(ctx, url);
    // [DQ] "After you delete a queue, you must wait at least 60 seconds before creating a queue with the same name."
    // [CQ] error QueueDeletedRecently.
    model.clock.advance(59 * SECOND);
    expect(outcome(() => sqs.createQueue(ctx, 'q'))).toBe('QueueDeletedRecently');
    model.clock.advance(SECOND - 1);
    expect(outcome(() => sqs.createQueue(ctx, 'q'))).toBe('QueueDeletedRecently');
    model.clock.advance(1);
    expect(outcome(() => sqs.createQueue(ctx, 'q'))).toBe('ok');
    expect(outcome(() => sqs.createQueue(ctx, 'other'))).toBe('ok');
  });

  it('a deleted queue is gone with its messages; a re-created one starts empty [DQ]', () => {
    const { model, sqs, url } = arrange();
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x' });
    sqs.deleteQueue(ctx, url);
    expect(outcome(() => sqs.getQueueAttributes(ctx, url))).toBe('QueueDoesNotExist');
    model.clock.advance(MINUTE);
    const again = sqs.createQueue(ctx, 'q');
    expect(sqs.receiveMessage(ctx, { QueueUrl: again, MaxNumberOfMessages: 10 })).toEqual([]);
  });
});

describe('GetQueueUrl, ListQueues, queue URLs', () => {
  it('GetQueueUrl finds a queue by name, in the caller account or the given owner account [GQU]', () => {
    const { sqs, url } = arrange();
    expect(sqs.getQueueUrl(ctx, 'q')).toBe(url);
    expect(sqs.getQueueUrl({ caller: OTHER }, 'q', '111122223333')).toBe(url);
    expect(outcome(() => sqs.getQueueUrl({ caller: OTHER }, 'q'))).toBe('QueueDoesNotExist');
    expect(outcome(() => sqs.getQueueUrl(ctx, 'nope'))).toBe('QueueDoesNotExist');
  });

  it('ListQueues lists the caller account queues whose names start with the prefix [LQ]', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', '1'), minLength: 1, maxLength: 3 }), { maxLength: 6 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 2 }),
        (names, prefix) => {
          const model = new ReferenceModel();
          for (const n of names) model.sqs.createQueue(ctx, n);
          model.sqs.createQueue({ caller: OTHER }, `${prefix}zz`);
          const got = model.sqs.listQueues(ctx, prefix);
          const want = names.filter((n) => n.startsWith(prefix)).map((n) => `https://sqs.us-east-1.amazonaws.com/111122223333/${n}`);
          expect(got.sort()).toEqual(want.sort());
          expect(model.sqs.listQueues(ctx).length).toBe(names.length);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a URL that does not end in account/name, or is not a string, names no queue', () => {
    const { sqs, url } = arrange();
    expect(outcome(() => sqs.getQueueAttributes(ctx, `${url}/extra`))).toBe('QueueDoesNotExist');
    expect(outcome(() => sqs.getQueueAttributes(ctx, 42 as unknown as string))).toBe('QueueDoesNotExist');
    expect(outcome(() => sqs.getQueueAttributes(ctx, `${url}/`))).toBe('ok');
  });
});

describe('PurgeQueue', () => {
  it('deletes every message, and allows one purge per 60 seconds [PQ]', () => {
    const { model, sqs, url } = arrange();
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'a' });
    sqs.purgeQueue(ctx, url);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url })).toEqual([]);
    // [PQ] PurgeQueueInProgress: "the specified queue previously received a PurgeQueue request within the last 60 seconds".
    model.clock.advance(60 * SECOND - 1);
    expect(outcome(() => sqs.purgeQueue(ctx, url))).toBe('PurgeQueueInProgress');
    model.clock.advance(1);
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'b' });
    expect(outcome(() => sqs.purgeQueue(ctx, url))).toBe('ok');
    expect(sqs.receiveMessage(ctx, { QueueUrl: url })).toEqual([]);
  });
});

describe('queue attributes', () => {
  const RANGES: [string, number, number][] = [
    ['DelaySeconds', 0, 900], // [SQA] 0 to 900 seconds
    ['MessageRetentionPeriod', 60, 1_209_600], // [SQA] 60 to 1,209,600 seconds
    ['ReceiveMessageWaitTimeSeconds', 0, 20], // [SQA] 0 to 20 seconds
    ['VisibilityTimeout', 0, 43_200], // [SQA] 0 to 43,200 seconds
    ['MaximumMessageSize', 1_024, 1_048_576], // [SQA] 1,024 bytes to 1,048,576 bytes
    ['KmsDataKeyReusePeriodSeconds', 60, 86_400], // [SQA] 60 seconds to 86,400 seconds
  ];

  it('accepts an integer attribute exactly within its documented range, InvalidAttributeValue outside it [SQA]', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RANGES), fc.integer({ min: -2, max: 2 }), fc.boolean(), ([name, lo, hi], d, atTop) => {
        const v = (atTop ? hi : lo) + d;
        const { sqs, url } = arrange();
        const got = outcome(() => sqs.setQueueAttributes(ctx, url, { [name]: String(v) }));
        expect(got).toBe(v >= lo && v <= hi ? 'ok' : 'InvalidAttributeValue');
        if (got === 'ok' && name !== 'KmsDataKeyReusePeriodSeconds') expect(sqs.getQueueAttributes(ctx, url, [name])).toEqual({ [name]: String(v) });
      }),
    );
    const { sqs, url } = arrange();
    for (const [name, lo] of RANGES)
      for (const v of ['', '1.5', 'ten', '-0', `${lo + 1}.0`, ` ${lo + 1}`, `${lo + 1} `, `${lo + 1}e0`, `+${lo + 1}`])
        expect(outcome(() => sqs.setQueueAttributes(ctx, url, { [name]: v }))).toBe('InvalidAttributeValue');
  });

  it('accepts both ends of every documented range, and refuses one past either end [SQA]', () => {
    // The property above reaches each exact end only by chance; here every end is tried.
    const { sqs, url } = arrange();
    for (const [name, lo, hi] of RANGES) {
      for (const v of [lo, hi])
        expect(
          outcome(() => sqs.setQueueAttributes(ctx, url, { [name]: String(v) })),
          `${name} ${v}`,
        ).toBe('ok');
      for (const v of [lo - 1, hi + 1])
        expect(
          outcome(() => sqs.setQueueAttributes(ctx, url, { [name]: String(v) })),
          `${name} ${v}`,
        ).toBe('InvalidAttributeValue');
    }
  });

  it('defaults: DelaySeconds 0, MaximumMessageSize 1,048,576, MessageRetentionPeriod 345,600, ReceiveMessageWaitTimeSeconds 0, VisibilityTimeout 30 [SQA]', () => {
    const { sqs, url } = arrange();
    expect(sqs.getQueueAttributes(ctx, url, ['All'])).toMatchObject({
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      VisibilityTimeout: '30',
    });
  });

  it('accepts only the documented values of the boolean and enumerated attributes [SQA]', () => {
    const cases: [string, string[]][] = [
      ['SqsManagedSseEnabled', ['true', 'false']],
      ['ContentBasedDeduplication', ['true', 'false']],
      ['DeduplicationScope', ['messageGroup', 'queue']],
      ['FifoThroughputLimit', ['perQueue', 'perMessageGroupId']],
    ];
    const others = ['', 'yes', 'TRUE', 'perqueue', 'group', 'messageGroup ', 'true', 'false', 'queue', 'perQueue', 'messageGroup', 'perMessageGroupId'];
    for (const [name, valid] of cases) {
      for (const v of others) {
        const { sqs, url } = fifoQueue();
        expect(
          outcome(() => sqs.setQueueAttributes(ctx, url, { [name]: v })),
          `${name}=${v}`,
        ).toBe(valid.includes(v) ? 'ok' : 'InvalidAttributeValue');
      }
    }
  });

  it('FIFO-only attributes are unknown on a standard queue; FifoQueue cannot be set; unknown names are refused [SQA][GQA]', () => {
    const { sqs, url } = arrange();
    for (const [k, v] of [
      ['ContentBasedDeduplication', 'true'],
      ['DeduplicationScope', 'queue'],
      ['FifoThroughputLimit', 'perQueue'],
      ['FifoQueue', 'true'],
      ['QueueArn', 'x'],
      ['Nope', '1'],
    ] as const) {
      expect(
        outcome(() => sqs.setQueueAttributes(ctx, url, { [k]: v })),
        k,
      ).toBe('InvalidAttributeName');
    }
    expect(outcome(() => sqs.createQueue(ctx, 'r', { DeduplicationScope: 'queue' }))).toBe('InvalidAttributeName');
    expect(outcome(() => sqs.getQueueAttributes(ctx, url, ['Nope']))).toBe('InvalidAttributeName');
  });

  it('Policy, RedrivePolicy and RedriveAllowPolicy take a JSON object, or the empty string, which removes them [SQA][GQA]', () => {
    for (const name of ['Policy', 'RedrivePolicy', 'RedriveAllowPolicy']) {
      const { sqs, url } = arrange();
      for (const bad of ['x', '[]', 'null', '1', '"s"'])
        expect(
          outcome(() => sqs.setQueueAttributes(ctx, url, { [name]: bad })),
          `${name}=${bad}`,
        ).toBe('InvalidAttributeValue');
      sqs.setQueueAttributes(ctx, url, { [name]: '{"a":1}' });
      expect(sqs.getQueueAttributes(ctx, url, [name])).toEqual({ [name]: '{"a":1}' });
      expect(sqs.getQueueAttributes(ctx, url, ['All'])[name]).toBe('{"a":1}');
      sqs.setQueueAttributes(ctx, url, { [name]: '' });
      expect(sqs.getQueueAttributes(ctx, url, ['All'])).not.toHaveProperty(name);
      expect(sqs.getQueueAttributes(ctx, url, [name])).toStrictEqual({});
    }
  });

  it('GetQueueAttributes returns the names asked for, every one for All, none for none; timestamps in epoch seconds [GQA]', () => {
    const { model, sqs, url } = arrange();
    const created = Math.floor(model.clock.now() / 1000);
    model.clock.advance(5_500);
    sqs.setQueueAttributes(ctx, url, { DelaySeconds: '1' });
    expect(sqs.getQueueAttributes(ctx, url)).toEqual({});
    expect(sqs.getQueueAttributes(ctx, url, ['DelaySeconds', 'QueueArn'])).toEqual({ DelaySeconds: '1', QueueArn: 'arn:aws:sqs:us-east-1:111122223333:q' });
    expect(sqs.getQueueAttributes(ctx, url, ['FifoQueue', 'KmsMasterKeyId'])).toStrictEqual({});
    const all = sqs.getQueueAttributes(ctx, url, ['All']);
    expect(all.CreatedTimestamp).toBe(String(created));
    expect(all.LastModifiedTimestamp).toBe(String(Math.floor(model.clock.now() / 1000)));
    for (const k of [
      'QueueArn',
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
      'CreatedTimestamp',
      'LastModifiedTimestamp',
    ]) {
      expect(all).toHaveProperty(k);
      expect(
        outcome(() => sqs.getQueueAttributes(ctx, url, [k])),
        k,
      ).toBe('ok');
      expect(
        outcome(() => sqs.setQueueAttributes(ctx, url, { [k]: '1' })),
        k,
      ).toBe('InvalidAttributeName');
    }
    expect(outcome(() => sqs.getQueueAttributes(ctx, url, ['FifoQueue', 'All']))).toBe('ok');
  });
});

describe('SendMessage', () => {
  it('accepts exactly the bodies of the documented Unicode characters; an empty body is missing [SM]', () => {
    const ch = fc.oneof(fc.integer({ min: 0, max: 0x3f }), fc.integer({ min: 0xd7f0, max: 0xe010 }), fc.integer({ min: 0xfff0, max: 0x10010 }));
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 4 }), (cps) => {
        // Lone surrogates are written as UTF-16 code units (two adjacent ones may pair into one code point).
        const body = cps.map((c) => (c >= 0xd800 && c <= 0xdfff ? String.fromCharCode(c) : String.fromCodePoint(c))).join('');
        // [SM] MessageBody: "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"; other characters: InvalidMessageContents.
        const ok = Array.from(body, (c) => c.codePointAt(0)!).every(
          (c) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff),
        );
        const { sqs, url } = arrange();
        expect(outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: body }))).toBe(
          body === '' ? 'MissingParameter' : ok ? 'ok' : 'InvalidMessageContents',
        );
      }),
    );
    const { sqs, url } = arrange();
    expect(outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: undefined as unknown as string }))).toBe('MissingParameter');
    expect(outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'a\u0000' }))).toBe('InvalidMessageContents');
    expect(outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: '\u0000a' }))).toBe('InvalidMessageContents');
  });

  it('SendMessage answers MD5OfMessageAttributes only for attributes sent, SequenceNumber only on FIFO queues [SM]', () => {
    const { sqs, url } = arrange();
    const plain = sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x', MessageAttributes: {} });
    expect(plain).not.toHaveProperty('MD5OfMessageAttributes');
    expect(plain).not.toHaveProperty('SequenceNumber');
    const withAttr = sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x', MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } } });
    expect(withAttr.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(withAttr).not.toHaveProperty('SequenceNumber');
  });

  it('ApproximateNumberOfMessages and ApproximateNumberOfMessagesDelayed follow a delay as it passes [GQA]', () => {
    const { model, sqs, url } = arrange();
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x', DelaySeconds: 2 });
    const counts = () => sqs.getQueueAttributes(ctx, url, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed']);
    expect(counts()).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesDelayed: '1' });
    model.clock.advance(2 * SECOND);
    expect(counts()).toEqual({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesDelayed: '0' });
  });

  it('DelaySeconds: 0 to 900 on standard queues, delaying the message; not allowed per message on FIFO queues [SM]', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 897, max: 903 }), fc.constant(1.5)), (d) => {
        const { model, sqs, url } = arrange();
        const got = outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x', DelaySeconds: d }));
        expect(got).toBe(Number.isInteger(d) && d >= 0 && d <= 900 ? 'ok' : 'InvalidParameterValue');
        if (got === 'ok' && d > 0) {
          model.clock.advance(d * SECOND - 1);
          expect(sqs.receiveMessage(ctx, { QueueUrl: url })).toHaveLength(0);
          model.clock.advance(1);
          expect(sqs.receiveMessage(ctx, { QueueUrl: url })).toHaveLength(1);
        }
      }),
    );
    const f = fifoQueue();
    expect(
      outcome(() => f.sqs.sendMessage(ctx, { QueueUrl: f.url, MessageBody: 'x', DelaySeconds: 0, MessageGroupId: 'g', MessageDeduplicationId: 'd' })),
    ).toBe('InvalidParameterValue');
  });

  it('the queue DelaySeconds applies when the message has none [SQA][SM]', () => {
    const { model, sqs, url } = arrange({ DelaySeconds: '3' });
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x' });
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'y', DelaySeconds: 0 });
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 }).map((m) => m.Body)).toEqual(['y']);
    model.clock.advance(3 * SECOND);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 }).map((m) => m.Body)).toEqual(['x']);
  });

  it('FIFO: MessageGroupId required; a deduplication id required unless content-based deduplication is on [SM]', () => {
    const f = fifoQueue();
    expect(outcome(() => f.sqs.sendMessage(ctx, { QueueUrl: f.url, MessageBody: 'x', MessageDeduplicationId: 'd' }))).toBe('MissingParameter');
    expect(outcome(() => f.sqs.sendMessage(ctx, { QueueUrl: f.url, MessageBody: 'x', MessageGroupId: 'g' }))).toBe('InvalidParameterValue');
    const c = fifoQueue({ ContentBasedDeduplication: 'true' });
    expect(outcome(() => c.sqs.sendMessage(ctx, { QueueUrl: c.url, MessageBody: 'x', MessageGroupId: 'g' }))).toBe('ok');
  });

  it('FIFO: a message with the same deduplication id within 5 minutes is accepted but not delivered again [SM]', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom(0, 5 * MINUTE - 1, 5 * MINUTE), (contentBased, groupScope, sameGroup, gap) => {
        const { model, sqs, url } = fifoQueue({ ContentBasedDeduplication: String(contentBased), DeduplicationScope: groupScope ? 'messageGroup' : 'queue' });
        const send = (group: string) =>
          sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'same', MessageGroupId: group, ...(contentBased ? {} : { MessageDeduplicationId: 'd' }) });
        const first = send('g1');
        model.clock.advance(gap);
        const second = send(sameGroup ? 'g1' : 'g2');
        // [SM] MessageDeduplicationId: within the 5-minute deduplication interval a message with the same id is accepted
        // successfully but not delivered; [SQA] DeduplicationScope=messageGroup scopes the deduplication to the message group.
        const duplicate = gap < 5 * MINUTE && (sameGroup || !groupScope);
        expect(second.MessageId === first.MessageId).toBe(duplicate);
        expect(second.SequenceNumber === first.SequenceNumber).toBe(duplicate);
        expect(second.MD5OfMessageBody).toBe(first.MD5OfMessageBody);
        const got = sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10, AttributeNames: ['All'] });
        const got2 = sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 });
        expect(got.length + got2.length).toBe(duplicate ? 1 : 2);
        for (const m of got) {
          // [RM] FIFO messages carry MessageGroupId, MessageDeduplicationId and SequenceNumber.
          expect(m.Attributes?.MessageDeduplicationId).toBeDefined();
          if (!contentBased) expect(m.Attributes?.MessageDeduplicationId).toBe('d');
          expect(m.Attributes?.SequenceNumber).toMatch(/^\d+$/);
          expect(m.Attributes?.MessageGroupId).toMatch(/^g[12]$/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a standard queue does not deduplicate: the same body twice is two messages [SM]', () => {
    const { sqs, url } = arrange();
    const a = sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'same' });
    // [SM] deduplication (MessageDeduplicationId, content-based) applies only to FIFO queues.
    const b = sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'same' });
    expect(a.MessageId).not.toBe(b.MessageId);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 })).toHaveLength(2);
  });

  it('content-based deduplication tells different bodies apart [SQA]', () => {
    const { sqs, url } = fifoQueue({ ContentBasedDeduplication: 'true' });
    const a = sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g' });
    const b = sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'b', MessageGroupId: 'g' });
    expect(a.MessageId).not.toBe(b.MessageId);
    expect(a.SequenceNumber).toMatch(/^\d{20}$/);
  });
});

describe('message attributes', () => {
  const str = (s: string): MessageAttributeValue => ({ DataType: 'String', StringValue: s });
  const send = (attrs: Record<string, MessageAttributeValue>) => {
    const { sqs, url } = arrange();
    return outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x', MessageAttributes: attrs }));
  };

  it('names: up to 256 of A-Za-z0-9 _ - ., no leading, trailing or double period, no aws. or amazon. prefix [SM]', () => {
    const unit = fc.constantFrom('a', 'Z', '0', '_', '-', '.', '!', ' ');
    const nameArb = fc.oneof(
      fc.string({ unit, minLength: 1, maxLength: 6 }),
      fc
        .tuple(fc.constantFrom('aws.', 'AWS.', 'amazon.', 'Amazon.', 'awsx', 'amazonx'), fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 2 }))
        .map(([p, s]) => p + s),
      fc.integer({ min: 254, max: 258 }).map((n) => 'a'.repeat(n)),
    );
    fc.assert(
      fc.property(nameArb, (name) => {
        // [SM] MessageAttributes / Name: "Can contain alphanumeric characters, hyphens (-), underscores (_), and periods (.)";
        // "is case-sensitive and must be unique"; "must not start with AWS-reserved prefixes such as AWS. or Amazon. (or any casing variants)";
        // "must not start or end with a period (.), and it should not have periods in succession (..)"; "can be up to 256 characters long".
        const ok =
          /^[A-Za-z0-9_.-]+$/.test(name) &&
          name.length <= 256 &&
          !name.startsWith('.') &&
          !name.endsWith('.') &&
          !name.includes('..') &&
          !/^(aws|amazon)\./i.test(name);
        expect(send({ [name]: str('v') })).toBe(ok ? 'ok' : 'InvalidParameterValue');
      }),
    );
  });

  it('at most 10 attributes per message [SM]', () => {
    const attrs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, str('v')]));
    expect(send(attrs(10))).toBe('ok');
    expect(send(attrs(11))).toBe('InvalidParameterValue');
  });

  it('types String, Number and Binary, with optional custom suffixes; each needs its value [MAV]', () => {
    const cases: [MessageAttributeValue, string][] = [
      [{ DataType: 'String', StringValue: 'v' }, 'ok'],
      [{ DataType: 'String.custom', StringValue: 'v' }, 'ok'],
      [{ DataType: 'String', StringValue: '' }, 'InvalidParameterValue'],
      [{ DataType: 'String' }, 'InvalidParameterValue'],
      [{ DataType: 'Binary', BinaryValue: new Uint8Array([1]) }, 'ok'],
      [{ DataType: 'Binary', StringValue: 'v' }, 'InvalidParameterValue'],
      [{ DataType: 'Number', StringValue: '12' }, 'ok'],
      [{ DataType: 'Number.int', StringValue: '-1.5e3' }, 'ok'],
      [{ DataType: 'Number' }, 'InvalidParameterValue'],
      [{ DataType: 'Text', StringValue: 'v' }, 'InvalidParameterValue'],
      [{ StringValue: 'v' }, 'InvalidParameterValue'],
    ];
    for (const [v, want] of cases) expect(send({ a: v }), JSON.stringify(v)).toBe(want);
  });

  it('names and Number values, by example [SM][MAV]', () => {
    for (const [name, want] of [
      ['myaws.x', 'ok'],
      ['xamazon.y', 'ok'],
      ['a!', 'InvalidParameterValue'],
      ['!a', 'InvalidParameterValue'],
      ['a.b', 'ok'],
      ['a..b', 'InvalidParameterValue'],
      ['.a', 'InvalidParameterValue'],
      ['a.', 'InvalidParameterValue'],
    ]) {
      expect(send({ [name!]: str('v') }), name).toBe(want);
    }
    for (const [n, want] of [
      ['1.25', 'ok'],
      ['-3', 'ok'],
      ['2e10', 'ok'],
      ['2E-3', 'ok'],
      ['2e+3', 'ok'],
      ['2e3', 'ok'],
      ['1.', 'InvalidParameterValue'],
      ['.5', 'InvalidParameterValue'],
      ['1e', 'InvalidParameterValue'],
      ['2ex3', 'InvalidParameterValue'],
      ['x1', 'InvalidParameterValue'],
      ['1x', 'InvalidParameterValue'],
      ['1.5.5', 'InvalidParameterValue'],
    ]) {
      expect(send({ n: { DataType: 'Number', StringValue: n! } }), n).toBe(want);
    }
  });

  it('a Number value must be a number [MAV]', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '0', '-', '+', '.', 'e', 'E', 'x'), minLength: 1, maxLength: 7 }), (s) => {
        // [MAV] Number: "can contain positive or negative integers or floating-point numbers". Our restatement: a decimal with optional sign, fraction and exponent.
        const ok = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(s);
        expect(send({ n: { DataType: 'Number', StringValue: s } })).toBe(ok ? 'ok' : 'InvalidParameterValue');
      }),
    );
  });

  it('attributes count toward the message size: body + names + types + values [SM][SQA]', () => {
    const { sqs, url } = arrange({ MaximumMessageSize: '1024' });
    const body = 'b'.repeat(1024 - 'k'.length - 'String'.length - 'v'.length);
    expect(outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: body, MessageAttributes: { k: str('v') } }))).toBe('ok');
    expect(outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: `${body}b`, MessageAttributes: { k: str('v') } }))).toBe('InvalidParameterValue');
    expect(outcome(() => sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: `${body}b`, MessageAttributes: {} }))).toBe('ok');
  });
});

describe('SendMessageBatch', () => {
  const entry = (Id: string, extra: object = {}) => ({ Id, MessageBody: `body-${Id}`, ...extra });

  it('1 to 10 entries with distinct ids of up to 80 alphanumerics, hyphens and underscores [SMB]', () => {
    const idArb = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'B', '7', '-', '_', '.', ' '), minLength: 0, maxLength: 4 }),
      fc.integer({ min: 79, max: 81 }).map((n) => 'i'.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(idArb, { minLength: 0, maxLength: 12 }), (ids) => {
        const { sqs, url } = arrange();
        const got = outcome(() =>
          sqs.sendMessageBatch(
            ctx,
            url,
            ids.map((i) => entry(i)),
          ),
        );
        // [SMB] errors EmptyBatchRequest, TooManyEntriesInBatchRequest, InvalidBatchEntryId ("can only contain alphanumeric characters,
        // hyphens and underscores. It can be at most 80 letters long"), BatchEntryIdsNotDistinct.
        // Entries are checked in order; which error a batch with both faults gets is not documented (the model reports the first).
        const firstFault = () => {
          const seen = new Set<string>();
          for (const i of ids) {
            if (!/^[A-Za-z0-9_-]{1,80}$/.test(i)) return 'InvalidBatchEntryId';
            if (seen.has(i)) return 'BatchEntryIdsNotDistinct';
            seen.add(i);
          }
          return 'ok';
        };
        const want = ids.length === 0 ? 'EmptyBatchRequest' : ids.length > 10 ? 'TooManyEntriesInBatchRequest' : firstFault();
        expect(got).toBe(want);
        if (want === 'ok') expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 })).toHaveLength(ids.length);
      }),
    );
  });

  it('10 entries are allowed, 11 are too many [SMB]', () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => entry(`e${i}`));
    const { sqs, url } = arrange();
    expect(outcome(() => sqs.sendMessageBatch(ctx, url, entries(10)))).toBe('ok');
    expect(outcome(() => sqs.sendMessageBatch(ctx, url, entries(11)))).toBe('TooManyEntriesInBatchRequest');
    expect(outcome(() => sqs.sendMessageBatch(ctx, url, undefined as unknown as []))).toBe('EmptyBatchRequest');
  });

  it('reports a bad entry in Failed, sender fault, and sends the others [SMB]', () => {
    const { sqs, url } = arrange();
    const r = sqs.sendMessageBatch(ctx, url, [entry('a'), { Id: 'b', MessageBody: '' }, entry('c', { DelaySeconds: 901 })]);
    expect(r.Successful.map((s) => s.Id)).toEqual(['a']);
    expect(r.Failed.map((f) => [f.Id, f.SenderFault, f.Code])).toEqual([
      ['b', true, 'MissingParameter'],
      ['c', true, 'InvalidParameterValue'],
    ]);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 }).map((m) => m.Body)).toEqual(['body-a']);
  });

  it('the sum of all entries may not exceed 1 MiB: BatchRequestTooLong [SMB]', () => {
    // [SMB] "the maximum total payload size (the sum of the individual lengths of all of the batched messages)" is 1,048,576 bytes,
    // the queue default. (Which limit applies when MaximumMessageSize is set lower is left open here.)
    const { sqs, url } = arrange();
    const half = 524_288;
    expect(
      outcome(() =>
        sqs.sendMessageBatch(ctx, url, [
          { Id: 'a', MessageBody: 'a'.repeat(half) },
          { Id: 'b', MessageBody: 'b'.repeat(half) },
        ]),
      ),
    ).toBe('ok');
    expect(
      outcome(() =>
        sqs.sendMessageBatch(ctx, url, [
          { Id: 'a', MessageBody: 'a'.repeat(half) },
          { Id: 'b', MessageBody: 'b'.repeat(half + 1) },
        ]),
      ),
    ).toBe('BatchRequestTooLong');
  });
});

describe('ReceiveMessage and DeleteMessage', () => {
  it('MaxNumberOfMessages 1 to 10, WaitTimeSeconds 0 to 20, VisibilityTimeout 0 to 43,200, integers [RM]', () => {
    const param = fc.constantFrom(['MaxNumberOfMessages', 1, 10], ['WaitTimeSeconds', 0, 20], ['VisibilityTimeout', 0, 43_200]) as fc.Arbitrary<
      [string, number, number]
    >;
    // Every value around both bounds, whole and half, is tried: 60 cases, too few to leave to sampling.
    fc.assert(
      fc.property(param, fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.boolean(), ([name, lo, hi], d, atTop, half) => {
        const v = (atTop ? hi : lo) + d + (half ? 0.5 : 0);
        const { sqs, url } = arrange();
        const got = outcome(() => sqs.receiveMessage(ctx, { QueueUrl: url, [name]: v }));
        expect(got, `${name}=${v}`).toBe(Number.isInteger(v) && v >= lo && v <= hi ? 'ok' : 'InvalidParameterValue');
      }),
      {
        examples: (
          [
            ['MaxNumberOfMessages', 1, 10],
            ['WaitTimeSeconds', 0, 20],
            ['VisibilityTimeout', 0, 43_200],
          ] as [string, number, number][]
        ).flatMap((p) => [-2, -1, 0, 1, 2].flatMap((d) => [true, false].flatMap((atTop) => [true, false].map((half) => [p, d, atTop, half] as const)))),
      },
    );
  });

  it('returns at most MaxNumberOfMessages messages, in flight for the VisibilityTimeout [RM]', () => {
    const { model, sqs, url } = arrange();
    for (let i = 0; i < 5; i++) sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: `m${i}` });
    expect(sqs.receiveMessage(ctx, { QueueUrl: url })).toHaveLength(1);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 3, VisibilityTimeout: 10 })).toHaveLength(3);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 })).toHaveLength(1);
    model.clock.advance(10 * SECOND - 1);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 })).toHaveLength(0);
    model.clock.advance(1);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 })).toHaveLength(3);
  });

  it('system attributes only when asked for, by name or All, through AttributeNames or MessageSystemAttributeNames [RM]', () => {
    const { model, sqs, url } = arrange({ VisibilityTimeout: '0' });
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x' });
    const sentAt = model.clock.now();
    model.clock.advance(1_000);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url })[0]).not.toHaveProperty('Attributes');
    const all = sqs.receiveMessage(ctx, { QueueUrl: url, AttributeNames: ['All'] })[0]!.Attributes!;
    expect(all.SenderId).toBeDefined();
    expect(all.SentTimestamp).toBe(String(sentAt)); // [RM] epoch time in milliseconds
    expect(all.ApproximateReceiveCount).toBe('2');
    expect(all.ApproximateFirstReceiveTimestamp).toBe(String(sentAt + 1_000));
    for (const k of ['MessageGroupId', 'MessageDeduplicationId', 'SequenceNumber']) expect(all).not.toHaveProperty(k);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] })[0]!.Attributes).toEqual({
      ApproximateReceiveCount: '3',
    });
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, AttributeNames: ['SentTimestamp'] })[0]!.Attributes).toEqual({ SentTimestamp: String(sentAt) });
  });

  it('message attributes only when asked for: by name, All, .*, or a prefix ending in .* [RM]', () => {
    const { sqs, url } = arrange({ VisibilityTimeout: '0' });
    const s = (v: string): MessageAttributeValue => ({ DataType: 'String', StringValue: v });
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x', MessageAttributes: { 'a.x': s('1'), ab: s('2'), b: s('3') } });
    const pick = (names?: string[]) => {
      const m = sqs.receiveMessage(ctx, { QueueUrl: url, ...(names ? { MessageAttributeNames: names } : {}) })[0]!;
      // [RM] MD5OfMessageAttributes accompanies the returned attributes.
      expect(m.MD5OfMessageAttributes === undefined).toBe(m.MessageAttributes === undefined);
      return Object.keys(m.MessageAttributes ?? {}).sort();
    };
    // [RM] MessageAttributeNames: the message attributes to return; none asked for, none returned.
    expect(sqs.receiveMessage(ctx, { QueueUrl: url })[0]).not.toHaveProperty('MessageAttributes');
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MessageAttributeNames: [] })[0]).not.toHaveProperty('MessageAttributes');
    expect(sqs.receiveMessage(ctx, { QueueUrl: url, MessageAttributeNames: [] })[0]).not.toHaveProperty('MD5OfMessageAttributes');
    expect(pick(['All'])).toEqual(['a.x', 'ab', 'b']);
    expect(pick(['.*'])).toEqual(['a.x', 'ab', 'b']);
    expect(pick(['b', 'zzz'])).toEqual(['b']);
    expect(pick(['a.*'])).toEqual(['a.x']);
    expect(pick(['zzz'])).toEqual([]);
  });

  it('DeleteMessage needs a receipt handle that SQS issued, and deletes the message [DM]', () => {
    const { model, sqs, url } = arrange({ VisibilityTimeout: '1' });
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'x' });
    const [m] = sqs.receiveMessage(ctx, { QueueUrl: url });
    expect(outcome(() => sqs.deleteMessage(ctx, url, ''))).toBe('MissingParameter');
    expect(outcome(() => sqs.deleteMessage(ctx, url, undefined as unknown as string))).toBe('MissingParameter');
    // [DM] error ReceiptHandleIsInvalid: "The specified receipt handle isn't valid."
    expect(outcome(() => sqs.deleteMessage(ctx, url, 'not-a-handle'))).toBe('ReceiptHandleIsInvalid');
    expect(outcome(() => sqs.deleteMessage(ctx, url, `x${m!.ReceiptHandle}`))).toBe('ReceiptHandleIsInvalid');
    sqs.sendMessage(ctx, { QueueUrl: url, MessageBody: 'y' });
    const [n] = sqs.receiveMessage(ctx, { QueueUrl: url });
    // [RM] ReceiptHandle: "An identifier associated with the act of receiving the message", one per receive.
    expect(n!.ReceiptHandle).not.toBe(m!.ReceiptHandle);
    // [RM] "If you receive a message more than once, each time you receive it, you get a different receipt handle."
    model.clock.advance(2 * SECOND);
    const again = sqs.receiveMessage(ctx, { QueueUrl: url, MaxNumberOfMessages: 10 });
    expect(again.map((x) => x.MessageId).sort()).toEqual([m!.MessageId, n!.MessageId].sort());
    expect(again.find((x) => x.MessageId === m!.MessageId)!.ReceiptHandle).not.toBe(m!.ReceiptHandle);
    for (const x of again) sqs.deleteMessage(ctx, url, x.ReceiptHandle);
    model.clock.advance(2 * SECOND);
    expect(sqs.receiveMessage(ctx, { QueueUrl: url })).toEqual([]);
  });
});

describe('queues named by ARN (SNS delivery)', () => {
  it('an SNS delivery to a queue that does not exist fails with QueueDoesNotExist; only a whole SQS ARN names a queue', () => {
    const { sqs } = arrange();
    const arn = 'arn:aws:sqs:us-east-1:111122223333:q';
    expect(sqs.queueByArn(arn)?.name).toBe('q');
    expect(sqs.queueByArn(`x${arn}`)).toBeUndefined();
    expect(sqs.queueByArn(`${arn}\nx`)).toBeUndefined();
    expect(outcome(() => sqs.deliverFromSns('arn:aws:sqs:us-east-1:111122223333:gone', { MessageBody: 'x' }))).toBe('QueueDoesNotExist');
    expect(outcome(() => sqs.deliverFromSns(arn, { MessageBody: 'x' }))).toBe('ok');
  });
});
