import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisabledException,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  KMSInvalidStateException,
  KMSServiceException,
  ListAliasesCommand,
  NotFoundException,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, DAY } from '../../reference/index.js';
import { rejection } from './helpers.js';

async function arrange() {
  const c = createReferenceClients();
  const { KeyMetadata } = await c.kms.send(new CreateKeyCommand({ Description: 'test key' }));
  return { ...c, keyId: KeyMetadata!.KeyId!, keyArn: KeyMetadata!.Arn! };
}

describe('KMS key state machine (KMS-1, KMS-2, KMS-4)', () => {
  it('creates keys Enabled, and Disable/Enable move between Enabled and Disabled', async () => {
    const { kms, keyId } = await arrange();
    const state = async () => (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect((await state()).KeyState).toBe('Enabled');
    expect((await state()).Enabled).toBe(true);
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect((await state()).KeyState).toBe('Disabled');
    expect((await state()).Enabled).toBe(false);
    await kms.send(new DisableKeyCommand({ KeyId: keyId })); // allowed on Disabled too
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect((await state()).KeyState).toBe('Enabled');
  });

  it('schedules deletion with a DeletionDate, and CancelKeyDeletion returns the key to Disabled, not Enabled', async () => {
    const { kms, keyId, clock } = await arrange();
    const out = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(out.KeyState).toBe('PendingDeletion');
    expect(out.DeletionDate!.getTime()).toBe(clock.now() + 7 * DAY);
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(md.KeyState).toBe('Disabled');
    expect(md.DeletionDate).toBeUndefined();
  });

  it.each([6, 31, 0, 365])('rejects a waiting period of %i days with ValidationException (service range 7-30)', async (days) => {
    const { kms, keyId } = await arrange();
    const e = await rejection(kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: days })));
    expect(e.name).toBe('ValidationException');
    expect(e).toBeInstanceOf(KMSServiceException);
    expect(e.message).toContain('between 7 and 30');
  });

  it('rejects state changes of a key pending deletion with KMSInvalidStateException', async () => {
    const { kms, keyId } = await arrange();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    for (const cmd of [
      new EnableKeyCommand({ KeyId: keyId }),
      new DisableKeyCommand({ KeyId: keyId }),
      new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
      new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: keyId }),
    ]) {
      expect(await rejection(kms.send(cmd as never))).toBeInstanceOf(KMSInvalidStateException);
    }
    const notPending = await arrange();
    const e = await rejection(notPending.kms.send(new CancelKeyDeletionCommand({ KeyId: notPending.keyId })));
    expect(e).toBeInstanceOf(KMSInvalidStateException);
    expect(e.message).toContain('is not pending deletion');
  });

  it('deletes the key and all its aliases when the waiting period ends', async () => {
    const { kms, keyId, clock } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: keyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    clock.advance(7 * DAY - 1);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('PendingDeletion');
    clock.advance(1);
    expect(await rejection(kms.send(new DescribeKeyCommand({ KeyId: keyId })))).toBeInstanceOf(NotFoundException);
    const aliases = (await kms.send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName);
    expect(aliases).not.toContain('alias/doomed');
  });
});

describe('KMS key identifiers (KMS-6)', () => {
  it('accepts all four identifier forms in cryptographic operations', async () => {
    const { kms, keyId, keyArn } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyId }));
    const aliasArn = keyArn.replace(/key\/.*/, 'alias/app');
    for (const form of [keyId, keyArn, 'alias/app', aliasArn]) {
      const out = await kms.send(new GenerateDataKeyCommand({ KeyId: form, KeySpec: 'AES_256' }));
      expect(out.KeyId, form).toBe(keyArn);
      expect(out.Plaintext!.length).toBe(32);
    }
  });

  it('refuses alias forms in management operations', async () => {
    const { kms, keyId } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyId }));
    const e = await rejection(kms.send(new DisableKeyCommand({ KeyId: 'alias/app' })));
    expect(e).toBeInstanceOf(NotFoundException);
  });

  it.each([
    ['a malformed id', 'not-a-key', "Invalid keyId 'not-a-key'"],
    ['an unknown key id', '11111111-2222-4333-8444-555555555555', 'does not exist'],
    ['a key ARN of another region', 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555', 'Invalid arn eu-west-1'],
    ['an unknown alias', 'alias/nothing-here', 'is not found'],
  ])('answers %s with NotFoundException', async (_what, id, message) => {
    const { kms } = await arrange();
    const e = await rejection(kms.send(new EncryptCommand({ KeyId: id, Plaintext: new Uint8Array([1]) })));
    expect(e).toBeInstanceOf(NotFoundException);
    expect(e.$metadata!.httpStatusCode).toBe(400); // the wire says 400, not the model's 404
    expect(e.message).toContain(message);
  });
});

describe('KMS aliases (KMS-7)', () => {
  it.each([
    ['app', 'ValidationException', 'must start with the prefix'],
    ['alias/aws/mine', 'NotAuthorizedException', 'reserved'],
    ['alias/has space', 'InvalidAliasNameException', 'not valid'],
    [`alias/${'x'.repeat(251)}`, 'ValidationException', 'length'],
  ])('rejects alias name %j with %s', async (name, code, message) => {
    const { kms, keyId } = await arrange();
    const e = await rejection(kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyId })));
    expect(e.name).toBe(code);
    expect(e.message).toContain(message);
  });

  it('rejects a second alias of the same name, re-points with UpdateAlias, and deletes', async () => {
    const { kms, keyId } = await arrange();
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyId }));
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: other.KeyId! })))).name).toBe('AlreadyExistsException');
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: other.KeyId! }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.KeyId).toBe(other.KeyId);
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/app' }));
    expect(await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'alias/app' })))).toBeInstanceOf(NotFoundException);
  });
});

describe('AWS managed keys (KMS-8, SNS-8)', () => {
  it('lists alias/aws/sns and alias/aws/sqs without a target until first use, then with one', async () => {
    const { kms } = await arrange();
    const before = (await kms.send(new ListAliasesCommand({}))).Aliases!;
    expect(before.find((a) => a.AliasName === 'alias/aws/sns')).toEqual({
      AliasName: 'alias/aws/sns',
      AliasArn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/sns',
    });
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sns' }))).KeyMetadata!;
    expect(md.KeyManager).toBe('AWS');
    const after = (await kms.send(new ListAliasesCommand({}))).Aliases!;
    expect(after.find((a) => a.AliasName === 'alias/aws/sns')!.TargetKeyId).toBe(md.KeyId);
  });

  it('cannot be disabled, re-policied or used directly by a principal of the account', async () => {
    const { kms } = await arrange();
    const md = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sqs' }))).KeyMetadata!;
    for (const cmd of [
      new DisableKeyCommand({ KeyId: md.KeyId! }),
      new PutKeyPolicyCommand({ KeyId: md.KeyId!, Policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*"}]}' }),
      new EncryptCommand({ KeyId: 'alias/aws/sqs', Plaintext: new Uint8Array([1]) }),
    ]) {
      expect((await rejection(kms.send(cmd as never))).name).toBe('AccessDeniedException');
    }
  });
});

describe('KMS cryptographic operations (KMS-3, KMS-5, KMS-12)', () => {
  it('round-trips Encrypt/Decrypt and enforces 1..4096 bytes of plaintext', async () => {
    const { kms, keyId, keyArn } = await arrange();
    const plaintext = new Uint8Array(4096).fill(7);
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    expect(enc.CiphertextBlob!.length).toBeLessThanOrEqual(6144);
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(dec.KeyId).toBe(keyArn);
    expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(plaintext));
    for (const size of [0, 4097]) {
      const e = await rejection(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(size) })));
      expect(e.name, `${size} bytes`).toBe('ValidationException');
    }
  });

  it('needs the same encryption context to decrypt', async () => {
    const { kms, keyId } = await arrange();
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]), EncryptionContext: { a: '1', b: '2' } }));
    await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { b: '2', a: '1' } }));
    const e = await rejection(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: '1' } })));
    expect(e.name).toBe('InvalidCiphertextException');
  });

  it('fails with DisabledException on a disabled key and KMSInvalidStateException while pending deletion', async () => {
    const { kms, keyId } = await arrange();
    const enc = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect(await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_128' })))).toBeInstanceOf(DisabledException);
    expect(await rejection(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })))).toBeInstanceOf(DisabledException);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    const e = await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_128' })));
    expect(e).toBeInstanceOf(KMSInvalidStateException);
    expect(e.message).toContain('pending deletion');
  });

  it('requires exactly one of KeySpec and NumberOfBytes (1..1024)', async () => {
    const { kms, keyId } = await arrange();
    for (const input of [{}, { KeySpec: 'AES_256' as const, NumberOfBytes: 32 }, { NumberOfBytes: 0 }, { NumberOfBytes: 1025 }]) {
      expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, ...input })))).name, JSON.stringify(input)).toBe('ValidationException');
    }
    expect((await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1024 }))).Plaintext!.length).toBe(1024);
  });
});

describe('KMS key policy and ledger', () => {
  it('lets only principals of the account use a key by default, and service principals once the policy names them', async () => {
    const { kms, keyId, model } = await arrange();
    const ctx = { caller: 'sns.amazonaws.com', account: '123456789012' };
    expect(() => model.kms.generateDataKey(ctx, keyId, { KeySpec: 'AES_256' })).toThrow(/not authorized/);
    const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!);
    policy.Statement.push({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' });
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: JSON.stringify(policy) }));
    expect(model.kms.generateDataKey(ctx, keyId, { KeySpec: 'AES_256' }).keyArn).toContain(keyId);
    const other = createReferenceClients({ model, accountId: '999999999999' });
    const e = await rejection(other.kms.send(new EncryptCommand({ KeyId: `arn:aws:kms:us-east-1:123456789012:key/${keyId}`, Plaintext: new Uint8Array([1]) })));
    expect(e.name).toBe('AccessDeniedException');
  });

  it('records every request with its caller and outcome', async () => {
    const { kms, keyId, model, principal } = await arrange();
    await rejection(kms.send(new EnableKeyCommand({ KeyId: 'nope' })));
    const last = model.kms.ledger.slice(-2);
    expect(last.map((e) => [e.operation, e.caller, e.ok, e.error])).toEqual([
      ['CreateKey', principal, true, undefined],
      ['EnableKey', principal, false, 'NotFoundException'],
    ]);
    expect(last[0]!.keyArn).toContain(keyId);
  });
});
