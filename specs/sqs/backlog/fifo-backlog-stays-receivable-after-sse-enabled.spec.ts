/**
 * The backlog rule holds on FIFO queues too: messages sent before SSE-KMS was enabled are not
 * sealed by it, so they are received while the new key is unusable, in the order they were sent
 * and with their deduplication IDs; new sends fail, which shows SSE is really on.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createKey, createQueue } from '../../../src/steps.js';

type KeyCase = 'missing' | 'disabled';

export const clause = defineClause({
  id: 'sqs.backlog.fifo-backlog-stays-receivable-after-sse-enabled',
  title: 'A FIFO backlog from before SSE-KMS stays receivable in order with its deduplication IDs when the new key is unusable',
  level: 'MUST',
  theme: 'backlog',
  sources: [
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-19', url: PAGES.snsFifoSecurity, evidence: 'DOC' },
    { fact: 'SQS-7', url: PAGES.sqsSetQueueAttributes, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'backlog', 'fifo', 'key-state'],
  generates: 'a FIFO backlog of 2 to 4 generated bodies in one group, switched to a key that does not exist or is disabled (both on every seed)',
  arbitrary: fc.record({ keyCase: fc.constantFrom<KeyCase>('missing', 'disabled'), bodies: fc.array(bodyArb, { minLength: 2, maxLength: 4 }) }),
  examples: [
    { keyCase: 'missing', bodies: ['first', 'second', 'third'] },
    { keyCase: 'disabled', bodies: ['first', 'second'] },
  ],
  scenario: async (s, { keyCase, bodies }) => {
    // Arrange
    let keyId = s.name('alias'); // names no key: SQS-7 lets it be configured
    if (keyCase === 'disabled') {
      keyId = (await createKey(s)).keyId;
      await s.send(new DisableKeyCommand({ KeyId: keyId }));
    }
    const url = await createQueue(s, {}, true);
    const dedupIds = bodies.map((_, i) => `d${i}`);
    const Entries = bodies.map((MessageBody, i) => ({ Id: `e${i}`, MessageBody, MessageGroupId: 'g', MessageDeduplicationId: dedupIds[i] }));
    const batch = await s.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }));
    // Hard: without the whole backlog there is nothing to receive back.
    s.require((batch.Successful ?? []).length === bodies.length, 'Successful', bodies.length, (batch.Successful ?? []).length);
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: keyId } }));
    // Act, Assert: the backlog comes back whole, in order, with its deduplication IDs
    const got = await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['MessageDeduplicationId'] }));
    const received = got.Messages ?? [];
    const whole = s.check(
      JSON.stringify(received.map((m) => m.Body)) === JSON.stringify(bodies),
      'Bodies',
      bodies,
      received.map((m) => m.Body),
    );
    // The IDs mean something only on the messages as sent (a missing or reordered message changes them too).
    const ids = received.map((m) => m.Attributes?.MessageDeduplicationId);
    if (whole) s.check(JSON.stringify(ids) === JSON.stringify(dedupIds), 'MessageDeduplicationId', dedupIds, ids);
    // Whatever the backlog showed:
    // SSE is really on: a new send fails (within the target's bound: the attribute change may take a while to apply)
    const sent = await s.eventually(
      () => s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: 'new', MessageGroupId: 'g', MessageDeduplicationId: 'new' })),
      (o) => !o.ok,
    );
    s.expectLast(sent, [fails(keyCase === 'missing' ? 'KMS.NotFound' : 'KMS.Disabled')]);
  },
});
