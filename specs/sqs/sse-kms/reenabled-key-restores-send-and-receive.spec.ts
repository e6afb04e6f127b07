/**
 * Disabling a queue's key is reversible: after EnableKey, SendMessage works again and every message
 * sealed under the key is receivable, intact, including one sealed before the key was disabled
 * (which could not be received while it was). EnableKey makes a key usable again at once, up to
 * KMS's eventual consistency, so the first send after it is retried within the target's bound.
 * The refusal while disabled is witnessed on a principal holding no decryption key for the queue:
 * SQS caches data keys for encryption and for decryption separately, so a principal that has only
 * sent holds none.
 */
import { DisableKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails, OK } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createKey, createQueue, receiveDelivered } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'sqs.sse-kms.reenabled-key-restores-send-and-receive',
  title: 'After a queue key is disabled and enabled again, SendMessage works and messages sealed before are receivable intact',
  level: 'MUST',
  theme: 'key-state',
  sources: [
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-2', url: PAGES.kmsEnablingKeys, evidence: 'DOC' },
    { fact: 'SQS-9', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'KMS-13', url: PAGES.kmsEnablingKeys, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'key-state', 'transparency'],
  generates: 'a message sealed before the key was disabled or none (both on every seed), generated bodies',
  arbitrary: fc.record({ sealedBefore: fc.boolean(), before: bodyArb, after: bodyArb }),
  examples: [
    { sealedBefore: false, before: 'x', after: 'after' },
    { sealedBefore: true, before: 'before', after: 'after' },
  ],
  rule: ({ sealedBefore }) => (sealedBefore ? 'sealed-before-disable' : 'sent-after-enable'),
  scenario: async (s, { sealedBefore, before, after }) => {
    const key = await createKey(s);
    const url = await createQueue(s, { KmsMasterKeyId: key.keyId });
    if (sealedBefore) await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: before }));
    await s.send(new DisableKeyCommand({ KeyId: key.keyId }));
    // Witness: the disable took effect for the sealed message.
    if (sealedBefore) await s.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }), { expect: fails('KMS.Disabled') });
    await s.send(new EnableKeyCommand({ KeyId: key.keyId }));
    // Act, Assert
    const sent = await s.eventually(
      () => s.attempt(new SendMessageCommand({ QueueUrl: url, MessageBody: after })),
      (o) => o.ok,
    );
    s.expectLast(sent, [OK]);
    const expected = (sealedBefore ? [before, after] : [after]).sort();
    const bodies = (await receiveDelivered(s, { QueueUrl: url }, expected.length)).map((m) => m.Body!).sort();
    s.check(JSON.stringify(bodies) === JSON.stringify(expected), 'Bodies', expected, bodies);
  },
});
