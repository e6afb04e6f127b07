/**
 * The KMS errors are errors of the whole SendMessageBatch request: when the queue's key is
 * disabled or pending deletion, the call fails with KmsDisabled or KmsInvalidState, rather than
 * answering with every entry in Failed. (The API reference lists the Kms* errors among the
 * operation's errors; it documents no per-entry KMS codes.)
 */
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { unusableStateArb, type UnusableState } from '../../../src/arbitraries/keys.js';
import { createKey, createQueue, errorForState, fifoFields, makeUnusable } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.send-message-batch-kms-failure',
  title: 'SendMessageBatch to a queue whose key is unusable fails as a whole with KmsDisabled or KmsInvalidState',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-11', url: PAGES.sqsSendMessageBatch, evidence: 'MODEL' },
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'key-state', 'fifo'],
  generates: 'Disabled / PendingDeletion keys × batches of 1 to 10 entries × standard / FIFO queues',
  arbitrary: fc.record({ state: unusableStateArb, n: fc.integer({ min: 1, max: 10 }), fifo: fc.boolean() }),
  examples: [
    { state: 'Disabled' as UnusableState, n: 1, fifo: false },
    { state: 'PendingDeletion' as UnusableState, n: 10, fifo: false },
  ],
  scenario: async (s, { state, n, fifo }) => {
    // Arrange: a new queue, so no principal holds a data key for it
    const key = await createKey(s);
    await makeUnusable(s, key, state);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId }, fifo);
    const entries = Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}`, ...fifoFields(fifo, `d${i}`) }));
    // Act, Assert
    await s.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }), { expect: fails(errorForState(state)) });
  },
});
