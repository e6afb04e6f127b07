import { CreateKeyCommand, DisableKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  KMSDisabledException,
  KMSInvalidStateException,
  KMSNotFoundException,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, DAY, MINUTE } from '../../reference/index.js';
import { rejection } from './helpers.js';

async function arrange(topicAttributes: Record<string, string> = {}, name = 't') {
  const c = createReferenceClients();
  const keyId = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const topicArn = (await c.sns.send(new CreateTopicCommand({ Name: name, Attributes: topicAttributes }))).TopicArn!;
  const attrs = async () => (await c.sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes!;
  const publish = (Message = 'hello') => c.sns.send(new PublishCommand({ TopicArn: topicArn, Message }));
  return { ...c, keyId, topicArn, attrs, publish };
}

async function queueFor(c: Awaited<ReturnType<typeof arrange>>, name: string, attributes: Record<string, string> = {}) {
  const url = (await c.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  const arn = (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const receive = async () =>
    (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }))).Messages ?? [];
  return { url, arn, receive };
}

async function allowSns(c: Awaited<ReturnType<typeof arrange>>, keyId: string) {
  const policy = JSON.parse((await c.kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!);
  policy.Statement.push({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' });
  await c.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: JSON.stringify(policy) }));
}

describe('SNS topic encryption settings (SNS-4, SNS-5, SNS-7)', () => {
  it('has no KmsMasterKeyId by default, echoes one verbatim, and drops it when set to ""', async () => {
    const { sns, topicArn, attrs } = await arrange();
    expect(await attrs()).not.toHaveProperty('KmsMasterKeyId');
    for (const id of ['alias/aws/sns', 'alias/skunk/trails', 'arn:aws:kms:us-east-1:123456789012:alias/x', 'no-such-key']) {
      await sns.send(new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'KmsMasterKeyId', AttributeValue: id }));
      expect((await attrs()).KmsMasterKeyId).toBe(id);
    }
    await sns.send(new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'KmsMasterKeyId', AttributeValue: '' }));
    expect(await attrs()).not.toHaveProperty('KmsMasterKeyId');
  });

  it('accepts a key that does not exist at configure time and fails at Publish with KMSNotFoundException', async () => {
    const { publish, attrs } = await arrange({ KmsMasterKeyId: 'alias/does-not-exist' });
    expect((await attrs()).KmsMasterKeyId).toBe('alias/does-not-exist');
    const e = await rejection(publish());
    expect(e).toBeInstanceOf(KMSNotFoundException);
    expect(e.$metadata!.httpStatusCode).toBe(400);
  });

  it('returns the existing ARN for a repeated CreateTopic, lists and deletes topics', async () => {
    const { sns, topicArn } = await arrange();
    expect((await sns.send(new CreateTopicCommand({ Name: 't' }))).TopicArn).toBe(topicArn);
    expect((await sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: topicArn }]);
    await sns.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    expect(await rejection(sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn })))).toBeInstanceOf(NotFoundException);
  });

  it('rejects an unknown attribute name', async () => {
    const { sns, topicArn } = await arrange();
    expect((await rejection(sns.send(new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'Encrypted', AttributeValue: 'x' })))).name).toBe(
      'InvalidParameterException',
    );
  });
});

describe('SNS Publish by key state (SNS-10, SNS-12, SNS-13)', () => {
  it('publishes with an enabled key, then keeps working for 5 minutes after disable, then fails with KMSDisabledException', async () => {
    const c = await arrange();
    await c.sns.send(new SetTopicAttributesCommand({ TopicArn: c.topicArn, AttributeName: 'KmsMasterKeyId', AttributeValue: c.keyId }));
    expect((await c.publish()).MessageId).toBeTruthy();
    await c.kms.send(new DisableKeyCommand({ KeyId: c.keyId }));
    c.clock.advance(5 * MINUTE - 1);
    const within = c.model.windows.collect(() => c.model.sns.publish({ caller: c.principal }, { TopicArn: c.topicArn, Message: 'm' }));
    expect(within.outcome.ok).toBe(true);
    expect(within.alsoAllowed.map((e) => e.name)).toEqual(['KMSDisabledException']);
    c.clock.advance(1);
    expect(await rejection(c.publish())).toBeInstanceOf(KMSDisabledException);
  });

  it('keeps data keys per publisher: another principal fails at once while the first is within its 5 minutes', async () => {
    const c = await arrange();
    await c.sns.send(new SetTopicAttributesCommand({ TopicArn: c.topicArn, AttributeName: 'KmsMasterKeyId', AttributeValue: c.keyId }));
    await c.publish();
    await c.kms.send(new DisableKeyCommand({ KeyId: c.keyId }));
    const other = createReferenceClients({ model: c.model, principal: 'arn:aws:iam::123456789012:role/other' });
    expect(await rejection(other.sns.send(new PublishCommand({ TopicArn: c.topicArn, Message: 'cold' })))).toBeInstanceOf(KMSDisabledException);
    expect((await c.publish('still warm')).MessageId).toBeTruthy();
  });

  it('fails with KMSInvalidStateException while pending deletion and KMSNotFoundException once deleted', async () => {
    const c = await arrange();
    await c.sns.send(new SetTopicAttributesCommand({ TopicArn: c.topicArn, AttributeName: 'KmsMasterKeyId', AttributeValue: c.keyId }));
    await c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: c.keyId, PendingWindowInDays: 7 }));
    expect(await rejection(c.publish())).toBeInstanceOf(KMSInvalidStateException);
    c.clock.advance(7 * DAY);
    expect(await rejection(c.publish())).toBeInstanceOf(KMSNotFoundException);
  });

  it('fails PublishBatch as a whole on a KMS error and reports per-entry validation failures', async () => {
    const c = await arrange();
    const ok = await c.sns.send(
      new PublishBatchCommand({
        TopicArn: c.topicArn,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'x' },
          { Id: 'b', Message: '' },
        ],
      }),
    );
    expect(ok.Successful!.map((s) => s.Id)).toEqual(['a']);
    expect(ok.Failed!.map((f) => [f.Id, f.Code, f.SenderFault])).toEqual([['b', 'InvalidParameter', true]]);
    await c.sns.send(new SetTopicAttributesCommand({ TopicArn: c.topicArn, AttributeName: 'KmsMasterKeyId', AttributeValue: c.keyId }));
    await c.kms.send(new DisableKeyCommand({ KeyId: c.keyId }));
    expect(
      await rejection(c.sns.send(new PublishBatchCommand({ TopicArn: c.topicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'x' }] }))),
    ).toBeInstanceOf(KMSDisabledException);
  });

  it('limits messages to 262,144 bytes, encrypted or not (SNS-17)', async () => {
    const c = await arrange({ KmsMasterKeyId: 'alias/aws/sns' });
    await c.publish('a'.repeat(262_144));
    expect((await rejection(c.publish('a'.repeat(262_145)))).name).toBe('InvalidParameterException');
  });

  it('creates the AWS managed key alias/aws/sns on first Publish (SNS-8)', async () => {
    const c = await arrange({ KmsMasterKeyId: 'alias/aws/sns' });
    expect([...c.model.kms.keys.values()].some((k) => k.keyManager === 'AWS')).toBe(false);
    await c.publish();
    expect([...c.model.kms.keys.values()].filter((k) => k.keyManager === 'AWS').map((k) => k.description)).toEqual([expect.stringContaining('SNS')]);
  });
});

describe('SNS delivery to SQS (SNS-2, SNS-16)', () => {
  it('delivers plaintext (raw and enveloped) from an encrypted topic to an unencrypted queue', async () => {
    const c = await arrange({ KmsMasterKeyId: 'alias/aws/sns' });
    const raw = await queueFor(c, 'raw', { SqsManagedSseEnabled: 'false' });
    const env = await queueFor(c, 'env', { SqsManagedSseEnabled: 'false' });
    await c.sns.send(new SubscribeCommand({ TopicArn: c.topicArn, Protocol: 'sqs', Endpoint: raw.arn, Attributes: { RawMessageDelivery: 'true' } }));
    await c.sns.send(new SubscribeCommand({ TopicArn: c.topicArn, Protocol: 'sqs', Endpoint: env.arn }));
    const MessageAttributes = { color: { DataType: 'String', StringValue: 'red' } };
    await c.sns.send(new PublishCommand({ TopicArn: c.topicArn, Message: 'body ✓', Subject: 'subj', MessageAttributes }));
    const [r] = await raw.receive();
    expect(r!.Body).toBe('body ✓');
    expect(r!.MessageAttributes).toEqual(MessageAttributes);
    const [e] = await env.receive();
    expect(JSON.parse(e!.Body!)).toMatchObject({
      Type: 'Notification',
      TopicArn: c.topicArn,
      Subject: 'subj',
      Message: 'body ✓',
      MessageAttributes: { color: { Type: 'String', Value: 'red' } },
    });
  });

  it('delivers into a queue whose customer managed key allows sns.amazonaws.com', async () => {
    const c = await arrange();
    await allowSns(c, c.keyId);
    const q = await queueFor(c, 'cmk', { KmsMasterKeyId: c.keyId });
    await c.sns.send(new SubscribeCommand({ TopicArn: c.topicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    await c.publish('to cmk');
    expect((await q.receive()).map((m) => m.Body)).toEqual(['to cmk']);
    expect(c.model.sqs.inspect(q.url)[0]).toMatchObject({ encryption: 'sse-kms' });
  });

  it.each([
    ['alias/aws/sqs', 'the AWS managed key, whose policy cannot allow SNS'],
    ['cmk', 'a customer managed key that does not allow sns.amazonaws.com'],
  ])('drops deliveries into a queue on %s (%s) while Publish succeeds', async (which) => {
    const c = await arrange();
    const q = await queueFor(c, 'q', { KmsMasterKeyId: which === 'cmk' ? c.keyId : which });
    const subscriptionArn = (await c.sns.send(new SubscribeCommand({ TopicArn: c.topicArn, Protocol: 'sqs', Endpoint: q.arn }))).SubscriptionArn!;
    const { MessageId } = await c.publish('lost');
    expect(MessageId).toBeTruthy();
    expect(await q.receive()).toEqual([]);
    expect(c.model.sns.deliveries.at(-1)).toMatchObject({ messageId: MessageId, subscriptionArn, status: 'failed', error: 'KmsAccessDenied' });
  });

  it('sends a failed delivery to the subscription DLQ when it has one', async () => {
    const c = await arrange();
    const q = await queueFor(c, 'q', { KmsMasterKeyId: 'alias/aws/sqs' });
    const dlq = await queueFor(c, 'dlq', { SqsManagedSseEnabled: 'true' });
    await c.sns.send(
      new SubscribeCommand({
        TopicArn: c.topicArn,
        Protocol: 'sqs',
        Endpoint: q.arn,
        Attributes: { RawMessageDelivery: 'true', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) },
      }),
    );
    await c.publish('rescued');
    expect((await dlq.receive()).map((m) => m.Body)).toEqual(['rescued']);
    expect(c.model.sns.deliveries.at(-1)!.status).toBe('dead-lettered');
  });

  it('keeps filter policies working on attributes of encrypted topics (SNS-1)', async () => {
    const c = await arrange({ KmsMasterKeyId: 'alias/aws/sns' });
    const q = await queueFor(c, 'f', { SqsManagedSseEnabled: 'false' });
    await c.sns.send(
      new SubscribeCommand({
        TopicArn: c.topicArn,
        Protocol: 'sqs',
        Endpoint: q.arn,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: '{"color":["red",{"prefix":"bl"}]}' },
      }),
    );
    for (const color of ['red', 'green', 'blue'])
      await c.sns.send(new PublishCommand({ TopicArn: c.topicArn, Message: color, MessageAttributes: { color: { DataType: 'String', StringValue: color } } }));
    expect((await q.receive()).map((m) => m.Body)).toEqual(['red', 'blue']);
  });

  it('unsubscribes', async () => {
    const c = await arrange();
    const q = await queueFor(c, 'u');
    const { SubscriptionArn } = await c.sns.send(new SubscribeCommand({ TopicArn: c.topicArn, Protocol: 'sqs', Endpoint: q.arn }));
    await c.sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    await c.publish();
    expect(await q.receive()).toEqual([]);
  });
});

describe('SNS FIFO topics (SNS-14)', () => {
  it('encrypts like standard topics, requires a group id, deduplicates and delivers in order to a FIFO queue', async () => {
    const c = await arrange({ FifoTopic: 'true', ContentBasedDeduplication: 'true', KmsMasterKeyId: 'alias/aws/sns' }, 't.fifo');
    expect((await c.attrs()).KmsMasterKeyId).toBe('alias/aws/sns');
    const q = await queueFor(c, 'q.fifo', { FifoQueue: 'true', SqsManagedSseEnabled: 'true' });
    await c.sns.send(new SubscribeCommand({ TopicArn: c.topicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    expect((await rejection(c.publish('no group'))).name).toBe('InvalidParameterException');
    const p = (m: string) => c.sns.send(new PublishCommand({ TopicArn: c.topicArn, Message: m, MessageGroupId: 'g' }));
    const first = await p('1');
    expect((await p('1')).MessageId).toBe(first.MessageId);
    await p('2');
    expect((await q.receive()).map((m) => m.Body)).toEqual(['1', '2']);
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
  });
});

describe('SNS Publish subjects (Publish API reference)', () => {
  it('accepts UTF-8 subjects shorter than 100 characters and refuses 100 characters, line breaks and control characters', async () => {
    const c = await arrange();
    const publish = (Subject: string) => c.sns.send(new PublishCommand({ TopicArn: c.topicArn, Message: 'm', Subject }));
    await expect(publish('s'.repeat(99))).resolves.toHaveProperty('MessageId');
    await expect(publish('Grüße ✓')).resolves.toHaveProperty('MessageId');
    for (const bad of ['s'.repeat(100), 'two\nlines', 'bell\u0007']) expect((await rejection(publish(bad))).name).toBe('InvalidParameterException');
  });
});
