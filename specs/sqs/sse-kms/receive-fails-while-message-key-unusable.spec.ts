/**
 * Messages sealed while SSE-KMS was on stay sealed: a consumer cannot receive them while the key
 * that sealed them is unusable, even after SSE was turned off on the queue.
 */
import { ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { unusableStateArb } from '../../../src/arbitraries/keys.js';
import { createKey, createQueue, errorForState, makeUnusable } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.receive-fails-while-message-key-unusable',
  title: 'ReceiveMessage of a message sealed under a now-unusable key fails, even after SSE was turned off',
  level: 'MUST',
  theme: 'persistence',
  sources: [
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsReceiveMessage, evidence: 'MODEL' },
  ],
  features: ['sqs', 'sse-kms', 'backlog', 'key-state'],
  requires: [{ principals: 2 }],
  generates: 'Disabled / PendingDeletion keys, with SSE left on or turned off before the key became unusable; a second principal receives',
  arbitrary: fc.record({ state: unusableStateArb, turnOff: fc.boolean() }),
  // Every one of the four, first on every seed: a target that fails one key state shows it whatever the seed (on
  // ElasticMQ, seed 2 drew no PendingDeletion with SSE left on, and its baseline's deviation went unseen).
  examples: [
    { state: 'Disabled' as const, turnOff: false },
    { state: 'PendingDeletion' as const, turnOff: false },
    { state: 'Disabled' as const, turnOff: true },
    { state: 'PendingDeletion' as const, turnOff: true },
  ],
  scenario: async (s, { state, turnOff }) => {
    // Arrange
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId });
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'sealed' }));
    if (turnOff) await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: '' } }));
    await makeUnusable(s, key, state);
    // Act, Assert: a consumer that never held the data key
    await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }), { principal: 1, expect: fails(errorForState(state)) });
  },
});
