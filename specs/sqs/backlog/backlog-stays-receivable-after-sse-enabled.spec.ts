/**
 * Enabling SSE-KMS does not encrypt messages already in the queue: they stay receivable when the
 * new key cannot be used (it does not exist, is disabled or is pending deletion), while new sends
 * fail with the error for that state (after the attribute change has propagated: up to 60 s on AWS,
 * so the witness send is retried within the target's eventual-consistency bound).
 */
import { DisableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue } from '../../../src/steps.js';

type KeyCase = 'missing' | 'disabled' | 'pending-deletion';
const ERROR: Record<KeyCase, string> = { missing: 'KMS.NotFound', disabled: 'KMS.Disabled', 'pending-deletion': 'KMS.InvalidState' };

export const clause = defineClause<{ sseSqs: boolean; keyCase: KeyCase }>({
  id: 'sqs.backlog.backlog-stays-receivable-after-sse-enabled',
  title: 'Messages sent before SSE-KMS was enabled stay receivable when the new key is unusable',
  level: 'MUST',
  theme: 'backlog',
  sources: [
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-7', url: PAGES.sqsSetQueueAttributes, evidence: 'MODEL' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'backlog', 'key-state'],
  generates: 'an unencrypted or SSE-SQS queue with backlog, switched to a key that does not exist, is disabled or is pending deletion (all six on every seed)',
  arbitrary: fc.record({ sseSqs: fc.boolean(), keyCase: fc.constantFrom<KeyCase>('missing', 'disabled', 'pending-deletion') }),
  // The whole input space, once each: a target that never refuses the witness send waits out its bound on every run.
  examples: [false, true].flatMap((sseSqs) => (['missing', 'disabled', 'pending-deletion'] as const).map((keyCase) => ({ sseSqs, keyCase }))),
  maxRuns: 0,
  scenario: async (s, { sseSqs, keyCase }) => {
    // Arrange
    let keyId = s.name('alias'); // names no key: SQS-7 lets it be configured
    if (keyCase !== 'missing') {
      keyId = (await createKey(s)).keyId;
      if (keyCase === 'disabled') await s.send(new DisableKeyCommand({ KeyId: keyId }));
      else await s.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    }
    const url = await createQueue(s, { SqsManagedSseEnabled: String(sseSqs) });
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'backlog' }));
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId } }));
    // Act, Assert: SSE is really on (a new send fails) and the backlog is still readable.
    // AWS lets an attribute change take up to 60 s to reach every host (SQS-14's window): on a target
    // that declares eventual consistency, a send inside the window may still succeed, so the witness
    // is retried within the target's bound, and is delayed 15 minutes so that a send that did succeed
    // never shows in the receive below. On the reference and emulators the bound is 0: one try.
    const witness = await s.eventually(
      () => s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: 'new', DelaySeconds: 900 })),
      (o) => !o.ok,
    );
    s.expectLast(witness, [fails(ERROR[keyCase])]);
    const got = await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const bodies = (got.Messages ?? []).map((m) => m.Body);
    s.check(bodies.length === 1 && bodies[0] === 'backlog', 'Bodies', ['backlog'], bodies);
  },
});
