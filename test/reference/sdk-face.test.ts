import { CreateKeyCommand, DisableKeyCommand, KMSClient, KMSServiceException, ScheduleKeyDeletionCommand, TagResourceCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, NotFoundException, PublishCommand, SNSServiceException, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  KmsDisabled,
  SQSClient,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSServiceException,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { attachReferenceModel, createReferenceClients, ReferenceModel } from '../../reference/index.js';
import { rejection } from './helpers.js';

describe('the reference behind real SDK v3 clients', () => {
  it('throws the SDK exception classes with name, $fault, HTTP status and, for SQS, the query code', async () => {
    // Arrange
    const { kms, sqs, sns } = createReferenceClients();
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    // Act
    const sqsErr = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })));
    const snsErr = await rejection(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:none', Message: 'x' })));
    const kmsErr = await rejection(kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 1 })));
    // Assert
    expect(sqsErr).toBeInstanceOf(KmsDisabled);
    expect(sqsErr).toBeInstanceOf(SQSServiceException);
    expect(sqsErr).toMatchObject({ name: 'KmsDisabled', $fault: 'client', Code: 'KMS.DisabledException', $metadata: { httpStatusCode: 400 } });
    expect(snsErr).toBeInstanceOf(NotFoundException);
    expect(snsErr).toBeInstanceOf(SNSServiceException);
    expect(snsErr.$metadata!.httpStatusCode).toBe(404);
    expect(kmsErr).toBeInstanceOf(KMSServiceException); // unmodelled: the base class with the wire name
    expect(kmsErr.name).toBe('ValidationException');
  });

  it('lets the SDK validate MD5s of the model answers (and would catch a wrong one)', async () => {
    // Arrange
    const { sqs } = createReferenceClients();
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'q' }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one ✓' }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'two' }] }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages).toHaveLength(2);
    // A body altered between the model and the SDK's check makes the SDK refuse it.
    sqs.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        for (const m of (out.output as { Messages?: { Body?: string }[] }).Messages ?? []) m.Body += ' tampered';
        return out;
      },
      { step: 'initialize', priority: 'low', name: 'tamper' },
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'three' }));
    const e = await rejection(sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 })));
    expect(e.message).toContain('Invalid MD5 checksum on messages');
  });

  it('names an operation the model does not implement', async () => {
    const { kms } = createReferenceClients();
    const e = await rejection(kms.send(new TagResourceCommand({ KeyId: 'k', Tags: [] })));
    expect(e.name).toBe('NotImplementedByReferenceModel');
    expect(e.message).toBe('The reference model does not implement KMS TagResource.');
  });

  it('answers missing required parameters with the service error, not a crash', async () => {
    const { sqs, sns } = createReferenceClients();
    const e = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: undefined as never, MessageBody: 'x' })));
    expect(e.name).toBe('MissingParameter');
    expect((await rejection(sns.send(new CreateTopicCommand({ Name: undefined as never })))).name).toBe('InvalidParameterException');
    expect(
      await rejection(sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/none', MessageBody: 'x' }))),
    ).toBeInstanceOf(QueueDoesNotExist);
  });

  it('shares one model and clock between principals, each with its own identity', async () => {
    const a = createReferenceClients();
    const b = createReferenceClients({ model: a.model, principal: 'arn:aws:iam::123456789012:role/consumer' });
    expect(b.clock).toBe(a.clock);
    const url = (await a.sqs.send(new CreateQueueCommand({ QueueName: 'shared' }))).QueueUrl!;
    await a.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hi' }));
    const [m] = (await b.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['SenderId'] }))).Messages!;
    expect(m!.Body).toBe('hi');
    expect(m!.Attributes!.SenderId).toBe(a.principal);
  });
});

describe('the reference attached to clients the application builds itself', () => {
  it('answers them whatever their region, endpoint and credentials, and sends nothing', async () => {
    // Arrange: clients as an application builds them, pointing at a host that does not exist.
    const config = { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'AKIAAPP', secretAccessKey: 'app' } };
    const kms = new KMSClient(config);
    const sqs = new SQSClient(config);
    const model = attachReferenceModel([kms, sqs], { model: new ReferenceModel({ region: 'eu-west-1' }), principal: 'arn:aws:iam::123456789012:role/app' });
    // Act
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const err = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })));
    // Assert
    expect(url).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/orders');
    expect(err).toBeInstanceOf(KmsDisabled);
    expect(model.calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['kms:CreateKey', 'sqs:CreateQueue', 'kms:DisableKey', 'sqs:SendMessage']);
  });

  it('refuses a client of a service it does not model, naming it', () => {
    const notOurs = { middlewareStack: { add: () => undefined }, config: { serviceId: 'DynamoDB' } };
    expect(() => attachReferenceModel(notOurs)).toThrow('attachReferenceModel: the reference model answers KMS, SNS, SQS and S3 clients, not DynamoDB');
  });
});

describe('recorded calls, for assertions', () => {
  it('records every call of all three services with principal, input, output or error, and filters by command and input', async () => {
    // Arrange
    const { kms, sns, sqs, model, principal, clock } = createReferenceClients();
    const t0 = clock.now();
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    const other = (await sqs.send(new CreateQueueCommand({ QueueName: 'other' }))).QueueUrl!;
    const topic = (await sns.send(new CreateTopicCommand({ Name: 't' }))).TopicArn!;
    clock.advance(5_000);
    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: other, MessageBody: 'two' }));
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'hi' }));
    await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q' }));
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    await rejection(kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [] })));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    clock.advance(600_000); // past the data key's reuse period
    await rejection(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'three' })));
    // Assert
    expect(model.calls.map((c) => c.service)).toEqual(expect.arrayContaining(['kms', 'sns', 'sqs']));
    const sends = model.commandCalls(SendMessageCommand);
    expect(sends.map((c) => [c.input.MessageBody, c.ok, c.error])).toEqual([
      ['one', true, undefined],
      ['two', true, undefined],
      ['three', false, 'KmsDisabled'],
    ]);
    expect(sends[0]).toMatchObject({ at: t0 + 5_000, service: 'sqs', operation: 'SendMessage', principal, output: { MessageId: expect.any(String) } });
    expect(model.commandCalls(SendMessageCommand, { QueueUrl: other }).map((c) => c.input.MessageBody)).toEqual(['two']);
    expect(model.commandCalls(PublishCommand, { TopicArn: topic, Message: 'hi' })).toHaveLength(1);
    expect(model.commandCalls(PublishCommand, { Message: 'bye' })).toHaveLength(0);
    expect(model.commandCalls(TagResourceCommand)[0]).toMatchObject({ ok: false, error: 'NotImplementedByReferenceModel' });
    // The KMS ledger still shows what SQS asked KMS on the queue's behalf, which no client sent.
    expect(model.kms.ledger.some((e) => e.viaService === 'sqs' && e.operation === 'GenerateDataKey')).toBe(true);
    expect(model.commandCalls(CreateKeyCommand)).toHaveLength(1);
  });
});
