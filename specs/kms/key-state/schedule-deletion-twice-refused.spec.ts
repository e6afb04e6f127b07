/**
 * A key already pending deletion cannot be scheduled again: a second ScheduleKeyDeletion is refused
 * with KMSInvalidStateException, whatever waiting period it asks for, and the first DeletionDate
 * stands (the key-state table marks ScheduleKeyDeletion as failing in PendingDeletion, footnote
 * "<key ARN> is pending deletion"). Only CancelKeyDeletion then changes the key.
 */
import { DescribeKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

const days = fc.integer({ min: 7, max: 30 });

export const clause = defineClause({
  id: 'kms.key-state.schedule-deletion-twice-refused',
  title: 'ScheduleKeyDeletion on a key already pending deletion fails with KMSInvalidState and keeps the first DeletionDate',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'KMS-2', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-4', url: PAGES.kmsScheduleKeyDeletion, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state'],
  generates: 'a first and a second waiting period, each 7 to 30 days (shorter, equal and longer second periods on every seed)',
  arbitrary: fc.record({ first: days, second: days }),
  examples: [
    { first: 30, second: 7 },
    { first: 7, second: 7 },
    { first: 7, second: 30 },
  ],
  scenario: async (s, { first, second }) => {
    const key = await createKey(s);
    const scheduled = await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: first }));
    await s.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: second }), { expect: fails('KMS.InvalidState') });
    const after = (await s.send(new DescribeKeyCommand({ KeyId: key.keyId }))).KeyMetadata!;
    // Within a second: the two answers may round the same instant differently.
    const same = after.KeyState === 'PendingDeletion' && Math.abs((after.DeletionDate?.getTime() ?? NaN) - (scheduled.DeletionDate?.getTime() ?? NaN)) < 1000;
    s.check(same, 'DeletionDate', scheduled.DeletionDate?.toISOString(), after.DeletionDate?.toISOString());
  },
});
