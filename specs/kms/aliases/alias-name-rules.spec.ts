/**
 * Alias names must start with "alias/", use letters, digits, "/", "_" and "-", be at most 256
 * characters, and must not start with the reserved "alias/aws/".
 * The reserved-prefix error code is not verified on AWS: any rejection is accepted.
 */
import { CreateAliasCommand } from '@aws-sdk/client-kms';
import { defineClause } from '../../../src/clause.js';
import { ANY_ERROR, fails, OK, type Expected } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { aliasCaseArb, type AliasCase } from '../../../src/arbitraries/keys.js';
import { createKey } from '../../../src/steps.js';

const EXPECTED: Record<AliasCase['kind'], Expected[]> = {
  valid: [OK],
  'no-prefix': [fails('KMS.Validation')],
  'bad-char': [fails('KMS.Validation'), fails('KMS.InvalidAliasName')],
  'too-long': [fails('KMS.Validation')],
  reserved: [ANY_ERROR],
};

export const clause = defineClause({
  id: 'kms.aliases.alias-name-rules',
  title: 'CreateAlias accepts valid names and rejects missing prefix, bad characters, over-long and reserved names',
  level: 'MUST',
  theme: 'configuration',
  sources: [{ fact: 'KMS-7', url: PAGES.kmsAliasManage, evidence: 'DOC' }],
  features: ['kms', 'aliases', 'limits'],
  shares: [{ state: 'aws-managed-keys', exclusive: true }],
  generates: 'valid names, names without the prefix, with spaces or symbols, of 257+ characters, and under alias/aws/',
  arbitrary: aliasCaseArb,
  // One name per rule first, on every seed and at any --runs: each rule's deviation always shows.
  examples: <AliasCase[]>[
    { name: 'alias/ok', kind: 'valid' },
    { name: 'ok', kind: 'no-prefix' },
    { name: 'alias/a b', kind: 'bad-char' },
    // A letter outside ASCII: fakecloud takes it (a Unicode letter test), and only the seeds that drew it showed that.
    { name: 'alias/caf\u00e9', kind: 'bad-char' },
    { name: `alias/${'a'.repeat(251)}`, kind: 'too-long' },
    { name: 'alias/aws/x', kind: 'reserved' },
  ],
  rule: ({ kind }) => kind,
  scenario: async (s, { name, kind }) => {
    const key = await createKey(s);
    // Valid names get the run prefix, so that concurrent runs never collide.
    const alias = kind === 'valid' ? name.replace(/^alias\//, `alias/${s.name('alias').slice(6)}-`) : name;
    await s.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.keyId }), { expect: EXPECTED[kind] });
  },
});
