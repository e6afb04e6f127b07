/**
 * SNS writes into an SSE-KMS queue as sns.amazonaws.com: delivery works when the queue's customer
 * managed key allows that principal, and silently fails (Publish still succeeds) when the queue
 * uses alias/aws/sqs or a key whose policy does not allow SNS.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import fc from 'fast-check';
import { defineClause } from '../../src/clause.js';
import { PAGES } from '../../src/pages.js';
import { allowSnsToUseKey, createKey, createSubscribedQueue, createTopic, receiveDelivered } from '../../src/steps.js';

type KeyCase = 'cmk-allowing-sns' | 'cmk-not-allowing-sns' | 'aws-managed';

export const clause = defineClause({
  id: 'sns-to-sqs.queue-key-must-allow-sns',
  title: 'SNS delivers into an SSE-KMS queue only when the queue key allows sns.amazonaws.com; Publish succeeds either way',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'SNS-16', url: PAGES.snsSqsEncrypted, evidence: 'DOC' },
    { fact: 'SQS-16', url: PAGES.sqsKeyManagement, evidence: 'DOC' },
  ],
  features: ['sns', 'sns-to-sqs', 'sse-kms', 'aws-managed-keys'],
  shares: ['aws-managed-keys'],
  generates: 'queues on a customer managed key that allows SNS, one that does not, or alias/aws/sqs; encrypted or plain topics',
  arbitrary: fc.record({ keyCase: fc.constantFrom<KeyCase>('cmk-allowing-sns', 'cmk-not-allowing-sns', 'aws-managed'), topicEncrypted: fc.boolean() }),
  scenario: async (s, { keyCase, topicEncrypted }) => {
    // Arrange
    let queueKey = 'alias/aws/sqs';
    if (keyCase !== 'aws-managed') {
      const key = await createKey(s);
      if (keyCase === 'cmk-allowing-sns') await allowSnsToUseKey(s, key);
      queueKey = key.keyId;
    }
    const topic = await createTopic(s, topicEncrypted ? { KmsMasterKeyId: 'alias/aws/sns' } : {});
    const url = await createSubscribedQueue(s, topic, { attributes: { KmsMasterKeyId: queueKey }, subscription: { RawMessageDelivery: 'true' } });
    // Act: Publish succeeds whatever the queue key allows
    await s.send(new PublishCommand({ TopicArn: topic, Message: 'delivery' }));
    const expected = keyCase === 'cmk-allowing-sns' ? ['delivery'] : [];
    const received = (await receiveDelivered(s, { QueueUrl: url }, expected.length)).map((m) => m.Body);
    // Assert
    s.check(JSON.stringify(received) === JSON.stringify(expected), 'Bodies', expected, received);
  },
});
