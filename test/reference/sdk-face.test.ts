import { CreateKeyCommand, DisableKeyCommand, KMSServiceException, ScheduleKeyDeletionCommand, TagResourceCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, NotFoundException, PublishCommand, SNSServiceException } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand, KmsDisabled, QueueDoesNotExist, ReceiveMessageCommand, SendMessageCommand, SQSServiceException,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createReferenceClients } from '../../reference/index.js';
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
    expect(await rejection(sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/none', MessageBody: 'x' })))).toBeInstanceOf(QueueDoesNotExist);
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
