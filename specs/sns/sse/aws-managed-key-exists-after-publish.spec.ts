/**
 * Publishing to a topic encrypted with alias/aws/sns leaves the AWS managed key in place: the alias
 * resolves to a key that KMS reports as managed by AWS, and ListAliases for that key names
 * alias/aws/sns. (Before the first such Publish the alias may exist without a key; that half needs
 * an account where SNS never used the key, so it is not checked.)
 */
import { DescribeKeyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createTopic } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.sse.aws-managed-key-exists-after-publish',
  title: 'After a Publish to a topic on alias/aws/sns, the alias names an AWS managed key',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'SNS-8', url: PAGES.snsSse, evidence: 'DOC' },
    { fact: 'KMS-8', url: PAGES.kmsAwsManagedKeys, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'aws-managed-keys'],
  shares: [{ state: 'aws-managed-keys', exclusive: true }],
  generates: 'a topic on alias/aws/sns, or on its alias ARN, and one Publish',
  arbitrary: fc.constantFrom('alias' as const, 'alias-arn' as const),
  examples: ['alias', 'alias-arn'],
  maxRuns: 0,
  scenario: async (s, form) => {
    // Arrange: the alias ARN is built from the topic's account and Region
    const probe = await createTopic(s);
    const [, , , region, account] = probe.split(':');
    const keyId = form === 'alias' ? 'alias/aws/sns' : `arn:aws:kms:${region}:${account}:alias/aws/sns`;
    const topic = await createTopic(s, { KmsMasterKeyId: keyId });
    // Act
    await s.send(new PublishCommand({ TopicArn: topic, Message: 'first' }));
    // Assert: independent checks (the key's aliases are listed whatever manager it claims)
    const { KeyMetadata } = await s.send(new DescribeKeyCommand({ KeyId: 'alias/aws/sns' }));
    s.check(KeyMetadata?.KeyManager === 'AWS', 'KeyManager', 'AWS', KeyMetadata?.KeyManager);
    if (!KeyMetadata?.KeyId) return; // an answer without a key: no aliases to list
    const { Aliases } = await s.send(new ListAliasesCommand({ KeyId: KeyMetadata.KeyId }));
    const names = (Aliases ?? []).map((a) => a.AliasName);
    s.check(names.includes('alias/aws/sns'), 'AliasName', 'alias/aws/sns among the aliases of the key', names);
  },
});
