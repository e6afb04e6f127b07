/**
 * What a LocalStack holds at rest, from its SQS developer endpoint (localstack/services/sqs/developer_api.py,
 * `SqsDeveloperApi`): `GET /_aws/sqs/messages/<region>/<account_id>/<queue_name>` lists a queue's messages
 * "without side effects" (no receive count, no visibility change), with `ShowInvisible=true` the messages in
 * flight and with `ShowDelayed=true` the delayed ones too, each as ReceiveMessage returns it with every
 * attribute and message attribute. A request whose Content-Type is `application/x-amz-json-1.0` gets the
 * JSON protocol's answer (`{"Messages": [...]}`); any other, the query protocol's XML. It lists in-flight
 * messages first, then visible, then delayed, so they are put in send order here: by SentTimestamp
 * (milliseconds), then, among messages sent within the same millisecond, in the order this target's clients
 * sent them (../sent-messages.ts), then by SequenceNumber (FIFO). The container and host-mode targets use it.
 *
 * LocalStack's SQS never calls KMS (nothing under localstack/services/sqs/ does): bodies are stored as sent.
 */
import { NotObservableError } from '../../src/session.js';
import type { AtRestMessage } from '../../src/target.js';
import { inSendOrder, type ListedMessage, queueKey, type SentMessages } from '../sent-messages.js';

/** The stored messages of one queue, in send order (see above); none for a queue that does not exist. */
export async function localstackStoredMessages(endpoint: string, region: string, queueUrl: string, sent: SentMessages): Promise<AtRestMessage[]> {
  const [account, name] = queueKey(queueUrl).split('/') as [string, string];
  const url = `${endpoint}/_aws/sqs/messages/${encodeURIComponent(region)}/${encodeURIComponent(account)}/${encodeURIComponent(name)}?ShowInvisible=true&ShowDelayed=true`;
  const res = await fetch(url, { headers: { 'Content-Type': 'application/x-amz-json-1.0' }, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status === 404) throw new NotObservableError(`this LocalStack has no SQS developer endpoint (GET /_aws/sqs/messages answered HTTP 404)`);
  if (res.status === 400 && /QueueDoesNotExist|NonExistentQueue/.test(text)) return [];
  if (!res.ok) throw new Error(`LocalStack's /_aws/sqs/messages answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  return inSendOrder((JSON.parse(text) as { Messages?: ListedMessage[] }).Messages ?? [], sent.sent(queueUrl)).map((m) => ({
    ...(m.MessageId ? { messageId: m.MessageId } : {}),
    body: m.Body ?? '',
    sealed: false,
    ...(m.MessageAttributes && Object.keys(m.MessageAttributes).length ? { messageAttributes: m.MessageAttributes } : {}),
  }));
}
