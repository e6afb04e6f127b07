/**
 * Grants in the reference model (KMS-23, KMS-24, KMS-25): CreateGrant, ListGrants, RetireGrant and
 * RevokeGrant with their refusals, grant tokens, and grants taken into account beside the key policy,
 * for direct calls and for the calls SQS and SNS make on a principal's behalf.
 */
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  ListGrantsCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createReferenceClients, ReferenceModel } from '../../reference/index.js';
import { rejection } from './helpers.js';

const ADMIN = 'arn:aws:iam::123456789012:user/admin';
const BOB = 'arn:aws:iam::123456789012:role/bob';
const CAROL = 'arn:aws:iam::123456789012:user/carol';
const EVE = 'arn:aws:iam::444455556666:user/eve';
const MALLORY = 'arn:aws:iam::777788889999:user/mallory';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:q';
const GRANT_ID = /^[0-9a-f]{64}$/;

/** Two principals of one account over one model, and a key whose policy names the admin only (so Bob has nothing but grants). */
async function arrange() {
  const model = new ReferenceModel();
  const admin = createReferenceClients({ model, principal: ADMIN });
  const bob = createReferenceClients({ model, principal: BOB });
  const { KeyMetadata } = await admin.kms.send(new CreateKeyCommand({}));
  const keyId = KeyMetadata!.KeyId!;
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' }] };
  await admin.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
  return { model, admin, bob, keyId, keyArn: KeyMetadata!.Arn! };
}

describe('CreateGrant and ListGrants (KMS-23)', () => {
  it('answers a 64-hex grant ID and a token; ListGrants shows the grant with its key ARN, grantee, operations and issuing account', async () => {
    const { admin, keyId, keyArn } = await arrange();
    const out = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey', 'Decrypt'], Name: 'g' }));
    expect(out.GrantId).toMatch(GRANT_ID);
    expect(out.GrantToken).toEqual(expect.any(String));
    const { Grants, Truncated } = await admin.kms.send(new ListGrantsCommand({ KeyId: keyArn }));
    expect(Truncated).toBe(false);
    expect(Grants).toEqual([
      expect.objectContaining({
        KeyId: keyArn,
        GrantId: out.GrantId,
        Name: 'g',
        GranteePrincipal: BOB,
        Operations: ['GenerateDataKey', 'Decrypt'],
        IssuingAccount: 'arn:aws:iam::123456789012:root',
      }),
    ]);
  });

  it('a CreateGrant repeated with the same Name and parameters returns the same grant with a new token (API_CreateGrant Name)', async () => {
    const { admin, keyId } = await arrange();
    const input = { KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt' as const], Name: 'retry' };
    const first = await admin.kms.send(new CreateGrantCommand(input));
    const again = await admin.kms.send(new CreateGrantCommand(input));
    expect(again.GrantId).toBe(first.GrantId);
    expect(again.GrantToken).not.toBe(first.GrantToken);
    const other = await admin.kms.send(new CreateGrantCommand({ ...input, Name: undefined }));
    expect(other.GrantId).not.toBe(first.GrantId);
  });

  // API_CreateGrant Name: a retry with the same Name and the same parameters returns the same grant, anything else makes a new one.
  it('a CreateGrant with the same Name but another grantee, retiring principal, operation set or constraint makes a new grant', async () => {
    const { admin, keyId } = await arrange();
    const base = {
      KeyId: keyId,
      Name: 'n',
      GranteePrincipal: BOB,
      RetiringPrincipal: ADMIN,
      Operations: ['Encrypt' as const, 'Decrypt' as const],
      Constraints: { EncryptionContextSubset: { app: 'a' } },
    };
    const first = (await admin.kms.send(new CreateGrantCommand(base))).GrantId;
    const again = (input: object) => admin.kms.send(new CreateGrantCommand({ ...base, ...input })).then((o) => o.GrantId);
    expect(await again({}), 'the same parameters').toBe(first);
    expect(await again({ Operations: ['Decrypt', 'Encrypt'] }), 'the operations in another order').toBe(first);
    for (const input of [
      { Name: 'm' },
      { GranteePrincipal: CAROL },
      { RetiringPrincipal: BOB },
      { RetiringServicePrincipal: 'sqs.amazonaws.com' },
      { Operations: ['Encrypt'] },
      { Constraints: { EncryptionContextSubset: { app: 'b' } } },
      { Constraints: undefined },
    ]) {
      expect(await again(input), JSON.stringify(input)).not.toBe(first);
    }
  });

  it('a CreateGrant with the same Name and parameters on another key makes a grant of that key (API_CreateGrant Name)', async () => {
    const { admin, keyId } = await arrange();
    const { KeyMetadata: other } = await admin.kms.send(new CreateKeyCommand({}));
    const input = { Name: 'n', GranteePrincipal: BOB, Operations: ['Encrypt' as const] };
    const first = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, ...input }));
    const second = await admin.kms.send(new CreateGrantCommand({ KeyId: other!.KeyId, ...input }));
    expect(second.GrantId).not.toBe(first.GrantId);
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: other!.KeyId }))).Grants!.map((g) => g.GrantId)).toEqual([second.GrantId]);
  });

  // API_CreateGrant GranteeServicePrincipal, RetiringServicePrincipal: a service principal grantee needs a SourceArn constraint.
  it('makes a grant for a service principal with a SourceArn constraint, lists its service principals, and a retry with the same Name returns it', async () => {
    const { admin, keyId } = await arrange();
    const input = {
      KeyId: keyId,
      Name: 's',
      GranteeServicePrincipal: 'sqs.amazonaws.com',
      RetiringServicePrincipal: 'sqs.amazonaws.com',
      Operations: ['Decrypt' as const],
      Constraints: { SourceArn: QUEUE },
    };
    const first = await admin.kms.send(new CreateGrantCommand(input));
    const { Grants } = await admin.kms.send(new ListGrantsCommand({ KeyId: keyId }));
    expect(Grants).toEqual([
      expect.objectContaining({ GrantId: first.GrantId, GranteeServicePrincipal: 'sqs.amazonaws.com', RetiringServicePrincipal: 'sqs.amazonaws.com' }),
    ]);
    expect((await admin.kms.send(new CreateGrantCommand(input))).GrantId).toBe(first.GrantId);
    expect((await admin.kms.send(new CreateGrantCommand({ ...input, GranteeServicePrincipal: 'sns.amazonaws.com' }))).GrantId).not.toBe(first.GrantId);
    expect((await admin.kms.send(new CreateGrantCommand({ ...input, RetiringServicePrincipal: 'sns.amazonaws.com' }))).GrantId).not.toBe(first.GrantId);
  });

  it('filters by grant ID and grantee, and pages with Limit and Marker', async () => {
    const { admin, keyId } = await arrange();
    const ids: string[] = [];
    for (const grantee of [BOB, ADMIN, BOB])
      ids.push((await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: grantee, Operations: ['Encrypt'] }))).GrantId!);
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: keyId, GrantId: ids[1] }))).Grants!.map((g) => g.GrantId)).toEqual([ids[1]]);
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: keyId, GranteePrincipal: BOB }))).Grants!.map((g) => g.GrantId)).toEqual([ids[0], ids[2]]);
    const first = await admin.kms.send(new ListGrantsCommand({ KeyId: keyId, Limit: 2 }));
    expect(first.Truncated).toBe(true);
    const rest = await admin.kms.send(new ListGrantsCommand({ KeyId: keyId, Limit: 2, Marker: first.NextMarker }));
    expect([...first.Grants!, ...rest.Grants!].map((g) => g.GrantId)).toEqual(ids);
    expect((await rejection(admin.kms.send(new ListGrantsCommand({ KeyId: keyId, Limit: 101 })))).name).toBe('ValidationException');
    expect((await rejection(admin.kms.send(new ListGrantsCommand({ KeyId: keyId, GrantId: 'nope' })))).name).toBe('InvalidGrantIdException');
  });

  it('refuses a missing or doubled grantee, no operations, operations the key cannot do, and a grantee that is no principal', async () => {
    const { admin, keyId } = await arrange();
    for (const input of [
      { KeyId: keyId, Operations: ['Encrypt' as const] },
      { KeyId: keyId, GranteePrincipal: BOB, GranteeServicePrincipal: 'sqs.amazonaws.com', Operations: ['Encrypt' as const] },
      { KeyId: keyId, GranteePrincipal: BOB, Operations: [] },
      { KeyId: keyId, GranteePrincipal: BOB, Operations: ['Sign' as const] },
      { KeyId: keyId, GranteeServicePrincipal: 'sqs.amazonaws.com', RetiringServicePrincipal: 'sqs.amazonaws.com', Operations: ['Encrypt' as const] },
    ]) {
      expect((await rejection(admin.kms.send(new CreateGrantCommand(input)))).name, JSON.stringify(input)).toBe('ValidationException');
    }
    expect((await rejection(admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: 'bob', Operations: ['Encrypt'] })))).name).toBe(
      'InvalidArnException',
    );
    const { KeyMetadata: hmac } = await admin.kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }));
    await admin.kms.send(new CreateGrantCommand({ KeyId: hmac!.KeyId, GranteePrincipal: BOB, Operations: ['GenerateMac'] }));
    expect((await rejection(admin.kms.send(new CreateGrantCommand({ KeyId: hmac!.KeyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey'] })))).name).toBe(
      'ValidationException',
    );
  });

  // API_CreateGrant Operations: which operations a grant may name depends on the key's type and usage.
  it('lets a grant of an asymmetric key name only the operations of its key usage', async () => {
    const { admin } = await arrange();
    const key = async (KeyUsage: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY') =>
      (await admin.kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage }))).KeyMetadata!.KeyId!;
    const grant = (KeyId: string, operation: 'Encrypt' | 'Sign' | 'GenerateMac') =>
      admin.kms.send(new CreateGrantCommand({ KeyId, GranteePrincipal: BOB, Operations: [operation] }));
    const encrypting = await key('ENCRYPT_DECRYPT');
    const signing = await key('SIGN_VERIFY');
    await grant(encrypting, 'Encrypt');
    await grant(signing, 'Sign');
    for (const [keyId, operation] of [
      [encrypting, 'Sign'],
      [encrypting, 'GenerateMac'],
      [signing, 'Encrypt'],
      [signing, 'GenerateMac'],
    ] as const) {
      expect((await rejection(grant(keyId, operation))).name, `${operation} on ${keyId === signing ? 'a signing' : 'an encryption'} key`).toBe(
        'ValidationException',
      );
    }
  });

  // API_CreateGrant GranteePrincipal: an AWS principal, an account among them; the model takes an IAM ARN or a 12-digit account ID.
  it('takes a 12-digit account ID as grantee, and refuses other digit strings', async () => {
    const { admin, keyId } = await arrange();
    const grant = (GranteePrincipal: string) => admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal, Operations: ['Encrypt'] }));
    await grant('444455556666');
    for (const grantee of ['4444555566667', 'x444455556666', '444455556666x', '4']) {
      expect((await rejection(grant(grantee))).name, grantee).toBe('InvalidArnException');
    }
  });

  it('takes a key ID or key ARN only, and answers NotFound for an unknown key (API_CreateGrant, API_ListGrants KeyId)', async () => {
    const { admin } = await arrange();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await rejection(admin.kms.send(new CreateGrantCommand({ KeyId: unknown, GranteePrincipal: BOB, Operations: ['Encrypt'] })))).name).toBe(
      'NotFoundException',
    );
    expect((await rejection(admin.kms.send(new ListGrantsCommand({ KeyId: unknown })))).name).toBe('NotFoundException');
    expect((await rejection(admin.kms.send(new RevokeGrantCommand({ KeyId: unknown, GrantId: 'a'.repeat(64) })))).name).toBe('NotFoundException');
    expect((await rejection(admin.kms.send(new ListGrantsCommand({ KeyId: 'alias/aws/sqs' })))).name).toBe('NotFoundException');
  });

  it('CreateGrant, ListGrants, RetireGrant and RevokeGrant do not take an alias, even one that exists (API_CreateGrant KeyId)', async () => {
    const { admin, keyId } = await arrange();
    const g = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'] }));
    await admin.kms.send(new CreateAliasCommand({ AliasName: 'alias/mine', TargetKeyId: keyId }));
    const KeyId = 'alias/mine';
    const calls: [string, () => Promise<unknown>][] = [
      ['CreateGrant', () => admin.kms.send(new CreateGrantCommand({ KeyId, GranteePrincipal: BOB, Operations: ['Encrypt'] }))],
      ['ListGrants', () => admin.kms.send(new ListGrantsCommand({ KeyId }))],
      ['RetireGrant', () => admin.kms.send(new RetireGrantCommand({ KeyId, GrantId: g.GrantId }))],
      ['RevokeGrant', () => admin.kms.send(new RevokeGrantCommand({ KeyId, GrantId: g.GrantId }))],
    ];
    for (const [operation, call] of calls) expect((await rejection(call())).name, operation).toBe('NotFoundException');
  });
});

describe('grants and key states (the key-state table)', () => {
  it('CreateGrant is refused on a disabled key (DisabledException) and a key pending deletion (KMSInvalidStateException)', async () => {
    const { admin, keyId } = await arrange();
    await admin.kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const disabled = await rejection(admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'] })));
    expect(disabled.name).toBe('DisabledException');
    expect(disabled.message).toMatch(/ is disabled\.$/);
    await admin.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect((await rejection(admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'] })))).name).toBe(
      'KMSInvalidStateException',
    );
  });

  it('ListGrants, RevokeGrant and RetireGrant work in every state', async () => {
    const { admin, keyId } = await arrange();
    const a = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'] }));
    const b = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Decrypt'] }));
    await admin.kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await admin.kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: a.GrantId }));
    await admin.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants!.map((g) => g.GrantId)).toEqual([b.GrantId]);
    await admin.kms.send(new RetireGrantCommand({ KeyId: keyId, GrantId: b.GrantId }));
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
  });

  it('a deleted key takes its grants with it', async () => {
    const { admin, model, keyId, keyArn } = await arrange();
    await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'] }));
    await admin.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    model.clock.advance(8 * 86_400_000);
    await rejection(admin.kms.send(new ListGrantsCommand({ KeyId: keyArn })));
    expect([...model.kms.grants.values()].filter((g) => g.keyArn === keyArn)).toEqual([]);
  });

  it("a deleted key leaves other keys' grants alone", async () => {
    const { admin, model, keyId } = await arrange();
    const { KeyMetadata: other } = await admin.kms.send(new CreateKeyCommand({}));
    const kept = await admin.kms.send(new CreateGrantCommand({ KeyId: other!.KeyId, GranteePrincipal: BOB, Operations: ['Encrypt'] }));
    await admin.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    model.clock.advance(8 * 86_400_000);
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: other!.KeyId }))).Grants!.map((g) => g.GrantId)).toEqual([kept.GrantId]);
  });
});

describe('RetireGrant and RevokeGrant (KMS-23)', () => {
  it('RetireGrant takes a grant token, or a key and grant ID; a malformed ID is InvalidGrantId, an unknown one NotFound', async () => {
    const { admin, bob, keyId } = await arrange();
    const byToken = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, RetiringPrincipal: BOB, Operations: ['Encrypt'] }));
    await bob.kms.send(new RetireGrantCommand({ GrantToken: byToken.GrantToken }));
    expect((await rejection(bob.kms.send(new RetireGrantCommand({ GrantToken: byToken.GrantToken })))).name).toBe('NotFoundException');
    expect((await rejection(bob.kms.send(new RetireGrantCommand({ GrantToken: 'not-a-token' })))).name).toBe('InvalidGrantTokenException');
    expect((await rejection(admin.kms.send(new RetireGrantCommand({ KeyId: keyId, GrantId: 'short' })))).name).toBe('InvalidGrantIdException');
    expect((await rejection(admin.kms.send(new RetireGrantCommand({ KeyId: keyId, GrantId: 'b'.repeat(64) })))).name).toBe('NotFoundException');
    expect((await rejection(admin.kms.send(new RetireGrantCommand({ KeyId: keyId })))).name).toBe('ValidationException');
    expect((await rejection(admin.kms.send(new RetireGrantCommand({ GrantId: 'b'.repeat(64) })))).name).toBe('ValidationException');
  });

  it('a grant is retired by its retiring principal, by its grantee if it allows RetireGrant, and by its account, by no one else', async () => {
    const { model, admin, bob, keyId, keyArn } = await arrange();
    const eve = createReferenceClients({ model, principal: 'arn:aws:iam::444455556666:user/eve' });
    const grant = (ops: ('Encrypt' | 'RetireGrant')[], retiring?: string) =>
      admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ops, ...(retiring ? { RetiringPrincipal: retiring } : {}) }));
    const plain = await grant(['Encrypt']);
    expect((await rejection(eve.kms.send(new RetireGrantCommand({ KeyId: keyArn, GrantId: plain.GrantId })))).name).toBe('AccessDeniedException');
    await bob.kms.send(new RetireGrantCommand({ KeyId: keyArn, GrantId: plain.GrantId })); // same account as the grant's issuer
    const retirable = await grant(['Encrypt', 'RetireGrant']);
    await bob.kms.send(new RetireGrantCommand({ GrantToken: retirable.GrantToken }));
    const byEve = await grant(['Encrypt'], 'arn:aws:iam::444455556666:user/eve');
    await eve.kms.send(new RetireGrantCommand({ GrantToken: byEve.GrantToken }));
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
  });

  // API_RetireGrant: the grantee may retire a grant that allows RetireGrant, from any account.
  it('a grantee of another account retires a grant only when the grant allows RetireGrant', async () => {
    const { model, admin, keyId, keyArn } = await arrange();
    const eve = createReferenceClients({ model, principal: EVE });
    const grant = (ops: ('Encrypt' | 'RetireGrant')[]) => admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: EVE, Operations: ops }));
    const plain = await grant(['Encrypt']);
    expect((await rejection(eve.kms.send(new RetireGrantCommand({ KeyId: keyArn, GrantId: plain.GrantId })))).name).toBe('AccessDeniedException');
    const retirable = await grant(['Encrypt', 'RetireGrant']);
    await eve.kms.send(new RetireGrantCommand({ KeyId: keyArn, GrantId: retirable.GrantId }));
    expect((await admin.kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants!.map((g) => g.GrantId)).toEqual([plain.GrantId]);
  });

  it('a retiring principal names only itself: another account may not retire the grant', async () => {
    const { model, admin, keyId, keyArn } = await arrange();
    const mallory = createReferenceClients({ model, principal: MALLORY });
    const g = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, RetiringPrincipal: EVE, Operations: ['Encrypt'] }));
    expect((await rejection(mallory.kms.send(new RetireGrantCommand({ KeyId: keyArn, GrantId: g.GrantId })))).name).toBe('AccessDeniedException');
  });

  it('RevokeGrant needs kms:RevokeGrant in the key policy and names the grant by key and ID', async () => {
    const { admin, bob, keyId } = await arrange();
    const g = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'] }));
    expect((await rejection(bob.kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g.GrantId })))).name).toBe('AccessDeniedException');
    expect((await rejection(admin.kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: 'x' })))).name).toBe('InvalidGrantIdException');
    await admin.kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g.GrantId }));
    expect((await rejection(admin.kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g.GrantId })))).name).toBe('NotFoundException');
  });
});

describe('grants authorise beside the key policy (KMS-25) and grant tokens (KMS-24)', () => {
  it('a grant lets its grantee do the operations it names, and only those; revoking it takes that away', async () => {
    const { admin, bob, keyId } = await arrange();
    const gdk = () => bob.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    expect((await rejection(gdk())).name).toBe('AccessDeniedException');
    const g = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey'] }));
    await gdk();
    expect((await rejection(bob.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) })))).name).toBe('AccessDeniedException');
    await admin.kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: g.GrantId }));
    expect((await rejection(gdk())).name).toBe('AccessDeniedException');
  });

  it('a grant allows nothing to a principal it does not name, even of the same account', async () => {
    const { model, admin, keyId } = await arrange();
    const carol = createReferenceClients({ model, principal: CAROL });
    await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey'] }));
    expect((await rejection(carol.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })))).name).toBe('AccessDeniedException');
  });

  it('an explicit Deny in the key policy wins over a grant', async () => {
    const { admin, bob, keyId } = await arrange();
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Principal: { AWS: BOB }, Action: 'kms:GenerateDataKey', Resource: '*' },
      ],
    };
    await admin.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
    await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey'] }));
    expect((await rejection(bob.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })))).name).toBe('AccessDeniedException');
  });

  it('encryption context constraints limit what a grant allows', async () => {
    const { admin, bob, keyId } = await arrange();
    await admin.kms.send(
      new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'], Constraints: { EncryptionContextSubset: { app: 'a' } } }),
    );
    await admin.kms.send(
      new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey'], Constraints: { EncryptionContextEquals: { app: 'a' } } }),
    );
    const plaintext = new Uint8Array([1]);
    await bob.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: { app: 'a', more: 'b' } }));
    expect((await rejection(bob.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: { app: 'b' } })))).name).toBe(
      'AccessDeniedException',
    );
    await bob.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { app: 'a' } }));
    expect(
      (await rejection(bob.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { app: 'a', more: 'b' } })))).name,
    ).toBe('AccessDeniedException');
  });

  it('a grant token CreateGrant returned is accepted; a token it never returned is InvalidGrantTokenException', async () => {
    const { admin, bob, keyId } = await arrange();
    const g = await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey'] }));
    await bob.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', GrantTokens: [g.GrantToken!] }));
    const e = await rejection(bob.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', GrantTokens: ['forged'] })));
    expect(e.name).toBe('InvalidGrantTokenException');
  });

  // API_DescribeKey, API_CreateGrant, API_Encrypt, API_Decrypt GrantTokens
  it('DescribeKey, CreateGrant, Encrypt and Decrypt refuse a token CreateGrant never returned', async () => {
    const { admin, keyId } = await arrange();
    const { CiphertextBlob } = await admin.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }));
    const GrantTokens = ['forged'];
    const calls: [string, () => Promise<unknown>][] = [
      ['DescribeKey', () => admin.kms.send(new DescribeKeyCommand({ KeyId: keyId, GrantTokens }))],
      ['CreateGrant', () => admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['Encrypt'], GrantTokens }))],
      ['Encrypt', () => admin.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]), GrantTokens }))],
      ['Decrypt', () => admin.kms.send(new DecryptCommand({ CiphertextBlob, GrantTokens }))],
    ];
    for (const [operation, call] of calls) expect((await rejection(call())).name, operation).toBe('InvalidGrantTokenException');
  });

  it("SQS and SNS, acting for a principal, use that principal's grants", async () => {
    const { admin, bob, keyId } = await arrange();
    const { QueueUrl } = await admin.sqs.send(new CreateQueueCommand({ QueueName: 'q', Attributes: { KmsMasterKeyId: keyId } }));
    const { TopicArn } = await admin.sns.send(new CreateTopicCommand({ Name: 't', Attributes: { KmsMasterKeyId: keyId } }));
    expect((await rejection(bob.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'm' })))).name).toBe('KmsAccessDenied');
    expect((await rejection(bob.sns.send(new PublishCommand({ TopicArn, Message: 'm' })))).name).toBe('KMSAccessDeniedException');
    await admin.kms.send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: BOB, Operations: ['GenerateDataKey', 'Decrypt'] }));
    await bob.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'm' }));
    await bob.sns.send(new PublishCommand({ TopicArn, Message: 'm' }));
    const { Messages } = await bob.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages?.[0]?.Body).toBe('m');
  });
});
