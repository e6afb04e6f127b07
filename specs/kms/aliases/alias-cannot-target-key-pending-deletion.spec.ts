/**
 * An alias cannot be pointed at a key pending deletion: CreateAlias and UpdateAlias with such a
 * target fail with KMSInvalidStateException. An alias whose current key is pending deletion can
 * still be re-pointed to a usable key (the key-state table: UpdateAlias fails only when the
 * destination key is pending deletion), and then names that key.
 */
import { CreateAliasCommand, DescribeKeyCommand, ScheduleKeyDeletionCommand, UpdateAliasCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

type Case = 'create-to-pending' | 'update-to-pending' | 'update-away-from-pending';
const CASES: Case[] = ['create-to-pending', 'update-to-pending', 'update-away-from-pending'];

export const clause = defineClause({
  id: 'kms.aliases.alias-cannot-target-key-pending-deletion',
  title: 'CreateAlias and UpdateAlias to a key pending deletion fail with KMSInvalidState; re-pointing away from one works',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-16', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-7', url: PAGES.kmsAliasManage, evidence: 'DOC' },
  ],
  features: ['kms', 'aliases', 'key-state'],
  generates: 'CreateAlias to a key pending deletion, UpdateAlias to one, and UpdateAlias away from one (all three on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: CASES,
  rule: (c) => c,
  scenario: async (s, c) => {
    const alias = s.name('alias');
    const first = await createKey(s);
    if (c === 'create-to-pending') {
      await s.send(new ScheduleKeyDeletionCommand({ KeyId: first.keyId, PendingWindowInDays: 7 }));
      await s.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: first.keyId }), { expect: fails('KMS.InvalidState') });
      return;
    }
    const second = await createKey(s);
    await s.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: first.keyId }));
    if (c === 'update-to-pending') {
      await s.send(new ScheduleKeyDeletionCommand({ KeyId: second.keyId, PendingWindowInDays: 7 }));
      await s.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: second.keyId }), { expect: fails('KMS.InvalidState') });
      return;
    }
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: first.keyId, PendingWindowInDays: 7 }));
    await s.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: second.keyId }));
    const named = (await s.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!;
    s.check(named.KeyId === second.keyId, 'KeyId', second.keyId, named.KeyId);
  },
});
