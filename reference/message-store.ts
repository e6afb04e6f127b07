/**
 * The messages of one SQS queue, in send order, with visibility, delay, retention and FIFO group
 * locking. Sending is O(1) whatever the depth; receiving looks only at the head of the queue
 * (plus, on FIFO queues, past messages of locked groups).
 */
import type { MessageAttributeValue } from './md5.js';

/** How a message is held at rest (docs/architecture.md, "reference/: the model": messages are stored as sealed envelopes). */
export type Envelope = { kind: 'plaintext' } | { kind: 'sse-sqs' } | { kind: 'sse-kms'; keyInput: string; keyArn: string; dataKeyBlob: Uint8Array };

export interface StoredMessage {
  messageId: string;
  seq: number;
  /** The body; only handed out through the queue after the envelope was opened. */
  body: string;
  envelope: Envelope;
  md5OfBody: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes?: string;
  senderId: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  receiptHandle?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  state: 'delayed' | 'ready' | 'inflight' | 'gone';
}

/** A message leaves the send-order array for good when first received; if it comes back it lives in `returned`. */
const inReadyArray = (m: StoredMessage): boolean => m.state === 'ready' && m.receiveCount === 0;

export class MessageStore {
  /** Ready messages in send order; entries whose state is no longer 'ready' are skipped and compacted away. */
  // Stryker disable next-line ArrayDeclaration: EQ-store
  #ready: StoredMessage[] = [];
  #head = 0;
  /** Messages whose visibility timeout ran out, kept apart in seq order and served first. */
  // Stryker disable next-line ArrayDeclaration: EQ-store
  #returned: StoredMessage[] = [];
  #delayed: StoredMessage[] = []; // sorted by visibleAt
  #inflight = new Map<string, StoredMessage>(); // by receipt handle
  #nextInflightExpiry = Infinity;
  #lockedGroups = new Map<string, number>();
  #counts = { ready: 0, inflight: 0, delayed: 0 };

  get visible(): number {
    return this.#counts.ready;
  }
  get inflight(): number {
    return this.#counts.inflight;
  }
  get delayed(): number {
    return this.#counts.delayed;
  }

  add(m: StoredMessage, now: number): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: MC-order
    if (m.visibleAt > now) {
      // Stryker disable next-line StringLiteral: EQ-store
      m.state = 'delayed';
      this.#counts.delayed++;
      let i = this.#delayed.length;
      // Stryker disable next-line EqualityOperator: MC-order
      while (i > 0 && this.#delayed[i - 1]!.visibleAt > m.visibleAt) i--;
      this.#delayed.splice(i, 0, m);
    } else {
      m.state = 'ready';
      this.#counts.ready++;
      this.#ready.push(m);
    }
  }

  /** Brings the store up to `now`: due delayed messages become ready, expired in-flight ones come back. */
  settle(now: number): void {
    while (this.#delayed.length > 0 && this.#delayed[0]!.visibleAt <= now) {
      const m = this.#delayed.shift()!;
      m.state = 'ready';
      this.#counts.delayed--;
      this.#counts.ready++;
      this.#ready.push(m);
    }
    // Stryker disable next-line ConditionalExpression: EQ-store
    if (now < this.#nextInflightExpiry) return;
    let next = Infinity;
    for (const [handle, m] of this.#inflight) {
      if (m.visibleAt <= now) {
        this.#inflight.delete(handle);
        this.#unlock(m);
        m.state = 'ready';
        this.#counts.inflight--;
        this.#counts.ready++;
        let i = this.#returned.length;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: MC-order
        while (i > 0 && this.#returned[i - 1]!.seq > m.seq) i--;
        this.#returned.splice(i, 0, m);
      } else {
        next = Math.min(next, m.visibleAt);
      }
    }
    this.#nextInflightExpiry = next;
  }

  /**
   * Up to `max` receivable messages in order, without changing anything. Messages past
   * `retentionMs` are dropped on the way. On FIFO queues a group with a message in flight is skipped.
   */
  pick(max: number, now: number, retentionMs: number, fifo: boolean): StoredMessage[] {
    this.settle(now);
    const out: StoredMessage[] = [];
    const take = (m: StoredMessage): boolean => {
      // Stryker disable next-line all: EQ-store
      if (m.state !== 'ready') return false;
      if (m.sentAt + retentionMs <= now) {
        this.#drop(m);
        return false;
      }
      // Stryker disable next-line ConditionalExpression,LogicalOperator: EQ-same
      if (fifo && m.groupId !== undefined && this.#lockedGroups.has(m.groupId)) return false;
      out.push(m);
      return out.length >= max;
    };
    // Stryker disable next-line all: EQ-store
    this.#returned = this.#returned.filter((m) => m.state === 'ready');
    for (const m of this.#returned) if (take(m)) return out;
    // Stryker disable next-line CallExpression: EQ-store
    this.#compact();
    for (let i = this.#head; i < this.#ready.length; i++) {
      const m = this.#ready[i]!;
      if (inReadyArray(m) && take(m)) break;
    }
    return out;
  }

  /** Marks picked messages in flight until `now + visibilityMs`, each with a fresh receipt handle. */
  commit(ms: StoredMessage[], now: number, visibilityMs: number, handle: (m: StoredMessage) => string): void {
    for (const m of ms) {
      // Stryker disable next-line StringLiteral: EQ-store
      m.state = 'inflight';
      this.#counts.ready--;
      this.#counts.inflight++;
      m.receiveCount++;
      m.firstReceiveAt ??= now;
      m.visibleAt = now + visibilityMs;
      m.receiptHandle = handle(m);
      this.#inflight.set(m.receiptHandle, m);
      this.#nextInflightExpiry = Math.min(this.#nextInflightExpiry, m.visibleAt);
      // Stryker disable next-line ConditionalExpression: EQ-same
      if (m.groupId !== undefined) this.#lockedGroups.set(m.groupId, (this.#lockedGroups.get(m.groupId) ?? 0) + 1);
    }
    // A message received again from `returned` leaves it now: left there, it would be listed twice
    // when it comes back (seen with VisibilityTimeout 0: one message received twice in one call).
    this.#returned = this.#returned.filter((m) => m.state === 'ready');
  }

  /** Deletes the message a current receipt handle names; unknown handles are ignored (idempotent delete). */
  delete(receiptHandle: string): boolean {
    const m = this.#inflight.get(receiptHandle);
    if (!m) return false;
    this.#inflight.delete(receiptHandle);
    this.#unlock(m);
    // Stryker disable next-line StringLiteral: EQ-store
    m.state = 'gone';
    this.#counts.inflight--;
    return true;
  }

  purge(): void {
    // Stryker disable next-line StringLiteral: EQ-store
    for (const m of this.all()) m.state = 'gone';
    // Stryker disable next-line ArrayDeclaration: EQ-store
    this.#ready = [];
    this.#head = 0;
    // Stryker disable next-line ArrayDeclaration: EQ-store
    this.#returned = [];
    this.#delayed = [];
    this.#inflight.clear();
    this.#lockedGroups.clear();
    this.#nextInflightExpiry = Infinity;
    this.#counts = { ready: 0, inflight: 0, delayed: 0 };
  }

  /** Every stored message (for at-rest inspection), in no particular order. */
  *all(): Iterable<StoredMessage> {
    // Stryker disable next-line ConditionalExpression: EQ-store
    for (const m of this.#returned) if (m.state === 'ready') yield m;
    for (let i = this.#head; i < this.#ready.length; i++) if (inReadyArray(this.#ready[i]!)) yield this.#ready[i]!;
    yield* this.#delayed;
    yield* this.#inflight.values();
  }

  #drop(m: StoredMessage): void {
    // Stryker disable next-line StringLiteral: EQ-store
    m.state = 'gone';
    this.#counts.ready--;
  }

  #unlock(m: StoredMessage): void {
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (m.groupId === undefined) return;
    const n = (this.#lockedGroups.get(m.groupId) ?? 1) - 1;
    if (n <= 0) this.#lockedGroups.delete(m.groupId);
    else this.#lockedGroups.set(m.groupId, n);
  }

  // Stryker disable next-line BlockStatement: EQ-store
  #compact(): void {
    // Stryker disable next-line ConditionalExpression: EQ-store
    while (this.#head < this.#ready.length && !inReadyArray(this.#ready[this.#head]!)) this.#head++;
    // Stryker disable next-line all: EQ-store
    if (this.#head > 1024 && this.#head * 2 > this.#ready.length) {
      // Stryker disable next-line MethodExpression: EQ-store
      this.#ready = this.#ready.slice(this.#head);
      this.#head = 0;
    }
  }
}
