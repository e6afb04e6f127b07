/**
 * Publish accepts a message of exactly 262,144 bytes and rejects one byte more, whether the topic
 * is encrypted or not.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createTopic } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.limits.message-size-limit-ignores-encryption',
  title: 'Publish accepts exactly the size limit and rejects one byte more, encrypted or not',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [{ fact: 'SNS-17', url: PAGES.snsPublish, evidence: 'MODEL' }],
  features: ['sns', 'limits', 'sse-kms'],
  generates: 'encrypted and unencrypted topics, messages of limit-1, limit and limit+1 bytes, ending in a one- or three-byte character',
  arbitrary: fc.record({ encrypted: fc.boolean(), delta: fc.constantFrom(-1, 0, 1), wide: fc.boolean() }),
  // Every combination, on every seed: moto, for one, accepts limit+1 and shows it only when that case runs.
  examples: [false, true].flatMap((encrypted) => [-1, 0, 1].flatMap((delta) => [false, true].map((wide) => ({ encrypted, delta, wide })))),
  maxRuns: 0,
  scenario: async (s, { encrypted, delta, wide }) => {
    const size = s.target.capabilities.limits.sns.maxMessageBytes + delta;
    const message = wide ? 'a'.repeat(size - 3) + '€' : 'a'.repeat(size);
    const key = encrypted ? await createKey(s) : undefined;
    const arn = await createTopic(s, key ? { KmsMasterKeyId: key.keyId } : {});
    await s.send(new PublishCommand({ TopicArn: arn, Message: message }), { expect: delta <= 0 ? OK : fails('InvalidParameter') });
  },
});
