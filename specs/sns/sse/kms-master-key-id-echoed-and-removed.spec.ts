/**
 * SNS stores KmsMasterKeyId exactly as given, without validating it, and removes the attribute
 * (rather than showing "") when it is set to the empty string. The key is set at CreateTopic, or later on
 * a topic without one or with another key (where a target that keeps the old key shows it); each start
 * meets the removal on every seed. The echo and the removal are both checked, whatever the echo showed
 * (they share one signature, so a target that gets both wrong shows one deviation, the echo's).
 */
import { SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb } from '../../../src/arbitraries/queues.js';
import { createTopic, topicAttributes } from '../../../src/steps.js';

/** Where the key is set: at CreateTopic, or later on a topic without a key or with another one. */
const FROM = ['create', 'no-key', 'other-key'] as const;
type From = (typeof FROM)[number];
/** The key the topic starts with in `other-key` (a generated key equal to it only shows less). */
const OTHER_KEY = 'alias/aws/sns';

export const clause = defineClause({
  id: 'sns.sse.kms-master-key-id-echoed-and-removed',
  title: 'A topic echoes KmsMasterKeyId verbatim and drops the attribute when it is set to ""',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SNS-5', url: PAGES.custodianUnsetEncryption, evidence: 'OBS' },
    { fact: 'SNS-4', url: PAGES.snsSetTopicAttributes, evidence: 'DOC' },
    { fact: 'SNS-6', url: PAGES.snsSse, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'attributes', 'key-identifiers', 'fifo'],
  shares: ['aws-managed-keys'],
  generates:
    'standard and FIFO topics, key strings of every identifier shape and arbitrary text, set at create, or later on a topic without a key or with another one (each on every seed)',
  arbitrary: fc.record({ key: keyIdStringArb, from: fc.constantFrom<From>(...FROM), fifo: fc.boolean() }),
  examples: FROM.map((from, i) => ({ key: 'testKeyId', from, fifo: i % 2 === 1 })),
  scenario: async (s, { key, from, fifo }) => {
    const arn = await createTopic(s, from === 'create' ? { KmsMasterKeyId: key } : from === 'other-key' ? { KmsMasterKeyId: OTHER_KEY } : {}, fifo);
    if (from !== 'create') await s.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: key }));
    const on = await topicAttributes(s, arn);
    s.check(on.KmsMasterKeyId === key, 'KmsMasterKeyId', key, on.KmsMasterKeyId);
    await s.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: '' }));
    const off = await topicAttributes(s, arn);
    s.check(!('KmsMasterKeyId' in off), 'KmsMasterKeyId', '(absent)', off.KmsMasterKeyId);
  },
});
