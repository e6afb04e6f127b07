/**
 * Message attributes are not encrypted, so subscription filter policies keep working on an
 * encrypted topic: exactly the matching messages are delivered.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { PAGES } from '../../src/pages.js';
import { createSubscribedQueue, createTopic, receiveDelivered } from '../../src/steps.js';

const COLORS = ['red', 'green', 'blue', 'black'] as const;

export const clause = defineClause({
  id: 'sns-to-sqs.filter-policy-works-on-encrypted-topic',
  title: 'A filter policy on a subscription of an encrypted topic delivers exactly the matching messages',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [
    { fact: 'SNS-1', url: PAGES.snsSse, evidence: 'DOC' },
    { fact: 'SNS-1', url: PAGES.snsFilterPolicies, evidence: 'DOC' },
  ],
  features: ['sns', 'sns-to-sqs', 'sse-kms', 'transparency'],
  shares: ['aws-managed-keys'],
  generates: 'a set of accepted colours and 1 to 5 published messages with a colour attribute',
  arbitrary: fc.record({
    accepted: fc.subarray([...COLORS], { minLength: 1 }),
    published: fc.array(fc.constantFrom(...COLORS), { minLength: 1, maxLength: 5 }),
  }),
  scenario: async (s, { accepted, published }) => {
    const topic = await createTopic(s, { KmsMasterKeyId: 'alias/aws/sns' });
    const url = await createSubscribedQueue(s, topic, {
      attributes: { SqsManagedSseEnabled: 'false' },
      subscription: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ color: accepted }) },
    });
    for (const [i, color] of published.entries()) {
      await s.send(new PublishCommand({ TopicArn: topic, Message: `${i}:${color}`, MessageAttributes: { color: { DataType: 'String', StringValue: color } } }));
    }
    const expected = published.map((c, i) => `${i}:${c}`).filter((b) => accepted.includes(b.split(':')[1] as (typeof COLORS)[number]));
    // Receive until every expected message is in (or, expecting none, for the target's whole delivery bound).
    const received = (await receiveDelivered(s, { QueueUrl: url }, expected.length)).map((m) => m.Body ?? '');
    s.check(JSON.stringify([...received].sort()) === JSON.stringify([...expected].sort()), 'Bodies', expected, received);
  },
});
