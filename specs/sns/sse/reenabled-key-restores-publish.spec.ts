/**
 * Disabling a topic's key is reversible: after EnableKey, Publish to the topic works again.
 * EnableKey makes a key usable at once, up to KMS's eventual consistency, so the first publish
 * after it is retried within the target's bound. Where the refusal while disabled is witnessed, the
 * topic is new and has never published, so no cached data key can hide it.
 */
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, createTopic } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sns.sse.reenabled-key-restores-publish',
  title: 'After a topic key is disabled and enabled again, Publish to the topic succeeds',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'SNS-13', url: PAGES.snsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-2', url: PAGES.kmsEnablingKeys, evidence: 'DOC' },
    { fact: 'KMS-13', url: PAGES.kmsEnablingKeys, evidence: 'DOC' },
  ],
  features: ['sns', 'sse-kms', 'key-state', 'fifo'],
  generates: 'standard and FIFO topics × with or without a publish refused while the key was disabled (all four on every seed)',
  arbitrary: fc.record({ fifo: fc.boolean(), witnessed: fc.boolean() }),
  examples: [
    { fifo: false, witnessed: false },
    { fifo: true, witnessed: false },
    { fifo: false, witnessed: true },
    { fifo: true, witnessed: true },
  ],
  scenario: async (s, { fifo, witnessed }) => {
    const key = await createKey(s);
    const arn = await createTopic(s, { KmsMasterKeyId: key.keyId, ...(fifo ? { ContentBasedDeduplication: 'true' } : {}) }, fifo);
    const publish = (body: string) => new PublishCommand({ TopicArn: arn, Message: body, ...(fifo ? { MessageGroupId: 'g' } : {}) });
    await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    if (witnessed) await s.send(publish('while disabled'), { expect: fails('KMS.Disabled') });
    await s.send(new EnableKeyCommand({ KeyId: key.keyId }));
    // Act, Assert
    const published = await s.eventually(
      () => s.attempt(publish('after enable')),
      (o) => o.ok,
    );
    s.expectLast(published, [OK]);
    s.check(published.ok && typeof published.value.MessageId === 'string', 'MessageId', 'a message ID', published.ok ? published.value.MessageId : undefined);
  },
});
