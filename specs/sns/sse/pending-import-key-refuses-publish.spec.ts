/**
 * A topic whose KMS key has no key material yet (Origin EXTERNAL, state PendingImport) cannot
 * take messages: Publish fails with KMSInvalidState. The SNS guide's KMS error table lists
 * KMSInvalidState for a key whose state is not valid for the request, and KMS documents that a
 * PendingImport key cannot be used; that SNS gives this code for PendingImport is inferred: SHOULD.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKeyPendingImport, createTopic } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.sse.pending-import-key-refuses-publish',
  title: 'Publish to a topic whose key is pending import fails with KMSInvalidState',
  level: 'SHOULD',
  theme: 'error-codes',
  sources: [
    { fact: 'SNS-10', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-1', url: PAGES.kmsImportingKeysCreateKey, evidence: 'DOC' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'key-state', 'fifo'],
  requires: ['createKeyHonoursInput'],
  generates: 'standard and FIFO topics (both on every seed) using a new EXTERNAL key by key ID',
  arbitrary: fc.boolean(),
  examples: [false, true],
  scenario: async (s, fifo) => {
    const key = await createKeyPendingImport(s, { asserted: false });
    const arn = await createTopic(s, { KmsMasterKeyId: key.keyId, ...(fifo ? { ContentBasedDeduplication: 'true' } : {}) }, fifo);
    await s.send(new PublishCommand({ TopicArn: arn, Message: 'm', ...(fifo ? { MessageGroupId: 'g' } : {}) }), { expect: fails('KMS.InvalidState') });
  },
});
