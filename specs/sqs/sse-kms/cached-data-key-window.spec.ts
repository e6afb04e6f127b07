/**
 * After a key is disabled, a principal may keep sending with its cached data key only until the
 * queue's reuse period ends (plus KMS propagation); after that, SendMessage must fail.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { SECOND } from '../../../src/time.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createQueue } from '../../../src/steps.js';

/** Allowance for KMS eventual consistency and attribute propagation beyond the reuse period (CS-3). */
const SLACK_SECONDS = 60;

export const clause = defineClause({
  id: 'sqs.sse-kms.cached-data-key-window',
  title: 'After its key is disabled, a queue accepts sends from a warm principal at most until the reuse period ends',
  level: 'MUST',
  theme: 'key-reuse',
  sources: [
    { fact: 'SQS-9', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-9', url: PAGES.kmsUnusableKeys, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'data-key-reuse', 'key-state'],
  requires: ['timeWindows'],
  generates: 'the shortest reuse period (60 s), one warm-up send, then a send after the window has passed',
  arbitrary: fc.constant(60),
  maxRuns: 1,
  scenario: async (s, reuse) => {
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId, KmsDataKeyReusePeriodSeconds: String(reuse) });
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'warm-up' }));
    await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    // Within the window either outcome is allowed (the cache may or may not serve a request); only the end of it is asserted.
    await s.wait((reuse + SLACK_SECONDS) * SECOND);
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'after' }), { expect: fails('KMS.Disabled') });
  },
});
