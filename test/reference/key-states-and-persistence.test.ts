/**
 * The reference model's key states beyond Enabled/Disabled/PendingDeletion (PendingImport, KMS-15),
 * repeated state changes (KMS-2), and which key a queue's messages need after SSE is turned off or
 * the key changes (SQS-10, SQS-14, SQS-26).
 */
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  KMSInvalidStateException,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { CreateTopicCommand, KMSInvalidStateException as SnsKmsInvalidState, PublishCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, KmsDisabled, KmsInvalidState, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, DAY } from '../../reference/index.js';
import { rejection } from './helpers.js';

async function externalKey() {
  const c = createReferenceClients();
  const { KeyMetadata } = await c.kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
  return { ...c, key: KeyMetadata! };
}

describe('keys without key material (KMS-1, KMS-15)', () => {
  it('are created PendingImport with Origin EXTERNAL, not enabled', async () => {
    const { key } = await externalKey();
    expect(key).toMatchObject({ KeyState: 'PendingImport', Origin: 'EXTERNAL', Enabled: false });
  });

  it('refuse cryptographic use, EnableKey, DisableKey and CancelKeyDeletion with KMSInvalidStateException', async () => {
    const { kms, key } = await externalKey();
    const id = key.KeyId!;
    for (const cmd of [
      new GenerateDataKeyCommand({ KeyId: id, KeySpec: 'AES_256' }),
      new EncryptCommand({ KeyId: id, Plaintext: new Uint8Array([1]) }),
      new EnableKeyCommand({ KeyId: id }),
      new DisableKeyCommand({ KeyId: id }),
    ]) {
      const e = await rejection(kms.send(cmd as never));
      expect(e).toBeInstanceOf(KMSInvalidStateException);
      expect(e.message).toContain('is pending import');
    }
    const e = await rejection(kms.send(new CancelKeyDeletionCommand({ KeyId: id })));
    expect(e).toBeInstanceOf(KMSInvalidStateException);
    expect(e.message).toContain('is not pending deletion');
    expect((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyState).toBe('PendingImport');
  });

  it('accept an alias and ScheduleKeyDeletion', async () => {
    const { kms, key } = await externalKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/imported', TargetKeyId: key.KeyId! }));
    expect((await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId!, PendingWindowInDays: 7 }))).KeyState).toBe('PendingDeletion');
  });

  it('make SendMessage fail with KmsInvalidState and Publish with KMSInvalidStateException', async () => {
    const { sqs, sns, key } = await externalKey();
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: key.KeyId! } }))).QueueUrl!;
    const sent = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm' })));
    expect(sent).toBeInstanceOf(KmsInvalidState);
    expect(sent.Code).toBe('KMS.InvalidStateException');
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: 't', Attributes: { KmsMasterKeyId: key.KeyId! } }))).TopicArn!;
    expect(await rejection(sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'm' })))).toBeInstanceOf(SnsKmsInvalidState);
  });
});

describe('repeated key state changes (KMS-2)', () => {
  it('refuses a second ScheduleKeyDeletion and keeps the first DeletionDate', async () => {
    const { kms, clock } = createReferenceClients();
    const id = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 30 }));
    expect(await rejection(kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 })))).toBeInstanceOf(KMSInvalidStateException);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.DeletionDate!.getTime()).toBe(clock.now() + 30 * DAY);
  });

  it('accepts PutKeyPolicy in every state, pending deletion included (the key-state table)', async () => {
    const { kms } = createReferenceClients();
    const id = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: 'default' }))).Policy!;
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 }));
    await kms.send(new PutKeyPolicyCommand({ KeyId: id, PolicyName: 'default', Policy: policy }));
    const external = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!;
    await kms.send(new PutKeyPolicyCommand({ KeyId: external, PolicyName: 'default', Policy: policy }));
  });

  it('refuses CancelKeyDeletion on an Enabled and on a Disabled key, leaving the state as it was', async () => {
    const { kms } = createReferenceClients();
    const id = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    for (const state of ['Enabled', 'Disabled']) {
      if (state === 'Disabled') await kms.send(new DisableKeyCommand({ KeyId: id }));
      expect(await rejection(kms.send(new CancelKeyDeletionCommand({ KeyId: id })))).toBeInstanceOf(KMSInvalidStateException);
      expect((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyState).toBe(state);
    }
  });
});

describe('which key a message needs (SQS-10, SQS-14, SQS-26)', () => {
  async function arrange() {
    const c = createReferenceClients();
    const keyId = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const url = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    const send = (MessageBody: string) => c.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody }));
    const receive = async () => ((await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? []).map((m) => m.Body);
    const setKey = (KmsMasterKeyId: string) => c.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId } }));
    return { ...c, keyId, send, receive, setKey };
  }

  it('sends and receives new messages after SSE is turned off although the old key is disabled', async () => {
    const { kms, keyId, send, receive, setKey } = await arrange();
    await setKey('');
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await send('plain');
    expect(await receive()).toEqual(['plain']);
  });

  it('opens an older message with the key that sealed it after KmsMasterKeyId changes', async () => {
    const { send, receive, setKey } = await arrange();
    await send('old');
    await setKey('alias/names-no-key');
    expect(await receive()).toEqual(['old']);
  });

  it('refuses an older message while its own key is disabled, whatever the new key', async () => {
    const { kms, keyId, send, receive, setKey } = await arrange();
    const newKey = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await send('old');
    await setKey(newKey);
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect(await rejection(receive())).toBeInstanceOf(KmsDisabled);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect(await receive()).toEqual(['old']);
  });
});
