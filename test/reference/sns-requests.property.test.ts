/**
 * The reference model's generic SNS request rules (clause-independent, issue 14).
 *
 * Why not a clause: topic names, topic and subscription attribute checks, Publish and PublishBatch
 * parameter validation, message attributes, FIFO deduplication and the shape of the delivered
 * envelope are SNS behaviour that does not depend on encryption; the specification states them only
 * where SSE touches them. The reference also serves as a drop-in fake behind real AWS SDK clients, so
 * these rules are held here, through the SDK, each assertion citing the AWS API reference.
 */
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, MINUTE } from '../../reference/index.js';
import { rejection } from './helpers.js';

type Clients = ReturnType<typeof createReferenceClients>;

async function topicIn(c: Clients, name = 't', Attributes: Record<string, string> = {}) {
  return (await c.sns.send(new CreateTopicCommand({ Name: name, Attributes }))).TopicArn!;
}

async function queueIn(c: Clients, name: string) {
  const url = (await c.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: name.endsWith('.fifo') ? { FifoQueue: 'true' } : {} }))).QueueUrl!;
  const arn = (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const receive = async () =>
    (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];
  return { url, arn, receive };
}

const attrsOf = async (c: Clients, TopicArn: string) => (await c.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!;
/** A queue subscribed to `t` with raw delivery and a filter policy on the message body. */
async function bodyFilteredQueue(c: Clients, t: string, FilterPolicy: string) {
  const q = await queueIn(c, 'q');
  await c.sns.send(
    new SubscribeCommand({
      TopicArn: t,
      Protocol: 'sqs',
      Endpoint: q.arn,
      Attributes: { RawMessageDelivery: 'true', FilterPolicyScope: 'MessageBody', FilterPolicy },
    }),
  );
  return q;
}
const refused = async (p: Promise<unknown>) => (await rejection(p)).name;

describe('CreateTopic names', () => {
  // API_CreateTopic: "Topic names must be made up of only uppercase and lowercase ASCII letters,
  // numbers, underscores, and hyphens, and must be between 1 and 256 characters long. For a FIFO
  // topic, the name must end with the .fifo suffix."
  const nameChar = fc.constantFrom('a', 'Z', '0', '9', '_', '-', '.', ' ', '!', 'é');
  const nameArb = fc.oneof(
    fc.array(nameChar, { minLength: 0, maxLength: 12 }).map((cs) => cs.join('')),
    fc.tuple(fc.array(nameChar, { maxLength: 6 }), fc.constantFrom('.fifo', 'fifo', '.fifo.fifo', '')).map(([cs, s]) => cs.join('') + s),
    fc.integer({ min: 250, max: 260 }).map((n) => 'a'.repeat(n)),
  );

  it('accepts exactly the names made of letters, digits, _ and - (1 to 256), with .fifo for and only for FIFO topics', async () => {
    await fc.assert(
      fc.asyncProperty(nameArb, fc.boolean(), async (name, fifo) => {
        const c = createReferenceClients();
        const base = fifo && name.endsWith('.fifo') ? name.slice(0, -5) : name;
        const valid = /^[A-Za-z0-9_-]{1,256}$/.test(base) && fifo === name.endsWith('.fifo');
        const p = c.sns.send(new CreateTopicCommand({ Name: name, Attributes: fifo ? { FifoTopic: 'true' } : {} }));
        if (valid) expect((await p).TopicArn).toBe(`arn:aws:sns:${c.model.region}:123456789012:${name}`);
        else expect(await refused(p)).toBe('InvalidParameterException');
      }),
      { numRuns: 200 },
    );
  });

  it('takes FifoTopic "false" for a standard topic, refuses a FifoTopic that is neither true nor false, and repeats alike (API_CreateTopic)', async () => {
    const c = createReferenceClients();
    const arn = await topicIn(c, 'std', { FifoTopic: 'false' });
    expect(await topicIn(c, 'std', { FifoTopic: 'false' })).toBe(arn);
    expect(await attrsOf(c, arn)).not.toHaveProperty('FifoTopic');
    const fifoArn = await topicIn(c, 'f.fifo', { FifoTopic: 'true' });
    expect(await topicIn(c, 'f.fifo', { FifoTopic: 'true' })).toBe(fifoArn);
    expect(await refused(c.sns.send(new CreateTopicCommand({ Name: 'x', Attributes: { FifoTopic: 'yes' } })))).toBe('InvalidParameterException');
  });
});

describe('topic attributes (API_GetTopicAttributes, API_SetTopicAttributes)', () => {
  it('reports the documented attributes of a new topic, with SNS default HTTP delivery policy', async () => {
    const c = createReferenceClients();
    const arn = await topicIn(c);
    const a = await attrsOf(c, arn);
    // API_GetTopicAttributes lists TopicArn, Owner, Policy, DisplayName, SubscriptionsConfirmed/Pending/Deleted, EffectiveDeliveryPolicy.
    expect(a).toMatchObject({ TopicArn: arn, Owner: '123456789012', DisplayName: '', SignatureVersion: '1' });
    expect(a).toMatchObject({ SubscriptionsConfirmed: '0', SubscriptionsPending: '0', SubscriptionsDeleted: '0' });
    // https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html: HTTP/S default 3 retries, 20 s, linear.
    expect(JSON.parse(a.EffectiveDeliveryPolicy!)).toEqual({
      http: {
        defaultHealthyRetryPolicy: {
          minDelayTarget: 20,
          maxDelayTarget: 20,
          numRetries: 3,
          numMaxDelayRetries: 0,
          numNoDelayRetries: 0,
          numMinDelayRetries: 0,
          backoffFunction: 'linear',
        },
        disableSubscriptionOverrides: false,
      },
    });
    // The default access policy lets the owner account do everything on its topic
    // (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html).
    expect(JSON.parse(a.Policy!)).toEqual({
      Version: '2008-10-17',
      Id: '__default_policy_ID',
      Statement: [
        {
          Sid: '__default_statement_ID',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: [
            'SNS:GetTopicAttributes',
            'SNS:SetTopicAttributes',
            'SNS:AddPermission',
            'SNS:RemovePermission',
            'SNS:DeleteTopic',
            'SNS:Subscribe',
            'SNS:ListSubscriptionsByTopic',
            'SNS:Publish',
          ],
          Resource: arn,
          Condition: { StringEquals: { 'AWS:SourceOwner': '123456789012' } },
        },
      ],
    });
    const fifo = await attrsOf(c, await topicIn(c, 'f.fifo', { FifoTopic: 'true' }));
    expect(fifo).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'false' });
  });

  it('sets every documented attribute, refuses unknown ones, FifoTopic, and FIFO-only ones on standard topics', async () => {
    const c = createReferenceClients();
    const std = await topicIn(c);
    const fifo = await topicIn(c, 'f.fifo', { FifoTopic: 'true' });
    const set = (TopicArn: string, AttributeName: string, AttributeValue: string) =>
      c.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName, AttributeValue }));
    const values: Record<string, string> = {
      DeliveryPolicy: '{"http":{}}',
      DisplayName: 'shown',
      Policy: '{"Version":"2012-10-17","Statement":[]}',
      KmsMasterKeyId: 'alias/aws/sns',
      SignatureVersion: '2',
      TracingConfig: 'Active',
      ArchivePolicy: '{"MessageRetentionPeriod":"30"}',
      FifoThroughputScope: 'MessageGroup',
      DataProtectionPolicy: '{"Name":"p","Version":"2021-06-01","Statement":[]}',
      ContentBasedDeduplication: 'true',
      MaximumMessageSize: '2048',
    };
    const fifoOnly = ['ContentBasedDeduplication', 'ArchivePolicy', 'FifoThroughputScope'];
    for (const [k, v] of Object.entries(values)) {
      await set(fifo, k, v);
      expect((await attrsOf(c, fifo))[k]).toBe(v);
      if (fifoOnly.includes(k)) expect(await refused(set(std, k, v))).toBe('InvalidParameterException');
      else {
        await set(std, k, v);
        expect((await attrsOf(c, std))[k]).toBe(v);
        // A standard topic can be created with it too.
        await topicIn(c, `with-${k}`, { [k]: v });
      }
    }
    // An attribute set to "" is kept as "" (only KmsMasterKeyId disappears, SNS-5).
    await set(std, 'DisplayName', '');
    expect((await attrsOf(c, std)).DisplayName).toBe('');
    for (const k of fifoOnly)
      expect(await refused(c.sns.send(new CreateTopicCommand({ Name: `s-${k}`, Attributes: { [k]: values[k]! } })))).toBe('InvalidParameterException');
    expect(await refused(set(fifo, 'FifoTopic', 'false'))).toBe('InvalidParameterException');
    expect(await refused(set(std, 'Encrypted', 'true'))).toBe('InvalidParameterException');
    expect(await refused(c.sns.send(new CreateTopicCommand({ Name: 'u', Attributes: { Encrypted: 'true' } })))).toBe('InvalidParameterException');
  });

  it('refuses malformed values: ContentBasedDeduplication not true/false, Policy or DeliveryPolicy not JSON, MaximumMessageSize not an integer in range', async () => {
    const c = createReferenceClients();
    const std = await topicIn(c);
    const fifo = await topicIn(c, 'f.fifo', { FifoTopic: 'true' });
    const set = (TopicArn: string, AttributeName: string, AttributeValue: string) =>
      c.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName, AttributeValue }));
    await set(fifo, 'ContentBasedDeduplication', 'false');
    expect(await refused(set(fifo, 'ContentBasedDeduplication', 'yes'))).toBe('InvalidParameterException');
    for (const k of ['Policy', 'DeliveryPolicy']) {
      expect(await refused(set(std, k, '{not json'))).toBe('InvalidParameterException');
      await set(std, k, '');
    }
    for (const v of ['1e4', '0x800', '2048.0', ' 2048', '1023', '1048577'])
      expect(await refused(set(std, 'MaximumMessageSize', v))).toBe('InvalidParameterException');
  });

  it('lists the caller account topics and deletes them (API_ListTopics, API_DeleteTopic)', async () => {
    const c = createReferenceClients();
    const other = createReferenceClients({ model: c.model, accountId: '210987654321' });
    const a = await topicIn(c, 'a');
    const b = await topicIn(c, 'b');
    const x = await topicIn(other, 'x');
    expect((await c.sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: a }, { TopicArn: b }]);
    expect((await other.sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: x }]);
    await c.sns.send(new DeleteTopicCommand({ TopicArn: a }));
    expect((await c.sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: b }]);
    expect(await refused(c.sns.send(new GetTopicAttributesCommand({ TopicArn: a })))).toBe('NotFoundException');
    expect(await refused(c.sns.send(new PublishCommand({ TopicArn: a, Message: 'm' })))).toBe('NotFoundException');
  });
});

describe('subscriptions (API_Subscribe, API_Unsubscribe)', () => {
  it('subscribes SQS queues by ARN, one subscription per endpoint, and counts them', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const q1 = await queueIn(c, 'q1');
    const q2 = await queueIn(c, 'q2');
    const s1 = (await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q1.arn }))).SubscriptionArn!;
    const s2 = (await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q2.arn }))).SubscriptionArn!;
    expect(s1.startsWith(`${t}:`)).toBe(true);
    expect(s2.startsWith(`${t}:`)).toBe(true);
    expect(s1).not.toBe(s2);
    // The same endpoint again, with the default RawMessageDelivery named, returns the same subscription.
    const again = await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q1.arn, Attributes: { RawMessageDelivery: 'false' } }));
    expect(again.SubscriptionArn).toBe(s1);
    expect((await attrsOf(c, t)).SubscriptionsConfirmed).toBe('2');
    await c.sns.send(new PublishCommand({ TopicArn: t, Message: 'both' }));
    expect((await q1.receive()).length).toBe(1);
    expect((await q2.receive()).length).toBe(1);
  });

  it('refuses a bad protocol, endpoint or subscription attribute', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const q = await queueIn(c, 'q');
    const sub = (Protocol: string, Endpoint: string | undefined, Attributes: Record<string, string> = {}) =>
      refused(c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol, Endpoint, Attributes })));
    // API_Subscribe: "For the sqs protocol, the endpoint is the ARN of an Amazon SQS queue."
    expect(await sub('carrier-pigeon', q.arn)).toBe('InvalidParameterException');
    for (const e of [undefined, '', q.url, `x${q.arn}`, `${q.arn}/x`, 'arn:aws:sqs:us-east-1:12345:q'])
      expect(await sub('sqs', e)).toBe('InvalidParameterException');
    // API_SetSubscriptionAttributes lists the valid attribute names and values.
    for (const a of <Record<string, string>[]>[
      { Color: 'red' },
      { RawMessageDelivery: 'yes' },
      { FilterPolicy: '{"a":"not-a-list"}' },
      { RedrivePolicy: '{}' },
      { RedrivePolicy: 'nope' },
    ])
      expect(await sub('sqs', q.arn, a)).toBe('InvalidParameterException');
    await c.sns.send(
      new SubscribeCommand({
        TopicArn: t,
        Protocol: 'sqs',
        Endpoint: q.arn,
        Attributes: {
          RawMessageDelivery: 'true',
          FilterPolicy: '{"a":["b"]}',
          FilterPolicyScope: 'MessageAttributes',
          RedrivePolicy: `{"deadLetterTargetArn":"${q.arn}"}`,
          DeliveryPolicy: '{"healthyRetryPolicy":{"numRetries":3}}',
        },
      }),
    );
  });

  it('subscribes a standard queue to a FIFO topic and delivers to it (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html)', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c, 'f.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const std = await queueIn(c, 'std');
    const fifo = await queueIn(c, 'q.fifo');
    for (const q of [std, fifo])
      await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    await c.sns.send(new PublishCommand({ TopicArn: t, Message: 'both', MessageGroupId: 'g' }));
    expect((await std.receive()).map((m) => m.Body)).toEqual(['both']);
    expect((await fifo.receive()).map((m) => m.Body)).toEqual(['both']);
  });

  it('refuses a FIFO queue on a standard topic (SNS-22: recorded on AWS)', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c, 'std');
    const fifo = await queueIn(c, 'q.fifo');
    expect(await refused(c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: fifo.arn })))).toBe('InvalidParameterException');
  });

  it('refuses callers that are not account principals (API_CreateTopic: AuthorizationError)', async () => {
    const c = createReferenceClients({ principal: 'not-a-principal' });
    expect(await refused(c.sns.send(new CreateTopicCommand({ Name: 't' })))).toBe('AuthorizationErrorException');
  });

  it('unsubscribes a subscription of any topic; the queue then gets nothing', async () => {
    const c = createReferenceClients();
    const t1 = await topicIn(c, 't1');
    const t2 = await topicIn(c, 't2');
    const q = await queueIn(c, 'q');
    await c.sns.send(new SubscribeCommand({ TopicArn: t1, Protocol: 'sqs', Endpoint: q.arn }));
    const s2 = (await c.sns.send(new SubscribeCommand({ TopicArn: t2, Protocol: 'sqs', Endpoint: q.arn }))).SubscriptionArn!;
    await c.sns.send(new UnsubscribeCommand({ SubscriptionArn: s2 }));
    await c.sns.send(new PublishCommand({ TopicArn: t2, Message: 'gone' }));
    expect(await q.receive()).toEqual([]);
    expect((await attrsOf(c, t2)).SubscriptionsConfirmed).toBe('0');
    expect((await attrsOf(c, t1)).SubscriptionsConfirmed).toBe('1');
    // API_Unsubscribe lists NotFound for a subscription that does not exist.
    expect(await refused(c.sns.send(new UnsubscribeCommand({ SubscriptionArn: s2 })))).toBe('NotFoundException');
  });
});

describe('Publish parameters (API_Publish)', () => {
  it('needs a topic and a non-empty message', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    expect(await refused(c.sns.send(new PublishCommand({ Message: 'm' })))).toBe('InvalidParameterException');
    expect(await refused(c.sns.send(new PublishCommand({ TopicArn: t, Message: '' })))).toBe('InvalidParameterException');
    expect(await refused(c.sns.send(new PublishCommand({ TopicArn: t } as never)))).toBe('InvalidParameterException');
    expect((await c.sns.send(new PublishCommand({ TargetArn: t, Message: 'm' }))).MessageId).toBeTruthy();
  });

  it('takes a Subject of 1 to 99 characters without control characters', async () => {
    // API_Publish: Subject "must be ASCII text that begins with a letter, number, or punctuation mark; must not include
    // line breaks or control characters; and must be less than 100 characters long."
    const c = createReferenceClients();
    const t = await topicIn(c);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 0, maxLength: 110 }),
          fc.integer({ min: 95, max: 105 }).map((n) => 's'.repeat(n)),
          fc.constantFrom('a\nb', 'tab\t', 'del\u007f', '\u0000'),
        ),
        async (Subject) => {
          const valid = Subject.length > 0 && Subject.length < 100 && !/[\u0000-\u001F\u007F]/.test(Subject);
          const p = c.sns.send(new PublishCommand({ TopicArn: t, Message: 'm', Subject }));
          if (valid) expect((await p).MessageId).toBeTruthy();
          else expect(await refused(p)).toBe('InvalidParameterException');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('takes MessageStructure json only, with a default entry, and delivers the sqs entry', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const q = await queueIn(c, 'q');
    await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const pub = (Message: string, MessageStructure?: string) => c.sns.send(new PublishCommand({ TopicArn: t, Message, MessageStructure }));
    expect(await refused(pub('{"default":"d"}', 'xml'))).toBe('InvalidParameterException');
    for (const m of ['{"sqs":"s"}', '{"default":1}', 'not json']) expect(await refused(pub(m, 'json'))).toBe('InvalidParameterException');
    await pub('{"default":"d","sqs":"s"}', 'json');
    await pub('{"default":"d"}', 'json');
    expect((await q.receive()).map((m) => m.Body)).toEqual(['s', 'd']);
  });

  it('checks message attribute types and values (API_MessageAttributeValue)', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const pub = (v: Record<string, unknown>) => c.sns.send(new PublishCommand({ TopicArn: t, Message: 'm', MessageAttributes: { a: v as never } }));
    for (const v of [
      { DataType: 'String', StringValue: 's' },
      { DataType: 'String.custom', StringValue: 's' },
      { DataType: 'Number', StringValue: '1' },
      { DataType: 'Number.int', StringValue: '1' },
      { DataType: 'String.Array', StringValue: '["a"]' },
      { DataType: 'Number.String.Array', StringValue: '1' },
      { DataType: 'Binary', BinaryValue: new Uint8Array([1]) },
      { DataType: 'Binary.gz', BinaryValue: new Uint8Array([1]) },
    ])
      expect((await pub(v)).MessageId).toBeTruthy();
    for (const v of [
      { DataType: 'Strung', StringValue: 's' },
      { StringValue: 's' },
      { DataType: 'Array.String', StringValue: 's' },
      { DataType: 'String', StringValue: '' },
      { DataType: 'String' },
      { DataType: 'Number' },
      { DataType: 'Binary' },
      { DataType: 'Binary', StringValue: 's' },
    ])
      expect(await refused(pub(v))).toBe('InvalidParameterValueException');
  });

  it('needs MessageGroupId and a deduplication id on FIFO topics and refuses a deduplication id on standard ones', async () => {
    const c = createReferenceClients();
    const std = await topicIn(c);
    const fifo = await topicIn(c, 'f.fifo', { FifoTopic: 'true' });
    const pub = (TopicArn: string, extra: Record<string, string>) => c.sns.send(new PublishCommand({ TopicArn, Message: 'm', ...extra }));
    expect(await refused(pub(std, { MessageDeduplicationId: 'd' }))).toBe('InvalidParameterException');
    // A standard topic neither deduplicates nor numbers its messages.
    const [a, b] = [await pub(std, {}), await pub(std, {})];
    expect(a.MessageId).not.toBe(b.MessageId);
    expect([a.SequenceNumber, b.SequenceNumber]).toEqual([undefined, undefined]);
    expect(await refused(pub(fifo, { MessageDeduplicationId: 'd' }))).toBe('InvalidParameterException');
    expect(await refused(pub(fifo, { MessageGroupId: 'g' }))).toBe('InvalidParameterException');
    expect((await pub(fifo, { MessageGroupId: 'g', MessageDeduplicationId: 'd' })).SequenceNumber).toMatch(/^\d{20}$/);
    await c.sns.send(new SetTopicAttributesCommand({ TopicArn: fifo, AttributeName: 'ContentBasedDeduplication', AttributeValue: 'true' }));
    expect((await pub(fifo, { MessageGroupId: 'g' })).SequenceNumber).toMatch(/^\d{20}$/);
  });
});

describe('FIFO deduplication (API_Publish: MessageDeduplicationId, 5-minute interval)', () => {
  it('returns the first answer for a duplicate within 5 minutes and delivers it once; after 5 minutes it is new', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c, 'f.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const q = await queueIn(c, 'q.fifo');
    await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const pub = (Message: string, MessageDeduplicationId?: string) =>
      c.sns.send(new PublishCommand({ TopicArn: t, Message, MessageGroupId: 'g', MessageDeduplicationId }));
    const first = await pub('same');
    const other = await pub('other');
    expect(BigInt(other.SequenceNumber!)).toBeGreaterThan(BigInt(first.SequenceNumber!));
    c.clock.advance(5 * MINUTE - 1);
    const dup = await pub('same');
    expect([dup.MessageId, dup.SequenceNumber]).toEqual([first.MessageId, first.SequenceNumber]);
    const byId = await pub('x', 'id-1');
    expect((await pub('y', 'id-1')).MessageId).toBe(byId.MessageId);
    c.clock.advance(1);
    const later = await pub('same');
    expect(later.MessageId).not.toBe(first.MessageId);
    expect(BigInt(later.SequenceNumber!)).toBeGreaterThan(BigInt(byId.SequenceNumber!));
  });
});

describe('PublishBatch (API_PublishBatch)', () => {
  it('refuses an empty or oversized batch, bad or repeated ids, and a batch over the size limit', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const batch = (PublishBatchRequestEntries: { Id: string; Message: string }[]) =>
      refused(c.sns.send(new PublishBatchCommand({ TopicArn: t, PublishBatchRequestEntries })));
    expect(await batch([])).toBe('EmptyBatchRequestException');
    expect(await batch(Array.from({ length: 11 }, (_, i) => ({ Id: `i${i}`, Message: 'm' })))).toBe('TooManyEntriesInBatchRequestException');
    for (const Id of ['', 'a.b', 'x'.repeat(81), ' a', 'a ']) expect(await batch([{ Id, Message: 'm' }])).toBe('InvalidBatchEntryIdException');
    expect(
      await batch([
        { Id: 'a', Message: 'm' },
        { Id: 'a', Message: 'n' },
      ]),
    ).toBe('BatchEntryIdsNotDistinctException');
    // Id is a required member of every entry.
    expect(await batch([{ Message: 'm' } as never])).toBe('InvalidBatchEntryIdException');
    expect(
      await batch([
        { Id: 'a', Message: 'm'.repeat(200_000) },
        { Id: 'b', Message: 'n'.repeat(62_145) },
      ]),
    ).toBe('BatchRequestTooLongException');
    const ok = await c.sns.send(
      new PublishBatchCommand({
        TopicArn: t,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'm'.repeat(200_000) },
          { Id: 'b', Message: 'n'.repeat(62_144) },
        ],
      }),
    );
    expect(ok.Successful!.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(ok.Failed).toEqual([]);
    const ten = await c.sns.send(
      new PublishBatchCommand({ TopicArn: t, PublishBatchRequestEntries: Array.from({ length: 10 }, (_, i) => ({ Id: `i-${i}_X`, Message: 'm' })) }),
    );
    expect(ten.Successful!.length).toBe(10);
  });

  it('reports invalid entries as Failed and publishes the others, delivering each once', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const q = await queueIn(c, 'q');
    await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const r = await c.sns.send(
      new PublishBatchCommand({
        TopicArn: t,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'one' },
          { Id: 'b', Message: 'two', Subject: '' },
          { Id: 'c', Message: 'three' },
        ],
      }),
    );
    expect(r.Successful!.map((s) => s.Id)).toEqual(['a', 'c']);
    expect(r.Successful!.every((s) => s.MessageId)).toBe(true);
    expect(r.Failed).toEqual([{ Id: 'b', Code: 'InvalidParameter', Message: expect.any(String), SenderFault: true }]);
    expect((await q.receive()).map((m) => m.Body).sort()).toEqual(['one', 'three']);
    const none = await c.sns.send(new PublishBatchCommand({ TopicArn: t, PublishBatchRequestEntries: [{ Id: 'x', Message: '' }] }));
    expect([none.Successful, none.Failed!.map((f) => f.Id)]).toEqual([[], ['x']]);
  });
});

describe('delivery to SQS (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html)', () => {
  it('wraps a message in the notification envelope, with Subject, SequenceNumber and MessageAttributes only when present, unsigned from a FIFO topic (SNS-19)', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c, 'f.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const q = await queueIn(c, 'q.fifo');
    const raw = await queueIn(c, 'raw.fifo');
    const s = (await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q.arn }))).SubscriptionArn!;
    await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: raw.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const first = await c.sns.send(new PublishCommand({ TopicArn: t, Message: 'plain', MessageGroupId: 'g' }));
    await c.sns.send(
      new PublishCommand({
        TopicArn: t,
        Message: 'rich',
        Subject: 'subj',
        MessageGroupId: 'g',
        MessageAttributes: { n: { DataType: 'Number', StringValue: '7' }, b: { DataType: 'Binary', BinaryValue: new Uint8Array([104, 105]) } },
      }),
    );
    const enveloped = await q.receive();
    // The message attributes travel inside the envelope, not as SQS message attributes.
    expect(enveloped.map((m) => m.MessageAttributes)).toEqual([undefined, undefined]);
    const [plain, rich] = enveloped.map((m) => JSON.parse(m.Body!));
    expect(plain).toEqual({
      Type: 'Notification',
      MessageId: first.MessageId,
      SequenceNumber: first.SequenceNumber,
      TopicArn: t,
      Message: 'plain',
      Timestamp: new Date(c.clock.now()).toISOString(),
      UnsubscribeURL: expect.stringContaining(s),
    });
    expect(rich).toMatchObject({
      Subject: 'subj',
      Message: 'rich',
      MessageAttributes: { n: { Type: 'Number', Value: '7' }, b: { Type: 'Binary', Value: 'aGk=' } },
    });
    const [r1, r2] = await raw.receive();
    expect([r1!.Body, r1!.MessageAttributes]).toEqual(['plain', undefined]);
    expect([r2!.Body, r2!.MessageAttributes]).toEqual([
      'rich',
      { n: { DataType: 'Number', StringValue: '7' }, b: { DataType: 'Binary', BinaryValue: new Uint8Array([104, 105]) } },
    ]);
  });

  it('states the topic SignatureVersion in the envelope (API_SetTopicAttributes: SignatureVersion)', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c, 't', { SignatureVersion: '2' });
    const q = await queueIn(c, 'q');
    await c.sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: q.arn }));
    await c.sns.send(new PublishCommand({ TopicArn: t, Message: 'm' }));
    expect((await q.receive()).map((m) => JSON.parse(m.Body!).SignatureVersion)).toEqual(['2']);
  });

  it('filters on the message body with FilterPolicyScope MessageBody (https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering-scope.html)', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const q = await bodyFilteredQueue(c, t, '{"color":["red"],"n":[{"numeric":[">",5]}]}');
    for (const m of [
      '{"color":"red","n":6}',
      '{"color":"blue","n":6}',
      '{"color":"red","n":"6"}',
      '{"color":"red","n":4}',
      '{"color":["red"],"n":6}',
      'red',
      '"red"',
      'null',
      '{"color":"red","n":6,"x":{"y":1}}',
    ])
      await c.sns.send(new PublishCommand({ TopicArn: t, Message: m }));
    expect((await q.receive()).map((m) => m.Body)).toEqual(['{"color":"red","n":6}', '{"color":"red","n":6,"x":{"y":1}}']);
  });

  it('takes a null body property as absent for "exists": true (https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html)', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const q = await bodyFilteredQueue(c, t, '{"store":[{"exists":true}]}');
    for (const m of ['{"store":null}', '{"store":"fans"}']) await c.sns.send(new PublishCommand({ TopicArn: t, Message: m }));
    expect((await q.receive()).map((m) => m.Body)).toEqual(['{"store":"fans"}']);
  });

  it('matches a body-scoped policy only against a JSON object body, not a string, array or null', async () => {
    const c = createReferenceClients();
    const t = await topicIn(c);
    const q = await bodyFilteredQueue(c, t, '{"0":["r"]}');
    for (const m of ['"red"', '["r"]', 'null', '{"0":"r"}']) await c.sns.send(new PublishCommand({ TopicArn: t, Message: m }));
    expect((await q.receive()).map((m) => m.Body)).toEqual(['{"0":"r"}']);
  });
});
