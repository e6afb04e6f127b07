/**
 * CreateGrant answers a grant ID and a grant token, and ListGrants then lists the grant with its
 * grantee and operations; RevokeGrant (key and grant ID), RetireGrant with the key and grant ID, and
 * RetireGrant with the grant token each delete it, so that ListGrants no longer lists it. Grant
 * changes reach all of KMS within about five minutes on AWS, so the listing is polled within the
 * target's bound for asynchronous effects.
 */
import { CreateGrantCommand, ListGrantsCommand, RetireGrantCommand, RevokeGrantCommand, type GrantListEntry } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import type { Session } from '../../../src/session.js';
import { createKey, type Key } from '../../../src/steps.js';

type Case = 'listed' | 'revoked' | 'retired-by-id' | 'retired-by-token';
const CASES: Case[] = ['listed', 'revoked', 'retired-by-id', 'retired-by-token'];
const OPERATIONS = ['GenerateDataKey', 'Decrypt'] as const;

/** The key's grants, polled until `enough` holds or the target's bound passes. */
function grantsOf(s: Session, key: Key, enough: (grants: GrantListEntry[]) => boolean): Promise<GrantListEntry[]> {
  return s.eventually(async () => (await s.send(new ListGrantsCommand({ KeyId: key.keyId }))).Grants ?? [], enough);
}

export const clause = defineClause({
  id: 'kms.grants.create-list-retire-revoke',
  title: 'CreateGrant answers a grant ID and token, ListGrants lists the grant, and RevokeGrant or RetireGrant deletes it',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-23', url: PAGES.kmsCreateGrant, evidence: 'DOC' },
    { fact: 'KMS-23', url: PAGES.kmsListGrants, evidence: 'MODEL' },
    { fact: 'KMS-23', url: PAGES.kmsRetireGrant, evidence: 'DOC' },
    { fact: 'KMS-23', url: PAGES.kmsRevokeGrant, evidence: 'DOC' },
    { fact: 'KMS-13', url: PAGES.kmsGrantManage, evidence: 'DOC' },
  ],
  features: ['kms', 'grants'],
  requires: [{ principals: 2 }],
  generates: 'a grant of GenerateDataKey and Decrypt to a second principal, then listed, revoked, retired by ID or retired by token (all four on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: CASES,
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange
    const key = await createKey(s);
    const grantee = s.target.clients(1).principal;
    // Act
    const out = await s.send(new CreateGrantCommand({ KeyId: key.keyId, GranteePrincipal: grantee, Operations: [...OPERATIONS] }));
    const grantId = out.GrantId;
    // Hard: every case goes on to find or remove the grant by its ID (or token).
    s.require(
      typeof grantId === 'string' && grantId.length > 0 && typeof out.GrantToken === 'string' && out.GrantToken.length > 0,
      'GrantId, GrantToken',
      'both',
      out,
    );
    // Assert
    if (c === 'listed') {
      const grants = await grantsOf(s, key, (gs) => gs.some((g) => g.GrantId === grantId));
      const g = grants.find((x) => x.GrantId === grantId);
      s.require(g !== undefined, 'Grants', `a grant ${grantId}`, grants); // hard: its fields are read next
      const listed = { GranteePrincipal: g!.GranteePrincipal, Operations: [...(g!.Operations ?? [])].sort() };
      const expected = { GranteePrincipal: grantee, Operations: [...OPERATIONS].sort() };
      s.check(JSON.stringify(listed) === JSON.stringify(expected), 'GranteePrincipal, Operations', expected, listed);
      return;
    }
    if (c === 'revoked') await s.send(new RevokeGrantCommand({ KeyId: key.keyId, GrantId: grantId }));
    if (c === 'retired-by-id') await s.send(new RetireGrantCommand({ KeyId: key.arn, GrantId: grantId }));
    if (c === 'retired-by-token') await s.send(new RetireGrantCommand({ GrantToken: out.GrantToken }));
    const grants = await grantsOf(s, key, (gs) => !gs.some((g) => g.GrantId === grantId));
    const ids = grants.map((g) => g.GrantId);
    s.check(!ids.includes(grantId), 'Grants', `no grant ${grantId}`, ids);
  },
});
