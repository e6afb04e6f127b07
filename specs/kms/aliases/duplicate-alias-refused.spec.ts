/**
 * Alias names are unique per account and Region: CreateAlias with a name that already exists fails
 * with AlreadyExistsException, whether it names the key the alias already points to or another one,
 * and the existing alias keeps its target (re-pointing is UpdateAlias's job).
 */
import { CreateAliasCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.aliases.duplicate-alias-refused',
  title: 'CreateAlias with a name that already exists fails with AlreadyExists and the alias keeps its target',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-7', url: PAGES.kmsCreateAlias, evidence: 'DOC' },
    { fact: 'KMS-7', url: PAGES.kmsAliasManage, evidence: 'DOC' },
  ],
  features: ['kms', 'aliases'],
  generates: 'a second CreateAlias of the same name, for the same key or for another key (both on every seed)',
  arbitrary: fc.boolean(),
  examples: [false, true],
  scenario: async (s, otherKey) => {
    const key = await createKey(s);
    const alias = s.name('alias');
    await s.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.keyId }));
    const target = otherKey ? (await createKey(s)).keyId : key.keyId;
    await s.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: target }), { expect: fails('KMS.AlreadyExists') });
    const named = (await s.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!;
    s.check(named.KeyId === key.keyId, 'KeyId', key.keyId, named.KeyId);
  },
});
