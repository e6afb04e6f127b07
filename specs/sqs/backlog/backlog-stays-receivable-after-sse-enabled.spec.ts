/**
 * Enabling SSE-KMS does not encrypt messages already in the queue: they stay receivable when the
 * new key cannot be used, while new sends fail (after the attribute change has propagated: up to
 * 60 s on AWS, so the witness send is retried within the target's eventual-consistency bound).
 * Source: SQS-14, SQS-7.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.backlog.backlog-stays-receivable-after-sse-enabled',
  title: 'Messages sent before SSE-KMS was enabled stay receivable when the new key is unusable',
  level: 'MUST',
  theme: 'backlog',
  sources: [
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-7', url: PAGES.sqsSetQueueAttributes, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'backlog', 'key-state'],
  generates: 'an unencrypted or SSE-SQS queue with backlog, switched to a key that does not exist or is disabled',
  arbitrary: fc.record({ sseSqs: fc.boolean(), keyCase: fc.constantFrom('missing' as const, 'disabled' as const) }),
  check: async (s, { sseSqs, keyCase }) => {
    // Arrange
    let keyId = s.name('alias'); // names no key: SQS-7 lets it be configured
    if (keyCase === 'disabled') {
      keyId = (await createKey(s)).keyId;
      await s.send(new DisableKeyCommand({ KeyId: keyId }));
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
    s.expectLast(witness, [fails(keyCase === 'missing' ? 'KMS.NotFound' : 'KMS.Disabled')]);
    const got = await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const bodies = (got.Messages ?? []).map((m) => m.Body);
    s.check(bodies.length === 1 && bodies[0] === 'backlog', 'Bodies', ['backlog'], bodies);
  },
});
