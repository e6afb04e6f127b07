/**
 * What a target's own SQS clients did to each queue's messages, read from their answers by client
 * middleware (never from the engine): the MessageIds SendMessage and SendMessageBatch returned, in the
 * order sent, the receipt handles DeleteMessage and DeleteMessageBatch deleted, and the queues purged or
 * deleted. An emulator whose store does not say which queue holds a message (moto's
 * `/moto-api/data.json`) gets its queues from this; one whose store does (LocalStack's
 * `/_aws/sqs/messages`) only its send order, which its millisecond timestamps leave open.
 *
 * Messages the clients never saw the ids of are not in it: SNS→SQS deliveries, sends from other clients.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';

/** A queue as the log knows it: the last two path segments of its URL (`ACCOUNT/NAME`), whatever the host. */
export function queueKey(queueUrl: string): string {
  const path = queueUrl.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/\/+$/, '');
  return path
    .split('/')
    .slice(-2)
    .map((s) => decodeURIComponent(s))
    .join('/');
}

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

export class SentMessages {
  /** Per queue, the ids of messages sent to it and not since purged or the queue deleted, in send order. */
  readonly #sent = new Map<string, string[]>();
  /** Every receipt handle a delete succeeded with. */
  readonly #deleted = new Set<string>();

  /** Records what `sqs` sends and deletes from now on (every principal's client of a target). */
  attach(sqs: SQSClient): void {
    const stack = sqs.middlewareStack as unknown as { add: (mw: unknown, o: object) => void };
    stack.add(
      (next: (a: unknown) => Promise<{ output: Output }>, context: { commandName?: string }) => async (args: { input: Input }) => {
        const result = await next(args);
        this.#record(String(context.commandName ?? '').replace(/Command$/, ''), args.input ?? {}, result.output ?? {});
        return result;
      },
      { step: 'initialize', name: 'sseConformanceSentMessages', override: true },
    );
  }

  /** The ids of the messages this target's clients sent to the queue and did not purge, in send order. */
  sent(queueUrl: string): readonly string[] {
    return this.#sent.get(queueKey(queueUrl)) ?? [];
  }

  /** Whether a delete succeeded with any of these receipt handles. */
  deletedAny(receiptHandles: readonly (string | null | undefined)[]): boolean {
    return receiptHandles.some((h) => typeof h === 'string' && this.#deleted.has(h));
  }

  #record(op: string, input: Input, output: Output): void {
    const url = typeof input.QueueUrl === 'string' ? input.QueueUrl : undefined;
    if (!url) return;
    const key = queueKey(url);
    const add = (id: unknown) => {
      if (typeof id === 'string') this.#sent.set(key, [...(this.#sent.get(key) ?? []), id]);
    };
    if (op === 'SendMessage') add(output.MessageId);
    else if (op === 'SendMessageBatch') {
      // Successful entries in the order the request listed them, which is the order they were sent in.
      const ids = new Map(((output.Successful as { Id?: string; MessageId?: string }[] | undefined) ?? []).map((e) => [e.Id, e.MessageId]));
      for (const entry of (input.Entries as { Id?: string }[] | undefined) ?? []) add(ids.get(entry.Id));
    } else if (op === 'DeleteMessage') {
      if (typeof input.ReceiptHandle === 'string') this.#deleted.add(input.ReceiptHandle);
    } else if (op === 'DeleteMessageBatch') {
      const ok = new Set(((output.Successful as { Id?: string }[] | undefined) ?? []).map((e) => e.Id));
      for (const entry of (input.Entries as { Id?: string; ReceiptHandle?: string }[] | undefined) ?? [])
        if (ok.has(entry.Id) && typeof entry.ReceiptHandle === 'string') this.#deleted.add(entry.ReceiptHandle);
    } else if (op === 'PurgeQueue' || op === 'DeleteQueue') this.#sent.delete(key);
  }
}

/** A message as a LocalStack-style inspection endpoint lists it (LocalStack's, floci's): ReceiveMessage's shape. */
export interface ListedMessage {
  MessageId?: string;
  Body?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, unknown>;
}

/** Listed messages in send order: by SentTimestamp, then the order of `sentIds` (the target's own sends first), then SequenceNumber, then as listed. */
export function inSendOrder(listed: readonly ListedMessage[], sentIds: readonly string[]): ListedMessage[] {
  const order = new Map(sentIds.map((id, i) => [id, i]));
  const key = (m: ListedMessage, listedAt: number) => {
    const at = order.get(m.MessageId ?? '');
    const seq = m.Attributes?.SequenceNumber;
    return {
      ts: Number(m.Attributes?.SentTimestamp ?? 0),
      known: at === undefined ? 1 : 0,
      at: at ?? 0,
      seq: seq && /^\d+$/.test(seq) ? BigInt(seq) : 0n,
      listedAt,
    };
  };
  return listed
    .map((m, i) => ({ m, k: key(m, i) }))
    .sort(
      (a, b) =>
        a.k.ts - b.k.ts || a.k.known - b.k.known || a.k.at - b.k.at || (a.k.seq < b.k.seq ? -1 : a.k.seq > b.k.seq ? 1 : 0) || a.k.listedAt - b.k.listedAt,
    )
    .map(({ m }) => m);
}
