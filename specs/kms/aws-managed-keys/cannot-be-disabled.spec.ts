/**
 * The AWS managed key behind alias/aws/sqs or alias/aws/sns is reported with KeyManager "AWS"; the
 * account may read its key policy (GetKeyPolicy) but cannot disable it or schedule its deletion.
 * The refusal's exact code is not verified: any rejection is accepted.
 */
import { DescribeKeyCommand, DisableKeyCommand, GetKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { ANY_ERROR } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';

export const clause = defineClause({
  id: 'kms.aws-managed-keys.cannot-be-disabled',
  title: 'AWS managed keys report KeyManager "AWS", show their key policy, and refuse DisableKey and ScheduleKeyDeletion',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-8', url: PAGES.kmsAwsManagedKeys, evidence: 'DOC' },
    { fact: 'KMS-8', url: PAGES.kmsDescribeKey, evidence: 'DOC' },
  ],
  features: ['kms', 'aws-managed-keys', 'key-state'],
  requires: ['disposableAccount'],
  shares: [{ state: 'aws-managed-keys', exclusive: true }],
  generates: 'alias/aws/sqs or alias/aws/sns, DisableKey or ScheduleKeyDeletion',
  arbitrary: fc.record({
    alias: fc.constantFrom('alias/aws/sqs', 'alias/aws/sns'),
    op: fc.constantFrom('DisableKey' as const, 'ScheduleKeyDeletion' as const),
  }),
  scenario: async (s, { alias, op }) => {
    const { KeyMetadata } = await s.send(new DescribeKeyCommand({ KeyId: alias }));
    // Soft: the key behind the alias must refuse to be disabled whatever manager the target says it has.
    s.check(KeyMetadata!.KeyManager === 'AWS', 'KeyManager', 'AWS', KeyMetadata!.KeyManager);
    const KeyId = KeyMetadata!.KeyId;
    // The account may view the key's policy, though not change it.
    await s.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' }));
    await s.send(op === 'DisableKey' ? new DisableKeyCommand({ KeyId }) : new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 }), {
      expect: ANY_ERROR,
    });
  },
});
