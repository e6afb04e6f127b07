/**
 * The grant operations follow the key-state table and refuse what names nothing. CreateGrant on a
 * disabled key fails with DisabledException, and on a key pending deletion with DisabledException or
 * KMSInvalidStateException (the table allows either); ListGrants, RevokeGrant and RetireGrant work
 * whatever the key's state. CreateGrant and ListGrants for a key ID that names no key fail with
 * NotFoundException; RevokeGrant of a grant ID the key does not have fails with NotFoundException or
 * InvalidGrantIdException (both are in its error list; which one AWS gives is not documented).
 */
import { CreateGrantCommand, ListGrantsCommand, RetireGrantCommand, RevokeGrantCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK, type Expected } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, makeUnusable } from '../../../src/steps.js';

const CASES = [
  'create-on-disabled',
  'create-on-pending-deletion',
  'list-on-pending-deletion',
  'revoke-on-disabled',
  'retire-on-pending-deletion',
  'create-for-unknown-key',
  'list-for-unknown-key',
  'revoke-unknown-grant',
] as const;
type Case = (typeof CASES)[number];

const UNKNOWN_KEY = '00000000-0000-4000-8000-000000000000';
/** A well-formed grant ID (64 hexadecimal digits) that no CreateGrant answered. */
const UNKNOWN_GRANT = '0'.repeat(64);

const EXPECTED: Record<Case, Expected[]> = {
  'create-on-disabled': [fails('KMS.Disabled')],
  'create-on-pending-deletion': [fails('KMS.Disabled'), fails('KMS.InvalidState')],
  'list-on-pending-deletion': [OK],
  'revoke-on-disabled': [OK],
  'retire-on-pending-deletion': [OK],
  'create-for-unknown-key': [fails('KMS.NotFound')],
  'list-for-unknown-key': [fails('KMS.NotFound')],
  'revoke-unknown-grant': [fails('KMS.NotFound'), fails('KMS.InvalidGrantId')],
};

export const clause = defineClause({
  id: 'kms.grants.refusals-by-key-state-and-unknown-ids',
  title: 'CreateGrant fails on a disabled or pending-deletion key, other grant operations work; unknown ids are NotFound',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-23', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-23', url: PAGES.kmsCreateGrant, evidence: 'MODEL' },
    { fact: 'KMS-23', url: PAGES.kmsRevokeGrant, evidence: 'MODEL' },
  ],
  features: ['kms', 'grants', 'key-state'],
  generates:
    'CreateGrant, ListGrants, RevokeGrant and RetireGrant on disabled and pending-deletion keys, on a key ID that names no key, and an unknown grant ID (all eight on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: [...CASES],
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    const expect = EXPECTED[c];
    const grantee = s.target.clients(0).principal;
    const grant = (KeyId: string) => new CreateGrantCommand({ KeyId, GranteePrincipal: grantee, Operations: ['Decrypt'] });
    if (c === 'create-for-unknown-key') return void (await s.send(grant(UNKNOWN_KEY), { expect }));
    if (c === 'list-for-unknown-key') return void (await s.send(new ListGrantsCommand({ KeyId: UNKNOWN_KEY }), { expect }));
    // Arrange: a key, with a grant for the operations on existing grants
    const key = await createKey(s);
    if (c === 'revoke-unknown-grant') return void (await s.send(new RevokeGrantCommand({ KeyId: key.keyId, GrantId: UNKNOWN_GRANT }), { expect }));
    const made = c.startsWith('create') ? undefined : await s.send(grant(key.keyId));
    await makeUnusable(s, key, c.endsWith('disabled') ? 'Disabled' : 'PendingDeletion');
    // Act, Assert
    if (c.startsWith('create')) await s.send(grant(key.keyId), { expect });
    if (c.startsWith('list')) await s.send(new ListGrantsCommand({ KeyId: key.keyId }), { expect });
    if (c.startsWith('revoke')) await s.send(new RevokeGrantCommand({ KeyId: key.keyId, GrantId: made!.GrantId }), { expect });
    if (c.startsWith('retire')) await s.send(new RetireGrantCommand({ KeyId: key.arn, GrantId: made!.GrantId }), { expect });
  },
});
