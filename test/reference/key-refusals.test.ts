/**
 * The refusals the clauses-errors batch relies on, checked on the model directly: an explicit Deny
 * in a key policy (SQS-10, SNS-9), keys that cannot make data keys (KMS-14), and a deleted key
 * under a stored message (SQS-21).
 */
import { CreateKeyCommand, GenerateDataKeyCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, DAY, ReferenceModel } from '../../reference/index.js';
import { policyAllows } from '../../reference/key-policy.js';
import { rejection } from './helpers.js';

const ACCOUNT = '123456789012';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:role/bob`;
const denying = (principal: string, actions: string[]) =>
  JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: { AWS: principal }, Action: actions, Resource: '*' },
    ],
  });

describe('an explicit Deny in a key policy', () => {
  it('wins over the account-wide Allow for the principal it names, for the actions it names only', () => {
    // Arrange
    const policy = denying(BOB, ['kms:GenerateDataKey*']);
    // Act, Assert
    expect(policyAllows(policy, 'kms:GenerateDataKey', { caller: BOB }, 'us-east-1')).toBe(false);
    expect(policyAllows(policy, 'kms:Decrypt', { caller: BOB }, 'us-east-1')).toBe(true);
    expect(policyAllows(policy, 'kms:GenerateDataKey', { caller: ALICE }, 'us-east-1')).toBe(true);
  });

  it('refuses that principal SendMessage (KmsAccessDenied) and leaves another principal sending', async () => {
    // Arrange
    const model = new ReferenceModel();
    const alice = createReferenceClients({ model, principal: ALICE });
    const bob = createReferenceClients({ model, principal: BOB });
    const keyId = (await alice.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await alice.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: denying(BOB, ['kms:Decrypt']) }));
    const url = (await alice.sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    // Act
    const refused = await rejection(bob.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm' })));
    await alice.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm' }));
    // Assert
    expect(refused.name).toBe('KmsAccessDenied');
    expect(model.sqs.queue(url).store.visible).toBe(1);
  });
});

describe('keys that cannot make data keys (KMS-14)', () => {
  it.each([
    ['HMAC_256', 'GENERATE_VERIFY_MAC'],
    ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ['RSA_2048', 'ENCRYPT_DECRYPT'],
  ] as const)('%s %s: GenerateDataKey fails with InvalidKeyUsageException, SendMessage with KmsInvalidKeyUsage', async (KeySpec, KeyUsage) => {
    // Arrange
    const c = createReferenceClients();
    const keyId = (await c.kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata!.KeyId!;
    const url = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    // Act
    const direct = await rejection(c.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })));
    const send = await rejection(c.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm' })));
    // Assert
    expect(direct.name).toBe('InvalidKeyUsageException');
    expect(send.name).toBe('KmsInvalidKeyUsage');
  });
});

describe('KMS failures of batches and of receives after deletion', () => {
  it('fails SendMessageBatch as a whole, storing nothing, when the queue key is pending deletion', async () => {
    // Arrange
    const c = createReferenceClients();
    const keyId = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    const url = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
    // Act
    const e = await rejection(
      c.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: '1' },
            { Id: 'b', MessageBody: '2' },
          ],
        }),
      ),
    );
    // Assert
    expect(e.name).toBe('KmsInvalidState');
    expect(c.model.sqs.queue(url).store.visible).toBe(0);
  });

  it('refuses to receive a message whose key was deleted after its waiting period', async () => {
    // Arrange
    const c = createReferenceClients();
    const keyId = (await c.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const url = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId, MessageRetentionPeriod: '1209600' } })))
      .QueueUrl!;
    await c.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'sealed' }));
    await c.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    c.clock.advance(7 * DAY);
    // Act
    const e = await rejection(c.sqs.send(new ReceiveMessageCommand({ QueueUrl: url })));
    // Assert
    expect(e.name).toBe('KmsNotFound');
  });
});
