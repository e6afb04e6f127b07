/**
 * Generic KMS request rules of the reference model (clause-independent, issue 14).
 *
 * Why not a clause: the rules here are KMS request validation and key, alias and policy management
 * (CreateKey parameters, GenerateDataKey sizes, which operations take aliases, UpdateAlias and
 * DeleteAlias, ListAliases contents, malformed identifiers and ciphertexts), the request ledger
 * (the model's CloudTrail) and the dry run SNS and SQS consult while they serve cached data keys
 * (wouldFail: it must create and record nothing). The specification states KMS rules only where SSE on SNS and SQS touches
 * them, yet the reference also serves as a drop-in KMS fake behind real SDK clients, so these rules
 * matter to its users. Each assertion cites the AWS page that documents it; error messages are not
 * asserted, except the few KMS-30 records.
 */
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListGrantsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, DAY } from '../../reference/index.js';
import { rejection } from './helpers.js';

const ACCOUNT = '123456789012';

async function arrange(input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) {
  const c = createReferenceClients();
  const { KeyMetadata } = await c.kms.send(new CreateKeyCommand(input));
  return { ...c, keyId: KeyMetadata!.KeyId!, keyArn: KeyMetadata!.Arn!, md: KeyMetadata! };
}

const aliasNames = async (kms: ReturnType<typeof createReferenceClients>['kms'], KeyId?: string) =>
  ((await kms.send(new ListAliasesCommand(KeyId ? { KeyId } : {}))).Aliases ?? []).map((a) => [a.AliasName, a.TargetKeyId]);

describe('CreateKey (API_CreateKey)', () => {
  it('defaults to a customer managed symmetric encryption key of origin AWS_KMS, single-Region, with an empty description', async () => {
    const { md, keyId, keyArn } = await arrange();
    expect(md).toMatchObject({
      KeyManager: 'CUSTOMER',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Origin: 'AWS_KMS',
      MultiRegion: false,
      Description: '',
    });
    expect(keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(keyArn).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`);
  });

  it('a multi-Region key has an mrk- key ID of 32 hex digits (API_CreateKey MultiRegion; multi-region-keys-overview)', async () => {
    const { md } = await arrange({ MultiRegion: true });
    expect(md.MultiRegion).toBe(true);
    expect(md.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
  });

  it('an HMAC key keeps its usage and spec; KeyUsage outside the enum, or without a KeySpec of its kind, is refused (API_CreateKey KeyUsage, KeySpec)', async () => {
    const { kms } = await arrange();
    const hmac = (await kms.send(new CreateKeyCommand({ KeyUsage: 'GENERATE_VERIFY_MAC', KeySpec: 'HMAC_256' }))).KeyMetadata!;
    expect([hmac.KeyUsage, hmac.KeySpec]).toEqual(['GENERATE_VERIFY_MAC', 'HMAC_256']);
    for (const input of [
      { KeyUsage: 'DECRYPT_ONLY' },
      { KeyUsage: 'DECRYPT_ONLY', KeySpec: 'RSA_2048' },
      { KeyUsage: 'GENERATE_VERIFY_MAC' },
      { KeyUsage: 'SIGN_VERIFY' },
    ]) {
      // KeySpec defaults to SYMMETRIC_DEFAULT, an encryption key spec: HMAC and signing keys must name theirs.
      expect((await rejection(kms.send(new CreateKeyCommand(input as never)))).name, input.KeyUsage).toBe('ValidationException');
    }
  });

  it('keeps the description, up to 8,192 characters, and refuses a longer one (API_CreateKey Description)', async () => {
    const { kms } = await arrange();
    const long = 'd'.repeat(8192);
    expect((await kms.send(new CreateKeyCommand({ Description: long }))).KeyMetadata!.Description).toBe(long);
    expect((await rejection(kms.send(new CreateKeyCommand({ Description: `${long}d` })))).name).toBe('ValidationException');
  });

  it('keeps a given key policy and refuses a malformed one (API_CreateKey Policy, MalformedPolicyDocumentException)', async () => {
    const { kms } = await arrange();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    const { KeyId } = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId }))).Policy).toBe(policy);
    expect((await rejection(kms.send(new CreateKeyCommand({ Policy: 'not a policy' })))).name).toBe('MalformedPolicyDocumentException');
  });
});

describe('which identifiers an operation takes (KMS-6)', () => {
  // API_EnableKey, API_DisableKey, API_ScheduleKeyDeletion, API_CancelKeyDeletion, API_GetKeyPolicy,
  // API_PutKeyPolicy, API_CreateAlias (TargetKeyId), API_UpdateAlias (TargetKeyId), API_ListAliases
  // (KeyId): "Specify the key ID or key ARN"; an alias does not name the key there.
  it('management operations refuse an alias name or alias ARN and change nothing', async () => {
    const { kms, keyId } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/mgmt', TargetKeyId: keyId }));
    const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!;
    for (const name of ['alias/mgmt', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/mgmt`]) {
      for (const cmd of [
        new DisableKeyCommand({ KeyId: name }),
        new ScheduleKeyDeletionCommand({ KeyId: name, PendingWindowInDays: 7 }),
        new GetKeyPolicyCommand({ KeyId: name }),
        new PutKeyPolicyCommand({ KeyId: name, Policy: policy }),
        new CreateAliasCommand({ AliasName: 'alias/second', TargetKeyId: name }),
        new UpdateAliasCommand({ AliasName: 'alias/mgmt', TargetKeyId: name }),
        new ListAliasesCommand({ KeyId: name }),
      ]) {
        await rejection(kms.send(cmd as never));
      }
    }
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('Enabled');
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await rejection(kms.send(new EnableKeyCommand({ KeyId: 'alias/mgmt' })));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    await rejection(kms.send(new CancelKeyDeletionCommand({ KeyId: 'alias/mgmt' })));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('PendingDeletion');
    expect(await aliasNames(kms)).toContainEqual(['alias/mgmt', keyId]);
    expect(await aliasNames(kms)).not.toContainEqual(['alias/second', keyId]);
  });

  it('an ARN of another service or Region, or one that is no ARN at all, names no key (API_DescribeKey KeyId)', async () => {
    const { kms, keyId } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/here', TargetKeyId: keyId }));
    for (const KeyId of [
      `arn:aws:sqs:us-east-1:${ACCOUNT}:alias/here`,
      `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/here`,
      `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${keyId}`,
      'arn:aws:kms',
      `arn:aws:kms:us-east-1:${ACCOUNT}:grant/${keyId}`,
      'not-a-key-id',
      'alias/nowhere',
    ]) {
      expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId })))).name, KeyId).toBe('NotFoundException');
      expect((await rejection(kms.send(new EncryptCommand({ KeyId, Plaintext: new Uint8Array([1]) })))).name, KeyId).toBe('NotFoundException');
    }
  });
});

describe('GetKeyPolicy and PutKeyPolicy take only the policy name "default" (API_GetKeyPolicy, API_PutKeyPolicy PolicyName)', () => {
  it('refuses any other policy name, and the name may be omitted', async () => {
    const { kms, keyId, model, principal } = await arrange();
    const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy!;
    await rejection(kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'other' })));
    await rejection(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'other', Policy: policy })));
    expect(model.kms.getKeyPolicy({ caller: principal }, keyId)).toBe(policy);
    model.kms.putKeyPolicy({ caller: principal }, keyId, policy);
  });
});

describe('aliases (KMS-7; API_CreateAlias, API_UpdateAlias, API_DeleteAlias, API_ListAliases)', () => {
  it('an alias name without the alias/ prefix is a ValidationException; a name of 256 characters is accepted', async () => {
    const { kms, keyId } = await arrange();
    for (const cmd of [
      new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: keyId }),
      new UpdateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: keyId }),
    ]) {
      expect((await rejection(kms.send(cmd as never))).name).toBe('ValidationException');
    }
    const longest = `alias/${'a'.repeat(250)}`;
    await kms.send(new CreateAliasCommand({ AliasName: longest, TargetKeyId: keyId }));
    expect(await aliasNames(kms)).toContainEqual([longest, keyId]);
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/ok/x y/alias/ok', TargetKeyId: keyId })))).name).toBe(
      'InvalidAliasNameException',
    );
  });

  it('an alias cannot be created for an AWS managed key (API_CreateAlias TargetKeyId: a customer managed key)', async () => {
    const { kms } = await arrange();
    const managed = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sns' }))).KeyMetadata!;
    expect(managed).toMatchObject({ KeyManager: 'AWS', Origin: 'AWS_KMS', MultiRegion: false, KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'SYMMETRIC_DEFAULT' });
    await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/mine', TargetKeyId: managed.KeyId })));
    expect(await aliasNames(kms)).not.toContainEqual(['alias/mine', managed.KeyId]);
  });

  it('UpdateAlias needs an existing alias and a key of the same key usage and key spec', async () => {
    const { kms, keyId } = await arrange();
    expect((await rejection(kms.send(new UpdateAliasCommand({ AliasName: 'alias/none', TargetKeyId: keyId })))).name).toBe('NotFoundException');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: keyId }));
    const rsa = (await kms.send(new CreateKeyCommand({ KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'RSA_2048' }))).KeyMetadata!.KeyId!;
    const rsaSigning = (await kms.send(new CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_2048' }))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/rsa', TargetKeyId: rsa }));
    await rejection(kms.send(new UpdateAliasCommand({ AliasName: 'alias/rsa', TargetKeyId: rsaSigning })));
    expect(await aliasNames(kms)).toContainEqual(['alias/rsa', rsa]);
    const hmac = (await kms.send(new CreateKeyCommand({ KeyUsage: 'GENERATE_VERIFY_MAC', KeySpec: 'HMAC_256' }))).KeyMetadata!.KeyId!;
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    for (const TargetKeyId of [rsa, hmac]) await rejection(kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId })));
    expect(await aliasNames(kms)).toContainEqual(['alias/moving', keyId]);
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: other }));
    expect(await aliasNames(kms)).toContainEqual(['alias/moving', other]);
  });

  it('DeleteAlias removes the alias, refuses an unknown one and the reserved alias/aws/ names', async () => {
    const { kms, keyId } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/gone', TargetKeyId: keyId }));
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/gone' }));
    expect((await aliasNames(kms)).map(([n]) => n)).not.toContain('alias/gone');
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'alias/gone' })))).name).toBe('NotFoundException');
    expect((await rejection(kms.send(new DeleteAliasCommand({ AliasName: 'alias/gone' })))).name).toBe('NotFoundException');
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sqs' }));
    await rejection(kms.send(new DeleteAliasCommand({ AliasName: 'alias/aws/sqs' })));
    expect((await aliasNames(kms)).filter(([n, t]) => n === 'alias/aws/sqs' && t)).toHaveLength(1);
  });

  it("ListAliases shows the caller's account only, each predefined AWS alias once, alias ARNs, and filters by key", async () => {
    const { kms, keyId, model } = await arrange();
    const other = createReferenceClients({ model, accountId: '999999999999' });
    const otherKey = (await other.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await other.kms.send(new CreateAliasCommand({ AliasName: 'alias/theirs', TargetKeyId: otherKey }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/a', TargetKeyId: keyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/b', TargetKeyId: keyId }));
    const second = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/c', TargetKeyId: second }));
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sns' }));
    const all = (await kms.send(new ListAliasesCommand({}))).Aliases!;
    expect(all.map((a) => a.AliasName).sort()).toEqual(['alias/a', 'alias/aws/sns', 'alias/aws/sqs', 'alias/b', 'alias/c']);
    for (const a of all) expect(a.AliasArn).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:${a.AliasName}`);
    expect(all.find((a) => a.AliasName === 'alias/aws/sqs')!.TargetKeyId).toBeUndefined();
    expect(all.find((a) => a.AliasName === 'alias/aws/sns')!.TargetKeyId).toBeDefined();
    expect((await aliasNames(kms, keyId)).sort()).toEqual([
      ['alias/a', keyId],
      ['alias/b', keyId],
    ]);
    expect(await aliasNames(other.kms, otherKey)).toEqual([['alias/theirs', otherKey]]);
  });

  it('when the waiting period ends the key and its aliases are deleted, and only those (KMS-2, deleting-keys)', async () => {
    const { kms, keyId, clock } = await arrange();
    const keep = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: keyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: keep }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    clock.advance(7 * DAY);
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: keyId })))).name).toBe('NotFoundException');
    const names = (await aliasNames(kms)).map(([n]) => n);
    expect(names).not.toContain('alias/doomed');
    expect(names).toContain('alias/kept');
  });
});

describe('GenerateDataKey sizes (API_GenerateDataKey KeySpec, NumberOfBytes)', () => {
  it('AES_256 gives 32 bytes, AES_128 16, NumberOfBytes n gives n for 1..1024', async () => {
    const { kms, keyId } = await arrange();
    const len = async (input: { KeySpec?: 'AES_256' | 'AES_128'; NumberOfBytes?: number }) =>
      (await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, ...input }))).Plaintext!.length;
    expect(await len({ KeySpec: 'AES_256' })).toBe(32);
    expect(await len({ KeySpec: 'AES_128' })).toBe(16);
    expect(await len({ NumberOfBytes: 1 })).toBe(1);
    expect(await len({ NumberOfBytes: 1024 })).toBe(1024);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1024 }), async (n) => {
        expect(await len({ NumberOfBytes: n })).toBe(n);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses neither or both of KeySpec and NumberOfBytes, another KeySpec, and sizes outside 1..1024', async () => {
    const { kms, keyId } = await arrange();
    for (const input of [
      {},
      { KeySpec: 'AES_128', NumberOfBytes: 16 },
      { KeySpec: 'AES_512' },
      { NumberOfBytes: 0 },
      { NumberOfBytes: 1025 },
      { NumberOfBytes: 1.5 },
    ]) {
      expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, ...(input as object) })))).name, JSON.stringify(input)).toBe(
        'ValidationException',
      );
    }
  });
});

describe('the messages KMS-30 records', () => {
  it('a key pending import is "<key ARN> is pending import." (the key-state table)', async () => {
    const { kms } = await arrange();
    const { Arn } = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    const e = await rejection(kms.send(new EncryptCommand({ KeyId: Arn, Plaintext: new Uint8Array([1]) })));
    expect([e.name, e.message]).toEqual(['KMSInvalidStateException', `${Arn} is pending import.`]);
  });

  it('"Key \'<key ARN>\' does not exist" only for a well-formed key ARN, not for a malformed key ID or another resource type', async () => {
    const { kms } = await arrange();
    const unknown = `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-4000-8000-000000000000`;
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: unknown })))).message).toBe(`Key '${unknown}' does not exist`);
    for (const KeyId of [`arn:aws:kms:us-east-1:${ACCOUNT}:key/not-a-key-id`, `arn:aws:kms:us-east-1:${ACCOUNT}:abc/00000000-0000-4000-8000-000000000000`]) {
      const e = await rejection(kms.send(new DescribeKeyCommand({ KeyId })));
      expect(e.name, KeyId).toBe('NotFoundException');
      expect(e.message, KeyId).not.toMatch(/does not exist/);
    }
  });
});

describe('Encrypt, Decrypt and key usage (API_Encrypt, API_Decrypt)', () => {
  it('refuses empty plaintext (Plaintext length 1..4096)', async () => {
    const { keyId, model, principal } = await arrange();
    expect(() => model.kms.encrypt({ caller: principal }, keyId, new Uint8Array(0))).toThrow(expect.objectContaining({ name: 'ValidationException' }));
  });

  it('refuses keys that are not symmetric encryption keys with InvalidKeyUsageException (KMS-14)', async () => {
    const { kms } = await arrange();
    for (const input of [
      { KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'RSA_2048' },
      { KeyUsage: 'GENERATE_VERIFY_MAC', KeySpec: 'HMAC_256' },
    ] as const) {
      const KeyId = (await kms.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;
      expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId, KeySpec: 'AES_256' })))).name).toBe('InvalidKeyUsageException');
      expect((await rejection(kms.send(new EncryptCommand({ KeyId, Plaintext: new Uint8Array([1]) })))).name).toBe('InvalidKeyUsageException');
    }
  });

  it('Decrypt with a KeyId needs the key that encrypted: another key is IncorrectKeyException, an alias of the right key works', async () => {
    const { kms, keyId, keyArn } = await arrange();
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/right', TargetKeyId: keyId }));
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([7, 8]) }));
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob, KeyId: other })))).name).toBe('IncorrectKeyException');
    const out = await kms.send(new DecryptCommand({ CiphertextBlob, KeyId: 'alias/right' }));
    expect([...out.Plaintext!]).toEqual([7, 8]);
    expect(out.KeyId).toBe(keyArn);
  });

  it('an empty encryption context is the same as none (concepts.html#encrypt_context: a set of pairs)', async () => {
    const { kms, keyId } = await arrange();
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]), EncryptionContext: {} }));
    expect([...(await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!]).toEqual([1]);
  });

  it('bytes that KMS did not produce, or a truncated ciphertext, are InvalidCiphertextException (API_Decrypt Errors)', async () => {
    const { kms, keyId } = await arrange();
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1, 2, 3]) }));
    const blob = CiphertextBlob!;
    const prefix = blob.subarray(0, 11);
    const cuts = [12, 13, 20, blob.length - 3];
    const flipped = Uint8Array.from(blob);
    flipped[0] = flipped[0]! ^ 0xff;
    for (const bad of [prefix, flipped, blob.subarray(11), ...cuts.map((n) => blob.subarray(0, n))]) {
      expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: bad })))).name, `${bad.length} bytes`).toBe('InvalidCiphertextException');
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: bytes })))).name).toBe('InvalidCiphertextException');
      }),
      { numRuns: 50 },
    );
  });
});

describe('the ledger records every request, as CloudTrail does (logging-using-cloudtrail, ct-encrypt)', () => {
  it('with its operation, caller, key identifier, resolved key ARN, service and outcome', async () => {
    const c = createReferenceClients();
    const { kms, model, principal } = c;
    expect(model.kms.ledger).toEqual([]);
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const keyId = KeyMetadata!.KeyId!;
    const keyArn = KeyMetadata!.Arn!;
    const last = () => model.kms.ledger.at(-1)!;
    expect(last()).toStrictEqual({ at: c.clock.now(), operation: 'CreateKey', caller: principal, keyArn, ok: true });
    const cases: [string, () => Promise<unknown>, string][] = [
      ['DescribeKey', () => kms.send(new DescribeKeyCommand({ KeyId: keyId })), keyId],
      ['DisableKey', () => kms.send(new DisableKeyCommand({ KeyId: keyId })), keyId],
      ['EnableKey', () => kms.send(new EnableKeyCommand({ KeyId: keyId })), keyId],
      ['GetKeyPolicy', () => kms.send(new GetKeyPolicyCommand({ KeyId: keyId })), keyId],
      ['CreateAlias', () => kms.send(new CreateAliasCommand({ AliasName: 'alias/l', TargetKeyId: keyId })), keyId],
      ['UpdateAlias', () => kms.send(new UpdateAliasCommand({ AliasName: 'alias/l', TargetKeyId: keyId })), keyId],
      ['ListAliases', () => kms.send(new ListAliasesCommand({ KeyId: keyId })), keyId],
      ['GenerateDataKey', () => kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/l', KeySpec: 'AES_256' })), 'alias/l'],
      ['Encrypt', () => kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) })), keyId],
      ['ScheduleKeyDeletion', () => kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })), keyId],
      ['CancelKeyDeletion', () => kms.send(new CancelKeyDeletionCommand({ KeyId: keyId })), keyId],
      ['DeleteAlias', () => kms.send(new DeleteAliasCommand({ AliasName: 'alias/l' })), 'alias/l'],
    ];
    for (const [operation, call, keyInput] of cases) {
      await call();
      expect(last(), operation).toMatchObject({ operation, caller: principal, keyInput, ok: true });
      expect(last().error, operation).toBeUndefined();
    }
    expect('keyArn' in last()).toBe(false);
    const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!;
    expect('keyArn' in last()).toBe(false); // GetKeyPolicy answers a policy text, not a key
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: policy }));
    expect(last()).toMatchObject({ operation: 'PutKeyPolicy', keyInput: keyId, keyArn, ok: true });
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }));
    expect(last().keyArn).toBe(keyArn);
    await kms.send(new DecryptCommand({ CiphertextBlob }));
    expect(last()).toMatchObject({ operation: 'Decrypt', keyInput: keyArn, keyArn, ok: true });
    await rejection(kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array([1, 2, 3]) })));
    expect(last()).toMatchObject({ operation: 'Decrypt', ok: false, error: 'InvalidCiphertextException' });
    expect('keyInput' in last()).toBe(false);
    await rejection(kms.send(new EncryptCommand({ KeyId: 'alias/nothing', Plaintext: new Uint8Array([1]) })));
    expect(last()).toMatchObject({ operation: 'Encrypt', keyInput: 'alias/nothing', ok: false, error: 'NotFoundException' });
    expect(Object.keys(last()).sort()).toEqual(['at', 'caller', 'error', 'keyInput', 'ok', 'operation']);
  });

  it('records the grant and rotation operations under their names, RetireGrant by token with the key of the grant', async () => {
    const { kms, model, principal } = createReferenceClients();
    const { KeyId: keyId, Arn: keyArn } = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const last = () => model.kms.ledger.at(-1)!;
    const grant = () => kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: principal, Operations: ['Encrypt'] }));
    const { GrantId } = await grant();
    expect(last()).toMatchObject({ operation: 'CreateGrant', keyInput: keyId, keyArn, ok: true });
    const cases: [string, () => Promise<unknown>][] = [
      ['ListGrants', () => kms.send(new ListGrantsCommand({ KeyId: keyId }))],
      ['RevokeGrant', () => kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId }))],
      ['EnableKeyRotation', () => kms.send(new EnableKeyRotationCommand({ KeyId: keyId }))],
      ['GetKeyRotationStatus', () => kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))],
      ['DisableKeyRotation', () => kms.send(new DisableKeyRotationCommand({ KeyId: keyId }))],
      ['RotateKeyOnDemand', () => kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }))],
    ];
    for (const [operation, call] of cases) {
      await call();
      expect(last(), operation).toMatchObject({ operation, keyInput: keyId, ok: true });
    }
    const { GrantToken } = await grant();
    await kms.send(new RetireGrantCommand({ GrantToken }));
    expect(last()).toMatchObject({ operation: 'RetireGrant', keyArn, ok: true });
  });

  it("names the service and the resource when SNS or SQS call KMS on a principal's behalf (ct-encrypt: invokedBy)", async () => {
    const { kms, model, principal } = createReferenceClients();
    const { KeyId } = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const resource = `arn:aws:sqs:us-east-1:${ACCOUNT}:q`;
    model.kms.generateDataKey({ caller: principal, viaService: 'sqs', resource }, KeyId!, { KeySpec: 'AES_256' });
    expect(model.kms.ledger.at(-1)).toMatchObject({ operation: 'GenerateDataKey', viaService: 'sqs', resource });
  });
});

describe('wouldFail: what a KMS request would answer now, without making one (KMS-9)', () => {
  it('usableKeyArn resolves an alias to the ARN of its key, as a request naming the alias would (S3-17)', async () => {
    const { kms, keyId, keyArn, model, principal } = await arrange();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/usable', TargetKeyId: keyId }));
    expect(model.kms.usableKeyArn('alias/usable', 'kms:GenerateDataKey', { caller: principal })).toBe(keyArn);
  });

  it('answers the refusal a request would get, creates nothing and records nothing', async () => {
    const { kms, keyId, keyArn, model, principal, clock } = await arrange();
    const ctx = { caller: principal, viaService: 'sqs' as const };
    expect(model.kms.wouldFail(keyArn, 'kms:GenerateDataKey', ctx)).toBeUndefined();
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect(model.kms.wouldFail(keyArn, 'kms:GenerateDataKey', ctx)?.name).toBe('DisabledException');
    const before = model.kms.ledger.length;
    expect(model.kms.wouldFail('alias/aws/sqs', 'kms:GenerateDataKey', ctx)?.name).toBe('NotFoundException');
    expect(model.kms.ledger.length).toBe(before);
    expect(await aliasNames(kms)).toContainEqual(['alias/aws/sqs', undefined]);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    clock.advance(7 * DAY);
    expect(model.kms.wouldFail(keyArn, 'kms:GenerateDataKey', ctx)?.name).toBe('NotFoundException');
  });
});
