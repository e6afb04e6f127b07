/**
 * A multi-Region key serves as a topic's key as a single-Region key does: a topic whose
 * KmsMasterKeyId names an mrk- key (key ID or key ARN) publishes, and a subscribed queue receives the
 * message unchanged; once the key is disabled, Publish fails with KMSDisabled, as with any key. A
 * target that hands out keys of its own instead (the AWS target's pooled single-Region keys) cannot
 * show this.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createKeyOfKind, createSubscribedQueue, createTopic, isMultiRegionKey, receiveDelivered } from '../../../src/steps.js';

type Case = 'publish-delivers' | 'disabled-refuses';
const CASES: Case[] = ['publish-delivers', 'disabled-refuses'];

export const clause = defineClause({
  id: 'sns.sse.multi-region-key-works-as-topic-key',
  title: 'A multi-Region (mrk-) key as a topic key lets Publish deliver, and refuses publishes once disabled, as any key does',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-28', url: PAGES.kmsMultiRegionKeys, evidence: 'DOC' },
    { fact: 'SNS-6', url: PAGES.snsSse, evidence: 'DOC' },
    { fact: 'SNS-10', url: PAGES.snsPublish, evidence: 'MODEL' },
  ],
  features: ['sns', 'sse-kms', 'kms', 'sns-to-sqs', 'key-state'],
  generates: 'a publish delivered to a raw subscription, and a publish after DisableKey, by key ID or key ARN (both cases on every seed)',
  arbitrary: fc.record({ case: fc.constantFrom(...CASES), byArn: fc.boolean(), body: bodyArb }),
  examples: CASES.map((c) => ({ case: c, byArn: false, body: 'multi-Region' })),
  maxRuns: 2,
  rule: (i) => i.case,
  scenario: async (s, { case: c, byArn, body }) => {
    // Arrange: a multi-Region primary key and a topic on it
    const key = await createKeyOfKind(s, { MultiRegion: true }, ['KeyId', 'MultiRegion'], isMultiRegionKey);
    const topic = await createTopic(s, { KmsMasterKeyId: byArn ? key.arn : key.keyId });
    if (c === 'disabled-refuses') {
      await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
      await s.send(new PublishCommand({ TopicArn: topic, Message: body }), { expect: fails('KMS.Disabled') });
      return;
    }
    const url = await createSubscribedQueue(s, topic, { subscription: { RawMessageDelivery: 'true' } });
    // Act, Assert
    await s.send(new PublishCommand({ TopicArn: topic, Message: body }));
    const got = await receiveDelivered(s, { QueueUrl: url }, 1);
    s.check(got[0]?.Body === body, 'Body', body, got[0]?.Body);
  },
});
