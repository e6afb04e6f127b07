/**
 * Enabling SSE-KMS does not encrypt messages already in the queue: they stay receivable when the
 * new key cannot be used, while new sends fail.
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
    // Act, Assert: SSE is really on (a new send fails) and the backlog is still readable
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'new' }), { expect: fails(keyCase === 'missing' ? 'KMS.NotFound' : 'KMS.Disabled') });
    const got = await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const bodies = (got.Messages ?? []).map((m) => m.Body);
    s.check(bodies.length === 1 && bodies[0] === 'backlog', 'Bodies', ['backlog'], bodies);
  },
});
