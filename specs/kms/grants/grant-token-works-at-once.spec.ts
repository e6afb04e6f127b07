/**
 * A grant token lets a new grant be used at once, before the grant is known throughout KMS: the
 * grantee's GenerateDataKey with the token CreateGrant answered succeeds, although the key policy
 * names only another principal; the grantee may retire a grant it is the retiring principal of with
 * the token alone. A token CreateGrant never answered is refused with InvalidGrantTokenException.
 */
import { CreateGrantCommand, GenerateDataKeyCommand, ListGrantsCommand, RetireGrantCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, keyPolicyForAdminAnd } from '../../../src/steps.js';

type Case = 'use-with-token' | 'retire-with-token' | 'made-up-token';
const CASES: Case[] = ['use-with-token', 'retire-with-token', 'made-up-token'];

export const clause = defineClause({
  id: 'kms.grants.grant-token-works-at-once',
  title: "A grant's token lets its grantee use or retire the grant at once; a token CreateGrant never answered is refused",
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-24', url: PAGES.kmsGrantManage, evidence: 'DOC' },
    { fact: 'KMS-24', url: PAGES.kmsGenerateDataKey, evidence: 'MODEL' },
    { fact: 'KMS-23', url: PAGES.kmsRetireGrant, evidence: 'DOC' },
  ],
  features: ['kms', 'grants', 'key-policy'],
  requires: [{ principals: 2 }],
  generates: 'a grant to a second principal used with its token, retired with its token, or a made-up token (all three on every seed)',
  arbitrary: fc.constantFrom(...CASES),
  examples: CASES,
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange: a key whose policy names only principal 0
    const key = await createKey(s);
    await keyPolicyForAdminAnd(s, key);
    const grantee = s.target.clients(1).principal;
    if (c === 'made-up-token') {
      await s.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256', GrantTokens: ['not-a-grant-token'] }), {
        expect: fails('KMS.InvalidGrantToken'),
      });
      return;
    }
    const { GrantId, GrantToken } = await s.send(
      new CreateGrantCommand({ KeyId: key.keyId, GranteePrincipal: grantee, RetiringPrincipal: grantee, Operations: ['GenerateDataKey'] }),
    );
    // Act, Assert: at once, with the token
    if (c === 'use-with-token') {
      const out = await s.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256', GrantTokens: [GrantToken!] }), { principal: 1 });
      s.check(out.KeyId === key.arn, 'KeyId', key.arn, out.KeyId);
      return;
    }
    await s.send(new RetireGrantCommand({ GrantToken }), { principal: 1 });
    const grants = await s.eventually(
      async () => (await s.send(new ListGrantsCommand({ KeyId: key.keyId }))).Grants ?? [],
      (gs) => !gs.some((g) => g.GrantId === GrantId),
    );
    const ids = grants.map((g) => g.GrantId);
    s.check(!ids.includes(GrantId), 'Grants', `no grant ${GrantId}`, ids);
  },
});
