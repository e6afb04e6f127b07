/**
 * SNS reuses a data key for up to 5 minutes per publishing principal; the period is fixed (no
 * attribute). After the topic's key is disabled, a publisher that holds a data key may keep
 * publishing for at most that long (plus KMS propagation); after it, Publish must fail with
 * KMSDisabled. Whether a publish inside the window succeeds is not promised (SNS is distributed),
 * so only the end of the window is asserted. Five real minutes are long: the clause runs once,
 * on a virtual clock or where the target accepts waiting real time.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { SECOND } from '../../../src/time.js';
import { createKey, createTopic } from '../../../src/steps.js';

/** SNS's fixed reuse period (SNS-12). */
const SNS_REUSE_SECONDS = 300;
/** Allowance for KMS eventual consistency beyond the reuse period (CS-3). */
const SLACK_SECONDS = 60;

export const clause = defineClause({
  id: 'sns.sse.data-key-reused-at-most-five-minutes',
  title: 'After its key is disabled, a topic accepts publishes from a warm publisher at most until its 5-minute reuse period ends',
  level: 'MUST',
  theme: 'key-reuse',
  sources: [
    { fact: 'SNS-12', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'SNS-13', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-9', url: PAGES.kmsUnusableKeys, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'data-key-reuse', 'key-state'],
  requires: ['timeWindows'],
  generates: 'one warm-up publish, the key disabled, then a publish 6 minutes later (the 5-minute period plus 60 s)',
  arbitrary: fc.constant(SNS_REUSE_SECONDS),
  maxRuns: 1,
  scenario: async (s, reuse) => {
    // Arrange: the publisher holds a data key of the topic's key.
    const key = await createKey(s);
    const arn = await createTopic(s, { KmsMasterKeyId: key.keyId });
    await s.send(new PublishCommand({ TopicArn: arn, Message: 'warm-up' }));
    await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    // Act: inside the window either outcome is allowed; only its end is asserted.
    await s.wait((reuse + SLACK_SECONDS) * SECOND);
    // Assert
    await s.send(new PublishCommand({ TopicArn: arn, Message: 'after' }), { expect: fails('KMS.Disabled') });
  },
});
