/**
 * A principal with no cached data key cannot send to a queue whose KMS key is disabled or pending
 * deletion: SendMessage fails with KmsDisabled or KmsInvalidState, whatever form names the key.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdFormArb, unusableStateArb } from '../../../src/arbitraries/keys.js';
import { createKey, createQueue, errorForState, fifoFields, makeUnusable, nameKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.send-fails-when-key-unusable',
  title: 'SendMessage to a queue whose key is disabled or pending deletion fails with KmsDisabled or KmsInvalidState',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SQS-11', url: PAGES.sqsSendMessage, evidence: 'MODEL' },
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'X-1', url: PAGES.sqsJsonApiResponses, evidence: 'SDK' },
  ],
  features: ['sqs', 'sse-kms', 'key-state', 'key-identifiers'],
  generates: 'all four key identifier forms × Disabled / PendingDeletion × standard / FIFO queues created after the key became unusable',
  arbitrary: fc.record({ state: unusableStateArb, form: keyIdFormArb, fifo: fc.boolean() }),
  scenario: async (s, { state, form, fifo }) => {
    // Arrange: the queue is new, so no principal holds a data key for it.
    const key = await createKey(s);
    const id = await nameKey(s, key, form);
    await makeUnusable(s, key, state);
    const url = await createQueue(s, { KmsMasterKeyId: id }, fifo);
    // Act, Assert
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'm', ...fifoFields(fifo, 'd') }), { expect: fails(errorForState(state)) });
  },
});
