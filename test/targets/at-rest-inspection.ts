/**
 * One scenario of queues and messages for the target tests of an emulator's at-rest inspection
 * (moto.test.ts, localstack.test.ts): an SSE-KMS queue holding a message in flight (received, not
 * deleted) and one waiting, another queue with a message of its own, and a queue one of whose two messages
 * was deleted. What the inspection must show of each is what the at-rest clauses read (specs/sqs/at-rest/).
 */
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Target } from '../../src/target.js';

export interface AtRestScenario {
  /** The SSE-KMS queue, its two messages' ids (the first in flight, the second waiting), and the other queues. */
  sealedQueue: string;
  ids: [string, string];
  otherQueue: string;
  otherId: string;
  deletingQueue: string;
  keptId: string;
}

export async function arrangeAtRest(t: Target, prefix: string): Promise<AtRestScenario> {
  const { kms, sqs } = t.clients(0);
  const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const queue = async (name: string, Attributes?: Record<string, string>) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${name}`, Attributes }))).QueueUrl!;
  const send = async (QueueUrl: string, MessageBody: string, attr?: string) =>
    (
      await sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody, ...(attr ? { MessageAttributes: { a: { DataType: 'String', StringValue: attr } } } : {}) }),
      )
    ).MessageId!;
  const sealedQueue = await queue('sealed', { KmsMasterKeyId: key });
  const otherQueue = await queue('other');
  const deletingQueue = await queue('deleting');
  const first = await send(sealedQueue, 'plaintext-one', 'x');
  const otherId = await send(otherQueue, 'elsewhere');
  const second = await send(sealedQueue, 'plaintext-two');
  // The first message goes in flight: received, and not deleted.
  const received = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: sealedQueue, MaxNumberOfMessages: 1, VisibilityTimeout: 120 }))).Messages ?? [];
  if (received.map((m) => m.MessageId).join() !== first) throw new Error(`expected to receive the first message, got ${JSON.stringify(received)}`);
  const keptId = await send(deletingQueue, 'kept');
  await send(deletingQueue, 'gone');
  const both = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: deletingQueue, MaxNumberOfMessages: 10, VisibilityTimeout: 120 }))).Messages ?? [];
  const gone = both.find((m) => m.Body === 'gone');
  if (!gone) throw new Error(`expected to receive the message to delete, got ${JSON.stringify(both)}`);
  await sqs.send(new DeleteMessageCommand({ QueueUrl: deletingQueue, ReceiptHandle: gone.ReceiptHandle! }));
  return { sealedQueue, ids: [first, second], otherQueue, otherId, deletingQueue, keptId };
}

/** Publishes one message to a topic that delivers into `queueUrl` (an SNS delivery, whose id the SQS clients never see). */
export async function deliverThroughSns(t: Target, prefix: string, queueUrl: string): Promise<void> {
  const { sns, sqs } = t.clients(0);
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const topic = (await sns.send(new CreateTopicCommand({ Name: `${prefix}-topic` }))).TopicArn!;
  await sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: arn, Attributes: { RawMessageDelivery: 'true' } }));
  await sns.send(new PublishCommand({ TopicArn: topic, Message: 'delivered-by-sns' }));
}
