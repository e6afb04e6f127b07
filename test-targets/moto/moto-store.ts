/**
 * What a moto_server holds at rest, from `GET /moto-api/data.json`: moto's dashboard data, every tracked
 * model instance with its public attributes (moto/moto_api/_internal/responses.py `model_data`). For SQS
 * that is `sqs.Queue[]` (name, account_id, region, the three ApproximateNumberOfMessages* counts) and
 * `sqs.Message[]` (id, body, message_attributes, all_receipt_handles, …), but no message names its queue:
 * a queue's list of messages (`Queue._messages`) is private, and its `messages` property is shown only
 * when it is empty (a list of Message objects is not JSON).
 *
 * `Message[]` is not the store either: it lists every Message instance ever created (moto/core/
 * common_models.py, `BaseModel.__new__` appends each to `instances_tracked`; only a reset empties it), in
 * creation order across all queues. So it keeps deleted messages, FIFO duplicates moto dropped, and the
 * copy ReceiveMessage makes of each message it returns (moto/sqs/models.py `receive_message`:
 * `deepcopy(message)`, whose attributes are filtered to the names asked for) under the same id, after the
 * original.
 *
 * Which of them a queue holds comes from the target's own clients (../sent-messages.ts): the ids its
 * SendMessage and SendMessageBatch calls got back for the queue, in send order, without those deleted with a
 * receipt handle the message had (`all_receipt_handles`), each read from the first instance of its id (the
 * original). moto's counts then say whether that is the whole queue: when the queue holds another number of
 * messages (an SNS delivery, a send by another client, a duplicate moto dropped, a move to a dead-letter
 * queue), the inspection is not observable rather than a guess.
 *
 * moto's SQS never calls KMS (moto/sqs/models.py only stores KmsMasterKeyId): every body is stored as sent.
 */
import { NotObservableError } from '../../src/session.js';
import type { AtRestMessage } from '../../src/target.js';
import { queueKey, type SentMessages } from '../sent-messages.js';

interface MotoQueue {
  name?: string;
  account_id?: string;
  region?: string;
  approximate_number_of_messages?: number;
  approximate_number_of_messages_delayed?: number;
  approximate_number_of_messages_not_visible?: number;
}

interface MotoMessage {
  id?: string;
  body?: string;
  message_attributes?: Record<string, unknown>;
  all_receipt_handles?: (string | null)[];
}

export interface MotoData {
  sqs?: { Queue?: MotoQueue[]; Message?: MotoMessage[] };
}

/**
 * moto's dashboard data (`/moto-api/data.json`); with `only`, of one queue and the messages with these ids. The moto
 * this target starts (./moto-main.py) then serialises only those, instead of every instance of the run; another
 * moto ignores the query and answers everything, which storedMessages reads the same way.
 */
export async function motoData(endpoint: string, only?: { queue: string; ids: readonly string[] }): Promise<MotoData> {
  const query = only ? `?${new URLSearchParams({ service: 'sqs', model: 'Queue,Message', 'Queue.name': only.queue, 'Message.id': only.ids.join(',') })}` : '';
  const res = await fetch(`${endpoint}/moto-api/data.json${query}`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`moto's /moto-api/data.json answered HTTP ${res.status}`);
  return (await res.json()) as MotoData;
}

/** The messages a queue holds, in send order, from moto's data and what the target's clients sent (see above). */
export function storedMessages(data: MotoData, region: string, queueUrl: string, sent: SentMessages): AtRestMessage[] {
  const [account, name] = queueKey(queueUrl).split('/');
  // A queue deleted and created again is tracked twice: the later one is the one that exists.
  const queue = (data.sqs?.Queue ?? []).filter((q) => q.name === name && q.account_id === account && q.region === region).at(-1);
  if (!queue) return [];
  const stored =
    (queue.approximate_number_of_messages ?? 0) + (queue.approximate_number_of_messages_delayed ?? 0) + (queue.approximate_number_of_messages_not_visible ?? 0);
  const originals = new Map<string, MotoMessage>();
  for (const m of data.sqs?.Message ?? []) if (m.id !== undefined && !originals.has(m.id)) originals.set(m.id, m);
  const held = sent.sent(queueUrl).flatMap((id) => {
    const m = originals.get(id);
    return m && !sent.deletedAny(m.all_receipt_handles ?? []) ? [{ id, m }] : [];
  });
  if (held.length !== stored)
    throw new NotObservableError(
      `moto's /moto-api/data.json does not say which of its messages queue ${name} holds: the queue holds ${stored}, and ${held.length} ${held.length === 1 ? 'is one' : 'are ones'} this target's clients sent there (moto shows no queue for SNS deliveries and other senders' messages)`,
    );
  return held.map(({ id, m }) => ({
    messageId: id,
    body: m.body ?? '',
    sealed: false,
    ...(m.message_attributes && Object.keys(m.message_attributes).length ? { messageAttributes: m.message_attributes } : {}),
  }));
}
