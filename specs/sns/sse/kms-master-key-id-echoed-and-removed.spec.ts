/**
 * SNS stores KmsMasterKeyId exactly as given, without validating it, and removes the attribute
 * (rather than showing "") when it is set to the empty string.
 */
import { SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { keyIdStringArb } from '../../../src/arbitraries/queues.js';
import { createTopic, topicAttributes } from '../../../src/steps.js';

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
  generates: 'standard and FIFO topics, key strings of every identifier shape and arbitrary text, set at create or later',
  arbitrary: fc.record({ key: keyIdStringArb, onCreate: fc.boolean(), fifo: fc.boolean() }),
  check: async (s, { key, onCreate, fifo }) => {
    const arn = await createTopic(s, onCreate ? { KmsMasterKeyId: key } : {}, fifo);
    if (!onCreate) await s.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: key }));
    const on = await topicAttributes(s, arn);
    s.check(on.KmsMasterKeyId === key, 'KmsMasterKeyId', key, on.KmsMasterKeyId);
    await s.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: '' }));
    const off = await topicAttributes(s, arn);
    s.check(!('KmsMasterKeyId' in off), 'KmsMasterKeyId', '(absent)', off.KmsMasterKeyId);
  },
});
