/**
 * A KMS failure rejects a whole PublishBatch request, not single entries.
 * The six KMS errors are whole-request errors of PublishBatch.
 */
import { PublishBatchCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { unusableStateArb } from '../../../src/arbitraries/keys.js';
import { createKey, createTopic, errorForState, makeUnusable } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.sse.publish-batch-fails-as-a-whole',
  title: 'PublishBatch to a topic whose key is unusable fails as a whole with the KMS error',
  level: 'MUST',
  theme: 'error-codes',
  sources: [{ fact: 'SNS-10', url: PAGES.snsPublishBatch, evidence: 'MODEL' }],
  features: ['sns', 'sse-kms', 'key-state'],
  generates: 'Disabled / PendingDeletion keys and batches of 1 to 10 entries',
  arbitrary: fc.record({ state: unusableStateArb, n: fc.integer({ min: 1, max: 10 }) }),
  scenario: async (s, { state, n }) => {
    const key = await createKey(s);
    await makeUnusable(s, key, state);
    const arn = await createTopic(s, { KmsMasterKeyId: key.keyId });
    const entries = Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, Message: `m${i}` }));
    await s.send(new PublishBatchCommand({ TopicArn: arn, PublishBatchRequestEntries: entries }), { expect: fails(errorForState(state)) });
  },
});
