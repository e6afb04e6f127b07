/**
 * A message is opened with the key that sealed it, not with the queue's current key: after
 * KmsMasterKeyId changes, a consumer needs kms:Decrypt on every key that sealed messages still in
 * the queue. So an older message is received intact while the new key is unusable (here: it names
 * no key), and fails with KmsDisabled while its own key is disabled although the new key is usable.
 * One message per run: what ReceiveMessage does with a batch mixing a usable and an unusable key
 * is undocumented (SQS-20). The consumer has never received from the queue, so it holds no cached
 * decryption key.
 */
import { DisableKeyCommand } from '@aws-sdk/client-kms';
import { ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { bodyArb } from '../../../src/arbitraries/messages.js';
import { createKey, createQueue } from '../../../src/steps.js';

type Unusable = 'old' | 'new';

export const clause = defineClause({
  id: 'sqs.persistence.old-messages-need-old-key-after-key-change',
  title: 'After KmsMasterKeyId changes, an older message is received only while the key that sealed it is usable',
  level: 'MUST',
  theme: 'persistence',
  sources: [
    { fact: 'SQS-10', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
    { fact: 'SQS-14', url: PAGES.sqsSse, evidence: 'DOC' },
    { fact: 'SQS-20', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
  ],
  features: ['sqs', 'sse-kms', 'backlog', 'key-state'],
  generates: 'the old key disabled (new key usable) or the new key unusable (old key usable), both on every seed; generated bodies',
  arbitrary: fc.record({ unusable: fc.constantFrom<Unusable>('new', 'old'), body: bodyArb }),
  examples: [
    { unusable: 'new', body: 'old message' },
    { unusable: 'old', body: 'old message' },
  ],
  rule: ({ unusable }) => `${unusable}-key-unusable`,
  scenario: async (s, { unusable, body }) => {
    const oldKey = await createKey(s);
    const newKey = unusable === 'old' ? (await createKey(s)).keyId : s.name('alias'); // names no key: SQS-7 lets it be set
    const url = await createQueue(s, { KmsMasterKeyId: oldKey.keyId });
    await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    await s.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: newKey } }));
    if (unusable === 'old') await s.send(new DisableKeyCommand({ KeyId: oldKey.keyId }));
    // Act, Assert
    const receive = new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 });
    if (unusable === 'old') {
      await s.send(receive, { expect: fails('KMS.Disabled') });
      return;
    }
    const bodies = ((await s.send(receive)).Messages ?? []).map((m) => m.Body);
    s.check(bodies.length === 1 && bodies[0] === body, 'Bodies', [body], bodies);
  },
});
