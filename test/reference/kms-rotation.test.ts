/**
 * Key rotation in the reference model (KMS-27): automatic (EnableKeyRotation, GetKeyRotationStatus,
 * DisableKeyRotation) and on demand (RotateKeyOnDemand). New material seals from then on; every
 * earlier version stays, so what was sealed before still opens.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand,
  EnableKeyCommand,
  DescribeKeyCommand,
} from '@aws-sdk/client-kms';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, DAY } from '../../reference/index.js';
import { rejection } from './helpers.js';

async function arrange() {
  const c = createReferenceClients();
  const { KeyMetadata } = await c.kms.send(new CreateKeyCommand({}));
  return { ...c, keyId: KeyMetadata!.KeyId!, keyArn: KeyMetadata!.Arn! };
}

const plaintext = new TextEncoder().encode('before');

describe('automatic rotation', () => {
  it('is off until enabled; then GetKeyRotationStatus shows the period (default 365 days) and the next date', async () => {
    const { kms, keyId, keyArn, clock } = await arrange();
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({ KeyRotationEnabled: false, KeyId: keyArn });
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    const on = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(on).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect(on.NextRotationDate!.getTime()).toBe(clock.now() + 365 * DAY);
    await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
  });

  it('takes a period of 90 to 2560 days', async () => {
    const { kms, keyId } = await arrange();
    for (const days of [89, 2561, 1.5])
      expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: days })))).name).toBe('ValidationException');
    for (const days of [90, 2560]) await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: days }));
  });

  it('rotates when the period has passed, and earlier ciphertexts still decrypt', async () => {
    const { kms, keyId, model, clock } = await arrange();
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    clock.advance(181 * DAY);
    await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect([...model.kms.keys.values()].find((k) => k.keyId === keyId)!.materials).toHaveLength(3);
    expect((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toEqual(plaintext);
  });

  it('rotates on the next rotation date itself: then GetKeyRotationStatus shows the date one period later', async () => {
    const { kms, keyId, clock } = await arrange();
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const { NextRotationDate } = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    clock.advance(NextRotationDate!.getTime() - clock.now());
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).NextRotationDate!.getTime()).toBe(NextRotationDate!.getTime() + 90 * DAY);
  });

  it('reads false while the key is pending deletion, and comes back when deletion is cancelled', async () => {
    const { kms, keyId } = await arrange();
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true);
  });

  it('does not rotate a disabled key; re-enabled past its date, the key rotates once at once, then a period from then', async () => {
    const { kms, keyId, model, clock } = await arrange();
    const materials = () => [...model.kms.keys.values()].find((k) => k.keyId === keyId)!.materials;
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const { NextRotationDate } = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    clock.advance(200 * DAY);
    // The status does not change while the key is disabled, nor does its material.
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({ KeyRotationEnabled: true, NextRotationDate });
    expect(materials()).toHaveLength(1);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).NextRotationDate!.getTime()).toBe(clock.now() + 90 * DAY);
    expect(materials()).toEqual([expect.any(Number), clock.now()]); // read after a request: no rotation was left due
  });

  it('re-enabled before its date, a key keeps its schedule', async () => {
    const { kms, keyId, model, clock } = await arrange();
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const { NextRotationDate } = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    clock.advance(30 * DAY);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect([...model.kms.keys.values()].find((k) => k.keyId === keyId)!.materials).toHaveLength(1);
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).NextRotationDate).toEqual(NextRotationDate);
  });

  it('does not rotate a key pending deletion: cancelled (it is then disabled) and re-enabled past its date, the key rotates once', async () => {
    const { kms, keyId, model, clock } = await arrange();
    const materials = () => [...model.kms.keys.values()].find((k) => k.keyId === keyId)!.materials;
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    clock.advance(85 * DAY);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 30 }));
    clock.advance(20 * DAY);
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect(materials()).toHaveLength(1);
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect(materials()).toEqual([expect.any(Number), clock.now()]);
  });

  it('an AWS managed key rotates every year, and the account cannot change that', async () => {
    const { kms } = await arrange();
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sqs' }));
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: KeyMetadata!.KeyId }))).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
      NextRotationDate: new Date(KeyMetadata!.CreationDate!.getTime() + 365 * DAY),
    });
    expect((await rejection(kms.send(new DisableKeyRotationCommand({ KeyId: KeyMetadata!.KeyId })))).name).toBe('AccessDeniedException');
  });
});

describe('which identifiers the rotation operations take', () => {
  // API_EnableKeyRotation, API_DisableKeyRotation, API_GetKeyRotationStatus, API_RotateKeyOnDemand KeyId: the key ID or key ARN.
  it('refuses an alias, even one that names a key, with NotFoundException', async () => {
    const { kms, keyId } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/rotating', TargetKeyId: keyId }));
    const KeyId = 'alias/rotating';
    const calls: [string, () => Promise<unknown>][] = [
      ['EnableKeyRotation', () => kms.send(new EnableKeyRotationCommand({ KeyId }))],
      ['DisableKeyRotation', () => kms.send(new DisableKeyRotationCommand({ KeyId }))],
      ['GetKeyRotationStatus', () => kms.send(new GetKeyRotationStatusCommand({ KeyId }))],
      ['RotateKeyOnDemand', () => kms.send(new RotateKeyOnDemandCommand({ KeyId }))],
    ];
    for (const [operation, call] of calls) expect((await rejection(call())).name, operation).toBe('NotFoundException');
  });
});

describe('on-demand rotation', () => {
  it('adds key material at once; ciphertexts of every earlier version still decrypt', async () => {
    const { kms, keyId } = await arrange();
    const before = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    expect((await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }))).KeyId).toBe(keyId);
    const between = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    for (const blob of [before.CiphertextBlob, between.CiphertextBlob])
      expect((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext).toEqual(plaintext);
    expect(between.CiphertextBlob).not.toEqual(before.CiphertextBlob);
  });

  it('messages an SQS queue sealed before a rotation are received after it', async () => {
    const { kms, sqs, keyId } = await arrange();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'sealed before' }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0]?.Body).toBe('sealed before');
  });

  it('is refused on a disabled key, a key pending deletion, a key without AWS KMS material, an HMAC key, and after 25 rotations', async () => {
    const { kms, keyId } = await arrange();
    for (let i = 0; i < 25; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    expect((await rejection(kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId })))).name).toBe('LimitExceededException');
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect((await rejection(kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId })))).name).toBe('DisabledException');
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: keyId })))).name).toBe('DisabledException');
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect((await rejection(kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId })))).name).toBe('KMSInvalidStateException');
    const external = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId;
    const hmac = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!.KeyId;
    for (const id of [external, hmac]) {
      expect((await rejection(kms.send(new RotateKeyOnDemandCommand({ KeyId: id })))).name).toBe('UnsupportedOperationException');
      expect((await rejection(kms.send(new GetKeyRotationStatusCommand({ KeyId: id })))).name).toBe('UnsupportedOperationException');
    }
  });
});
