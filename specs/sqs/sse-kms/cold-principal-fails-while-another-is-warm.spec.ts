/**
 * Data keys are cached per principal and never shared: while one principal still holds a data key
 * of a queue whose KMS key has become unusable, another principal that has not sent to the queue
 * must get its own data key from KMS, so its SendMessage fails at once with KmsDisabled (disabled)
 * or KmsInvalidState (pending deletion). The warm principal may or may not still send (its window,
 * cached-data-key-window). KMS applies a state change almost at once; like
 * send-fails-when-key-unusable, the clause sends right after it. The receive side of the same rule
 * (a consumer that never held the data key) is receive-fails-while-message-key-unusable.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { unusableStateArb, type UnusableState } from '../../../src/arbitraries/keys.js';
import { createKey, createQueue, errorForState, makeUnusable } from '../../../src/steps.js';

/** The longest reuse period, so that the first principal stays warm for the whole run. */
const REUSE_SECONDS = 86_400;

export const clause = defineClause({
  id: 'sqs.sse-kms.cold-principal-fails-while-another-is-warm',
  title: 'While one principal holds a cached data key, a principal without one fails to send once the key is unusable',
  level: 'MUST',
  theme: 'key-reuse',
  sources: [
    { fact: 'SQS-9', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'data-key-reuse', 'key-state'],
  requires: [{ principals: 2 }],
  generates: 'Disabled / PendingDeletion keys; principal 0 sends before, principal 1 first sends after the key became unusable',
  arbitrary: unusableStateArb,
  examples: ['Disabled', 'PendingDeletion'] as UnusableState[],
  scenario: async (s, state) => {
    // Arrange: principal 0 holds a data key of the queue.
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId, KmsDataKeyReusePeriodSeconds: String(REUSE_SECONDS) });
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'warm' }));
    await makeUnusable(s, key, state);
    // Act, Assert: principal 1 has no data key of its own.
    // Independent of the warm principal's send below, which is judged either way.
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'cold' }), { principal: 1, expect: fails(errorForState(state)), independent: true });
    // Principal 0 is inside its window: either outcome, but no other error.
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'still warm' }), { expect: [OK, fails(errorForState(state))] });
  },
});
