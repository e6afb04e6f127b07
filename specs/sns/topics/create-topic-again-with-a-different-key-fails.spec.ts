/**
 * CreateTopic is idempotent for a name the caller already owns: the same KmsMasterKeyId, or no
 * attributes at all, give back the topic's ARN and leave its key as it was. A different key, or a key
 * for a topic created without one, fails with InvalidParameter ("Topic already exists with different
 * attributes") and changes nothing. AWS documents the idempotence; the refusal is observed on AWS
 * (LocalStack's AWS-validated snapshot, and traces of real AWS in public issue trackers), not documented.
 * The second CreateTopic's outcome and the key the topic keeps are judged independently: a target that
 * wrongly accepts a different key may still keep the topic's own, or replace it, and that shows too.
 */
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, topicAttributes } from '../../../src/steps.js';

const CASES = ['same-key', 'no-attributes', 'other-key', 'key-added'] as const;
type Case = (typeof CASES)[number];

export const clause = defineClause({
  id: 'sns.topics.create-topic-again-with-a-different-key-fails',
  title: 'CreateTopic on an existing name returns its ARN for the same key and fails for a different one',
  level: 'OBSERVED',
  theme: 'configuration',
  sources: [
    { fact: 'SNS-18', url: PAGES.localstackSnsSnapshot, evidence: 'OBS' },
    { fact: 'SNS-18', url: PAGES.snsCreateTopic, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'attributes'],
  shares: ['aws-managed-keys'],
  generates:
    'a topic created with alias/aws/sns or without a key, then CreateTopic again with the same key, no attributes, another key, or a key where there was none',
  arbitrary: fc.constantFrom<Case>(...CASES),
  // The input space is small: every case runs on every seed.
  examples: [...CASES],
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange
    const name = s.name('topic');
    const first: Record<string, string> = c === 'key-added' ? {} : { KmsMasterKeyId: 'alias/aws/sns' };
    const { TopicArn } = await s.send(new CreateTopicCommand({ Name: name, Attributes: first }));
    // Act
    const again =
      c === 'same-key'
        ? first
        : c === 'no-attributes'
          ? {}
          : c === 'other-key'
            ? { KmsMasterKeyId: (await createKey(s)).keyId }
            : { KmsMasterKeyId: 'alias/aws/sns' };
    const conflicting = c === 'other-key' || c === 'key-added';
    const out = await s.send(new CreateTopicCommand({ Name: name, Attributes: again }), {
      expect: conflicting ? fails('InvalidParameter') : OK,
      independent: true,
    });
    // Assert: the same topic (when the call succeeded as it should), its key unchanged
    if (!conflicting && out) s.check(out.TopicArn === TopicArn, 'TopicArn', TopicArn, out.TopicArn);
    const key = (await topicAttributes(s, TopicArn!)).KmsMasterKeyId;
    s.check(key === first.KmsMasterKeyId, 'KmsMasterKeyId', first.KmsMasterKeyId ?? '(none)', key ?? '(none)');
  },
});
