/**
 * Publish to a topic whose key is disabled, pending deletion or missing is rejected with
 * KMSDisabled, KMSInvalidState or KMSNotFound, for every form of key identifier.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdFormArb, unusableStateArb } from '../../../src/arbitraries/keys.js';
import { createKey, createTopic, errorForState, makeUnusable, nameKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.sse.publish-fails-when-key-unusable',
  title: 'Publish to a topic whose key is disabled or pending deletion fails with KMSDisabled or KMSInvalidState',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SNS-10', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'SNS-10', url: PAGES.snsPublish, evidence: 'MODEL' },
    { fact: 'SNS-13', url: PAGES.kmsUnusableKeys, evidence: 'DOC' },
    { fact: 'X-1', url: PAGES.snsPublish, evidence: 'MODEL' },
  ],
  features: ['sns', 'sse-kms', 'key-state', 'key-identifiers', 'fifo'],
  generates: 'all four identifier forms × Disabled / PendingDeletion × standard / FIFO topics created after the key became unusable',
  arbitrary: fc.record({ state: unusableStateArb, form: keyIdFormArb, fifo: fc.boolean() }),
  scenario: async (s, { state, form, fifo }) => {
    const key = await createKey(s);
    const id = await nameKey(s, key, form);
    await makeUnusable(s, key, state);
    const arn = await createTopic(s, { KmsMasterKeyId: id, ...(fifo ? { ContentBasedDeduplication: 'true' } : {}) }, fifo);
    await s.send(new PublishCommand({ TopicArn: arn, Message: 'm', ...(fifo ? { MessageGroupId: 'g' } : {}) }), { expect: fails(errorForState(state)) });
  },
});
