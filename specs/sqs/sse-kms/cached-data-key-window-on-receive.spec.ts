/**
 * The receive side of the reuse period: SQS caches a data key for decryption as well as for
 * encryption, and the reuse period bounds both copies. A consumer that has received (and so holds
 * the data key) may keep receiving messages sealed under a disabled key until its reuse period
 * ends; after the period (plus KMS propagation) its next ReceiveMessage calls Decrypt and must
 * fail with KmsDisabled. AWS does not say when the decryption copy's period starts (at the
 * consumer's first Decrypt, or when the data key was made), nor that a cached key is always
 * served inside the period (SQS is distributed): both end before the asserted receive, and a
 * receive inside the window may succeed or fail with KmsDisabled, so only the end is asserted.
 * One principal sends and receives, so that a single-principal target (AWS) can run it.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { SECOND } from '../../../src/time.js';
import { createKey, createQueue } from '../../../src/steps.js';

/** Allowance for KMS eventual consistency and attribute propagation beyond the reuse period (CS-3). */
const SLACK_SECONDS = 60;
/** Long polling asks every SQS host, so a receive sees a stored message (short polls may not). */
const LONG_POLL_SECONDS = 2;

export const clause = defineClause({
  id: 'sqs.sse-kms.cached-data-key-window-on-receive',
  title: 'After its key is disabled, a consumer that has received keeps receiving at most until the reuse period ends',
  level: 'MUST',
  theme: 'key-reuse',
  sources: [
    { fact: 'SQS-9', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-9', url: PAGES.kmsUnusableKeys, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'data-key-reuse', 'key-state'],
  requires: ['timeWindows'],
  generates: 'the shortest reuse period (60 s), one message, a warm-up receive, then a receive after the window has passed',
  arbitrary: fc.constant(60),
  maxRuns: 1,
  scenario: async (s, reuse) => {
    // Arrange: a message sealed under the key, and a consumer that has decrypted it. Visibility 0
    // leaves the message in the queue, so that the last receive has it to decrypt again.
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId, KmsDataKeyReusePeriodSeconds: String(reuse) });
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'sealed' }));
    const warm = await s.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: LONG_POLL_SECONDS, VisibilityTimeout: 0 }));
    const got = warm.Messages?.length ?? 0;
    s.require(got === 1, 'Messages', 1, got); // hard: the consumer must hold the data key, or nothing is observed
    await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    // Act: inside the window either outcome is allowed; only its end is asserted.
    await s.wait((reuse + SLACK_SECONDS) * SECOND);
    // Assert
    await s.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: LONG_POLL_SECONDS }), { expect: fails('KMS.Disabled') });
  },
});
