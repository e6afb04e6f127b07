/**
 * SNS does not check the key when a topic is configured: a key that does not exist is accepted
 * by CreateTopic and SetTopicAttributes, and Publish fails with KMSNotFound.
 */
import { PublishCommand, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createTopic } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.sse.key-checked-at-publish-not-configure',
  title: 'A topic accepts a key that does not exist, and Publish to it fails with KMSNotFound',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SNS-7', url: PAGES.snsSse, evidence: 'INF' },
    { fact: 'SNS-10', url: PAGES.snsPublish, evidence: 'MODEL' },
  ],
  features: ['sns', 'sse-kms', 'key-identifiers'],
  generates: 'unknown alias names or unknown key IDs, set at create or later',
  arbitrary: fc.record({ onCreate: fc.boolean(), uuid: fc.option(fc.uuid(), { nil: undefined }) }),
  scenario: async (s, { onCreate, uuid }) => {
    const missing = uuid ?? s.name('alias');
    const arn = await createTopic(s, onCreate ? { KmsMasterKeyId: missing } : {});
    if (!onCreate) await s.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: missing }));
    await s.send(new PublishCommand({ TopicArn: arn, Message: 'm' }), { expect: fails('KMS.NotFound') });
  },
});
