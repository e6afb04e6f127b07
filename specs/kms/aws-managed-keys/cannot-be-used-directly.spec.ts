/**
 * The account cannot use an AWS managed key (alias/aws/sqs, alias/aws/sns) directly in a
 * cryptographic operation: only the service it belongs to uses it, on the account's behalf.
 * The refusal's exact code is not documented: any rejection is accepted.
 */
import { DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { ANY_ERROR } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';

export const clause = defineClause({
  id: 'kms.aws-managed-keys.cannot-be-used-directly',
  title: 'Encrypt with an AWS managed key, called by the account itself rather than through its service, is refused',
  level: 'MUST',
  theme: 'configuration',
  sources: [{ fact: 'KMS-8', url: PAGES.kmsAwsManagedKeys, evidence: 'DOC' }],
  features: ['kms', 'aws-managed-keys'],
  requires: ['disposableAccount'],
  shares: [{ state: 'aws-managed-keys', exclusive: true }],
  generates: 'alias/aws/sqs or alias/aws/sns, named by its alias or by its key id',
  arbitrary: fc.record({ alias: fc.constantFrom('alias/aws/sqs', 'alias/aws/sns'), byId: fc.boolean() }),
  scenario: async (s, { alias, byId }) => {
    // Arrange
    const { KeyMetadata } = await s.send(new DescribeKeyCommand({ KeyId: alias }));
    // Act, Assert
    const KeyId = byId ? KeyMetadata!.KeyId! : alias;
    await s.send(new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode('direct') }), { expect: ANY_ERROR });
  },
});
