import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  KmsDisabled,
  KmsInvalidState,
  KmsNotFound,
  ListQueuesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, DAY, SECOND } from '../../reference/index.js';
import { rejection } from './helpers.js';

async function arrange(attributes: Record<string, string> = {}, opts: Parameters<typeof createReferenceClients>[0] = {}) {
  const c = createReferenceClients(opts);
  const keyId = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const url = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: attributes }))).QueueUrl!;
  const attrs = async () => (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
  const send = (body = 'hello') => c.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
  const receive = async (max = 10) => (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: max }))).Messages ?? [];
  return { ...c, keyId, url, attrs, send, receive };
}

describe('SQS encryption modes and attribute rules (SQS-1…SQS-8)', () => {
  it('creates queues with SSE-SQS by default and no KMS attributes', async () => {
    const { attrs } = await arrange();
    const a = await attrs();
    expect(a.SqsManagedSseEnabled).toBe('true');
    expect(a).not.toHaveProperty('KmsMasterKeyId');
    expect(a).not.toHaveProperty('KmsDataKeyReusePeriodSeconds');
  });

  it('creates an unencrypted queue with SqsManagedSseEnabled=false', async () => {
    const { attrs } = await arrange({ SqsManagedSseEnabled: 'false' });
    expect((await attrs()).SqsManagedSseEnabled).toBe('false');
  });

  it.each([
    ['CreateQueue', true],
    ['SetQueueAttributes', false],
  ])('rejects KmsMasterKeyId with SqsManagedSseEnabled=true in %s with InvalidAttributeName', async (_op, onCreate) => {
    const c = createReferenceClients();
    const both = { KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'true' };
    const call = onCreate
      ? c.sqs.send(new CreateQueueCommand({ QueueName: 'both', Attributes: both }))
      : c.sqs
          .send(new CreateQueueCommand({ QueueName: 'both' }))
          .then((r) => c.sqs.send(new SetQueueAttributesCommand({ QueueUrl: r.QueueUrl, Attributes: both })));
    const e = await rejection(call);
    expect(e.name).toBe('InvalidAttributeName');
    expect(e.message).toContain('one type of server-side encryption');
  });

  it('switches SSE-SQS to SSE-KMS with the key alone, echoing it verbatim with the default reuse period', async () => {
    const { sqs, url, attrs } = await arrange();
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: 'testKeyId' } })); // SQS-7: not validated
    const a = await attrs();
    expect(a.SqsManagedSseEnabled).toBe('false');
    expect(a.KmsMasterKeyId).toBe('testKeyId');
    expect(a.KmsDataKeyReusePeriodSeconds).toBe('300');
  });

  it('turns SSE-KMS off with an empty key: unencrypted, not back to SSE-SQS', async () => {
    const { sqs, url, attrs } = await arrange({ KmsMasterKeyId: 'alias/aws/sqs' });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: '' } }));
    const a = await attrs();
    expect(a.SqsManagedSseEnabled).toBe('false');
    expect(a).not.toHaveProperty('KmsMasterKeyId');
    expect(a).not.toHaveProperty('KmsDataKeyReusePeriodSeconds');
  });

  it('returns the reuse period only while SSE-KMS is active', async () => {
    const { sqs, url, attrs } = await arrange({ KmsDataKeyReusePeriodSeconds: '120' });
    expect(await attrs()).not.toHaveProperty('KmsDataKeyReusePeriodSeconds');
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: 'alias/k' } }));
    expect((await attrs()).KmsDataKeyReusePeriodSeconds).toBe('120');
  });

  it.each(['59', '86401', '-1', 'abc', '300.5'])('rejects KmsDataKeyReusePeriodSeconds=%s with InvalidAttributeValue', async (v) => {
    const c = createReferenceClients();
    const e = await rejection(c.sqs.send(new CreateQueueCommand({ QueueName: 'x', Attributes: { KmsDataKeyReusePeriodSeconds: v } })));
    expect(e.name).toBe('InvalidAttributeValue');
  });

  it.each(['60', '86400'])('accepts the boundary reuse period %s', async (v) => {
    const { attrs } = await arrange({ KmsMasterKeyId: 'alias/k', KmsDataKeyReusePeriodSeconds: v });
    expect((await attrs()).KmsDataKeyReusePeriodSeconds).toBe(v);
  });

  it('rejects unknown attribute names', async () => {
    const c = createReferenceClients();
    expect((await rejection(c.sqs.send(new CreateQueueCommand({ QueueName: 'x', Attributes: { Encrypted: 'yes' } as Record<string, string> })))).name).toBe(
      'InvalidAttributeName',
    );
  });
});

describe('SQS queues (SQS-18)', () => {
  it('returns the same URL for an identical CreateQueue and QueueNameExists for a differing SSE attribute', async () => {
    const { sqs, url } = await arrange({ KmsMasterKeyId: 'alias/a' });
    expect((await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: 'alias/a' } }))).QueueUrl).toBe(url);
    const e = await rejection(sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: 'alias/b' } })));
    expect(e.name).toBe('QueueNameExists');
    expect(e.Code).toBe('QueueAlreadyExists');
  });

  it('lists, finds, deletes, and refuses the name again for 60 seconds', async () => {
    const { sqs, url, clock } = await arrange();
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'q' }))).QueueUrls).toEqual([url]);
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'q' }))).QueueUrl).toBe(url);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    expect((await rejection(sqs.send(new GetQueueUrlCommand({ QueueName: 'q' })))).name).toBe('QueueDoesNotExist');
    expect((await rejection(sqs.send(new CreateQueueCommand({ QueueName: 'q' })))).name).toBe('QueueDeletedRecently');
    clock.advance(60 * SECOND);
    await sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
  });

  it('purges at most once per 60 seconds', async () => {
    const { sqs, url, send, receive } = await arrange();
    await send();
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    expect(await receive()).toEqual([]);
    expect((await rejection(sqs.send(new PurgeQueueCommand({ QueueUrl: url })))).name).toBe('PurgeQueueInProgress');
  });
});

describe('SQS transparency and limits (SQS-13, SQS-15, SQS-17)', () => {
  it.each([
    ['unencrypted', { SqsManagedSseEnabled: 'false' }],
    ['SSE-SQS', {}],
    ['SSE-KMS', { KmsMasterKeyId: 'alias/aws/sqs' }],
  ])('round-trips body, attributes and MD5s on a %s queue', async (_mode, attributes) => {
    const { sqs, url } = await arrange(attributes);
    const body = 'ünïcødé 😀 \t\n end';
    const MessageAttributes = { n: { DataType: 'Number', StringValue: '42' }, s: { DataType: 'String', StringValue: 'v' } };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageAttributes }));
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update(body).digest('hex'));
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'] }))).Messages!;
    expect(m!.Body).toBe(body);
    expect(m!.MD5OfBody).toBe(sent.MD5OfMessageBody);
    expect(m!.MessageAttributes).toEqual(MessageAttributes);
    expect(m!.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  });

  it('computes MD5OfMessageAttributes with the documented encoding', async () => {
    const { sqs, url } = await arrange();
    // Independent computation of the documented algorithm for one String attribute.
    const parts = [
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('a'),
      Buffer.from([0, 0, 0, 6]),
      Buffer.from('String'),
      Buffer.from([1]),
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('b'),
    ];
    const expected = createHash('md5').update(Buffer.concat(parts)).digest('hex');
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } }),
    );
    expect(sent.MD5OfMessageAttributes).toBe(expected);
  });

  it('takes the message size limit as a parameter: 1 MiB by default, 256 KiB on request', async () => {
    for (const [limit, opts] of [
      [1_048_576, {}],
      [262_144, { sqsMaxMessageBytes: 262_144 }],
    ] as const) {
      const { send } = await arrange({}, opts);
      await send('a'.repeat(limit));
      const e = await rejection(send('a'.repeat(limit + 1)));
      expect(e.name).toBe('InvalidParameterValue');
      expect(e.message).toContain(`shorter than ${limit} bytes`);
    }
  });

  it('rejects invalid characters and empty bodies', async () => {
    const { send } = await arrange();
    expect((await rejection(send('bad \u0001 char'))).name).toBe('InvalidMessageContents');
    expect((await rejection(send('lone \uD800 surrogate'))).name).toBe('InvalidMessageContents');
    expect((await rejection(send(''))).name).toBe('MissingParameter');
  });

  it('shows at rest: KMS-sealed bodies hidden, metadata in the clear', async () => {
    const { sqs, url, model, keyId } = await arrange({ SqsManagedSseEnabled: 'false' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'plain', MessageAttributes: { a: { DataType: 'String', StringValue: 'x' } } }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'secret', MessageAttributes: { a: { DataType: 'String', StringValue: 'y' } } }));
    const [before, after] = model.sqs.inspect(url);
    expect(before).toMatchObject({ encryption: 'plaintext', body: 'plain' });
    expect(after).toMatchObject({ encryption: 'sse-kms', messageAttributes: { a: { StringValue: 'y' } } });
    expect(after).not.toHaveProperty('body');
    expect(after!.keyArn).toContain(keyId);
  });
});

describe('SQS outcomes by key state (SQS-9, SQS-11, SQS-14, SQS-20)', () => {
  it('keeps serving a principal from its cached data key until the reuse period ends, then fails', async () => {
    const { kms, sqs, keyId, url, clock, model } = await arrange({ SqsManagedSseEnabled: 'false' });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId, KmsDataKeyReusePeriodSeconds: '60' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'warm' }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    // Within the window the model answers exactly (success) and says AWS may also already fail.
    const within = model.windows.collect(() =>
      model.sqs.sendMessage({ caller: 'arn:aws:iam::123456789012:user/reference-user' }, { QueueUrl: url, MessageBody: 'cached' }),
    );
    expect(within.outcome.ok).toBe(true);
    expect(within.alsoAllowed.map((e) => e.name)).toEqual(['KmsDisabled']);
    // Another principal has no cached key and fails at once.
    const other = createReferenceClients({ model, principal: 'arn:aws:iam::123456789012:role/other' });
    const e = await rejection(other.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })));
    expect(e).toBeInstanceOf(KmsDisabled);
    expect(e.Code).toBe('KMS.DisabledException');
    expect(e.$metadata!.httpStatusCode).toBe(400);
    clock.advance(60 * SECOND);
    expect(await rejection(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' })))).toBeInstanceOf(KmsDisabled);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
  });

  it('serves a consumer that has received from its cached data key until the reuse period ends; a consumer without one fails at once', async () => {
    const { kms, sqs, keyId, url, clock, model } = await arrange({ SqsManagedSseEnabled: 'false' });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId, KmsDataKeyReusePeriodSeconds: '60' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'sealed' }));
    const consumer = createReferenceClients({ model, principal: 'arn:aws:iam::123456789012:role/consumer' });
    const cold = createReferenceClients({ model, principal: 'arn:aws:iam::123456789012:role/cold' });
    const receive = async (c: typeof consumer) => (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 }))).Messages ?? [];
    expect((await receive(consumer)).map((m) => m.Body)).toEqual(['sealed']); // the producer's data key does not warm the consumer
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    clock.advance(60 * SECOND - 1);
    // Within the window the model answers exactly (success) and says AWS may also already fail.
    const within = model.windows.collect(() => model.sqs.receiveMessage({ caller: consumer.principal }, { QueueUrl: url, VisibilityTimeout: 0 }));
    expect(within.outcome.ok && within.outcome.value.map((m) => m.Body)).toEqual(['sealed']);
    expect(within.alsoAllowed.map((e) => e.name)).toEqual(['KmsDisabled']);
    expect(await rejection(receive(cold))).toBeInstanceOf(KmsDisabled);
    clock.advance(1);
    expect(await rejection(receive(consumer))).toBeInstanceOf(KmsDisabled);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect((await receive(consumer)).map((m) => m.Body)).toEqual(['sealed']);
  });

  it('keeps backlog sent before SSE was enabled receivable when the key is disabled', async () => {
    const { kms, sqs, keyId, url, send, receive } = await arrange({ SqsManagedSseEnabled: 'false' });
    await send('backlog');
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId } }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect((await receive()).map((m) => m.Body)).toEqual(['backlog']);
  });

  it('keeps messages sealed while SSE was on unreadable while their key is unusable, even after SSE is off', async () => {
    const { kms, sqs, keyId, url, send, receive } = await arrange({ KmsMasterKeyId: '' });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId } }));
    await send('sealed');
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: '' } }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const e = await rejection(receive());
    expect(e).toBeInstanceOf(KmsDisabled);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect((await receive()).map((m) => m.Body)).toEqual(['sealed']);
  });

  it('fails Receive with KmsInvalidState while pending deletion and KmsNotFound once deleted', async () => {
    // Retention of 14 days, so that messages outlive the 7-day deletion window.
    const { kms, keyId, send, receive, clock } = await arrange({ KmsMasterKeyId: '', MessageRetentionPeriod: '1209600' }).then(async (c) => {
      await c.sqs.send(new SetQueueAttributesCommand({ QueueUrl: c.url, Attributes: { KmsMasterKeyId: c.keyId, KmsDataKeyReusePeriodSeconds: '60' } }));
      return c;
    });
    await send('doomed');
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(await rejection(receive())).toBeInstanceOf(KmsInvalidState); // the consumer has no cached data key
    await send('still cached'); // the producer's data key is good for its 60 s reuse period
    clock.advance(60 * SECOND);
    expect(await rejection(send('x'))).toBeInstanceOf(KmsInvalidState);
    clock.advance(7 * DAY);
    expect(await rejection(receive())).toBeInstanceOf(KmsNotFound);
  });

  it('fails SendMessageBatch as a whole on a KMS error', async () => {
    const { kms, sqs, keyId } = await arrange();
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'kms', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const e = await rejection(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: '1' },
            { Id: 'b', MessageBody: '2' },
          ],
        }),
      ),
    );
    expect(e).toBeInstanceOf(KmsDisabled);
  });
});

describe('SQS messages and FIFO queues (SQS-19)', () => {
  it('hides received messages for the visibility timeout and deletes by receipt handle', async () => {
    const { sqs, url, send, receive, clock } = await arrange();
    await send('a');
    const [m] = await receive();
    expect(await receive()).toEqual([]);
    clock.advance(30 * SECOND);
    const [again] = await receive();
    expect(again!.MessageId).toBe(m!.MessageId);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again!.ReceiptHandle }));
    clock.advance(30 * SECOND);
    expect(await receive()).toEqual([]);
  });

  it('keeps order per group, deduplicates within 5 minutes, and locks a group while a message is in flight', async () => {
    const c = createReferenceClients();
    const url = (
      await c.sqs.send(
        new CreateQueueCommand({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', KmsMasterKeyId: 'alias/aws/sqs' } }),
      )
    ).QueueUrl!;
    const send = (body: string, g: string) => c.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: g }));
    const first = await send('a1', 'a');
    expect((await send('a1', 'a')).MessageId).toBe(first.MessageId); // deduplicated
    await send('a2', 'a');
    await send('b1', 'b');
    const got = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }))).Messages!;
    expect(got.map((m) => m.Body)).toEqual(['a1']);
    const next = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages!;
    expect(next.map((m) => m.Body)).toEqual(['b1']); // group a is locked
    expect((await rejection(c.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })))).name).toBe('MissingParameter');
  });

  it('rejects a FIFO queue name without the .fifo suffix', async () => {
    const c = createReferenceClients();
    expect((await rejection(c.sqs.send(new CreateQueueCommand({ QueueName: 'f', Attributes: { FifoQueue: 'true' } })))).name).toBe('InvalidParameterValue');
  });
});
