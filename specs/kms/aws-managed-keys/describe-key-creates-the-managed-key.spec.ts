/**
 * DescribeKey with a predefined AWS alias (alias/aws/sqs, alias/aws/sns, by alias name or alias ARN)
 * does not fail even where the alias has no key yet: KMS creates the AWS managed key, points the
 * alias at it and answers its metadata, KeyManager AWS. ListAliases for that key then names the
 * alias. (Where an earlier request already created the key, DescribeKey answers the same key.)
 */
import { DescribeKeyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

type Input = { service: 'sqs' | 'sns'; form: 'alias-name' | 'alias-arn' };
const INPUTS: Input[] = [
  { service: 'sqs', form: 'alias-name' },
  { service: 'sns', form: 'alias-name' },
  { service: 'sqs', form: 'alias-arn' },
  { service: 'sns', form: 'alias-arn' },
];

export const clause = defineClause({
  id: 'kms.aws-managed-keys.describe-key-creates-the-managed-key',
  title: 'DescribeKey of alias/aws/sqs or alias/aws/sns answers the AWS managed key, creating it if need be',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-26', url: PAGES.kmsDescribeKey, evidence: 'DOC' },
    { fact: 'KMS-8', url: PAGES.kmsAwsManagedKeys, evidence: 'DOC' },
    { fact: 'KMS-7', url: PAGES.kmsListAliases, evidence: 'DOC' },
  ],
  features: ['kms', 'aws-managed-keys', 'aliases'],
  requires: ['disposableAccount'],
  shares: [{ state: 'aws-managed-keys', exclusive: true }],
  generates: 'alias/aws/sqs or alias/aws/sns, by alias name or alias ARN (all four on every seed)',
  arbitrary: fc.constantFrom(...INPUTS),
  examples: INPUTS,
  maxRuns: 0,
  rule: ({ form }) => form,
  scenario: async (s, { service, form }) => {
    // Arrange: the alias ARN takes the account and Region of a key of the run
    const name = `alias/aws/${service}`;
    const keyId = form === 'alias-name' ? name : (await createKey(s)).arn.replace(/:key\/.*$/, `:${name}`);
    // Act
    const { KeyMetadata } = await s.send(new DescribeKeyCommand({ KeyId: keyId }));
    // Assert: independent checks (the key's aliases are listed whatever manager it claims)
    s.check(KeyMetadata?.KeyManager === 'AWS', 'KeyManager', 'AWS', KeyMetadata?.KeyManager);
    if (!KeyMetadata?.KeyId) return; // an answer without a key: no aliases to list
    const { Aliases } = await s.send(new ListAliasesCommand({ KeyId: KeyMetadata.KeyId }));
    const names = (Aliases ?? []).map((a) => a.AliasName);
    s.check(names.includes(name), 'AliasName', `${name} among the aliases of the key`, names);
  },
});
