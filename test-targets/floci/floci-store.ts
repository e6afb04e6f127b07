/**
 * What a floci holds at rest, from its SQS inspection endpoint (floci 1.7.0,
 * src/main/java/io/github/hectorvent/floci/services/sqs/SqsInspectionController.java): `GET
 * /_aws/sqs/messages?QueueUrl=<url>` answers `{"messages": [...]}`, every message the queue holds (`peekAll`:
 * visible, in flight and delayed), each with its id, body, attributes (SentTimestamp, SequenceNumber) and message
 * attributes, without receiving it. A queue that does not exist is answered HTTP 400. Put in send order as
 * LocalStack's are (../sent-messages.ts). floci's SQS never calls KMS: bodies are stored as sent.
 */
import { NotObservableError } from '../../src/session.js';
import type { AtRestMessage } from '../../src/target.js';
import { inSendOrder, type ListedMessage, type SentMessages } from '../sent-messages.js';

/** The stored messages of one queue, in send order; none for a queue that does not exist. */
export async function flociStoredMessages(endpoint: string, queueUrl: string, sent: SentMessages): Promise<AtRestMessage[]> {
  const res = await fetch(`${endpoint}/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl)}`, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status === 404) throw new NotObservableError('this floci has no SQS inspection endpoint (GET /_aws/sqs/messages answered HTTP 404)');
  if (res.status === 400 && /NonExistentQueue|QueueDoesNotExist|does not exist/i.test(text)) return [];
  if (!res.ok) throw new Error(`floci's /_aws/sqs/messages answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  const listed = (JSON.parse(text) as { messages?: ListedMessage[] }).messages ?? [];
  return inSendOrder(listed, sent.sent(queueUrl)).map((m) => ({
    ...(m.MessageId ? { messageId: m.MessageId } : {}),
    body: m.Body ?? '',
    sealed: false,
    ...(m.MessageAttributes && Object.keys(m.MessageAttributes).length ? { messageAttributes: m.MessageAttributes } : {}),
  }));
}
