/**
 * An encrypted FIFO topic delivers to standard SQS queues as well as FIFO ones: Subscribe accepts a
 * standard queue, and every message published to the topic reaches it unchanged, raw or inside the
 * notification envelope, whatever the queue's own encryption. A standard queue gets best-effort
 * ordering and at-least-once delivery, so the message must arrive, and every copy must equal it,
 * but how many copies arrive is not asserted.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { PAGES } from '../../src/pages.js';
import { bodyArb } from '../../src/arbitraries/messages.js';
import type { QueueMode } from '../../src/arbitraries/queues.js';
import { allowSnsToUseKey, createKey, createSubscribedQueue, createTopic, receiveDelivered, sseAttributes } from '../../src/steps.js';

const MODES: QueueMode[] = ['none', 'sse-sqs', 'sse-kms'];

export const clause = defineClause({
  id: 'sns-to-sqs.fifo-topic-delivers-to-standard-queue',
  title: 'A standard queue subscribed to an encrypted FIFO topic receives each published message unchanged',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SNS-22', url: PAGES.snsFifoMessageDelivery, evidence: 'DOC' },
    { fact: 'SNS-22', url: PAGES.localstackSnsSnapshot, evidence: 'OBS' },
    { fact: 'SNS-2', url: PAGES.snsSse, evidence: 'DOC' },
  ],
  features: ['sns', 'sns-to-sqs', 'fifo', 'sse-kms', 'transparency'],
  shares: ['aws-managed-keys'],
  generates:
    'FIFO topics on alias/aws/sns with content-based deduplication, standard queues unencrypted, SSE-SQS or SSE-KMS (a key that allows SNS), raw or enveloped delivery, bodies (none of white space alone)',
  arbitrary: fc.record({ mode: fc.constantFrom(...MODES), raw: fc.boolean(), body: bodyArb }),
  // Every queue mode on every seed.
  examples: [
    { mode: 'none' as QueueMode, raw: true, body: 'standard' },
    { mode: 'sse-sqs' as QueueMode, raw: false, body: 'standard' },
    { mode: 'sse-kms' as QueueMode, raw: true, body: 'standard' },
  ],
  scenario: async (s, { mode, raw, body }) => {
    // Arrange
    const key = mode === 'sse-kms' ? await createKey(s) : undefined;
    if (key) await allowSnsToUseKey(s, key);
    const topic = await createTopic(s, { KmsMasterKeyId: 'alias/aws/sns', ContentBasedDeduplication: 'true' }, true);
    const url = await createSubscribedQueue(s, topic, { attributes: sseAttributes(mode, key?.keyId), subscription: { RawMessageDelivery: String(raw) } });
    // Act
    await s.send(new PublishCommand({ TopicArn: topic, Message: body, MessageGroupId: 'g' }));
    const got = await receiveDelivered(s, { QueueUrl: url }, 1);
    // Assert: at least one copy, each the published message
    const messages = got.map((m) => (raw ? m.Body : envelopeMessage(m.Body)));
    s.check(messages.length >= 1 && messages.every((m) => m === body), 'Bodies', `${JSON.stringify(body)} (at least once)`, messages);
  },
});

/** The Message of an SNS notification envelope, or the body itself when it is not one. */
function envelopeMessage(body: string | undefined): string | undefined {
  try {
    const env = JSON.parse(body ?? '') as { Type?: unknown; Message?: unknown };
    return env.Type === 'Notification' && typeof env.Message === 'string' ? env.Message : body;
  } catch {
    return body;
  }
}
