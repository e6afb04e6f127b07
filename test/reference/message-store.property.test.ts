/**
 * The message store against a naive restatement of its rules (clause-independent, issue 14).
 *
 * Why not a clause: visibility timeouts, delays, retention, deletion and FIFO group locking are SQS
 * queue mechanics, not encryption; the specification states them only where SSE touches them, yet
 * every clause that sends and receives relies on them. The store is built for speed (a send-order
 * array with a moving head, a separate list of returned messages, counters kept by hand); this
 * property holds it to the plain rules over generated sequences of sends, receives, deletes, time
 * passing and purges: what a receive may return, how many it returns, FIFO order within a group, and
 * the counts GetQueueAttributes reports. Examples follow for sequences the generator meets too
 * rarely (several messages back at once, expiry met in the middle of a scan, a group with two
 * messages in flight, a purge while a group is locked).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageStore, type StoredMessage } from '../../reference/message-store.js';

const SECOND = 1000;

type Op =
  | { op: 'send'; delay: number; group: number }
  | { op: 'receive'; max: number; visibility: number }
  | { op: 'delete'; pick: number }
  | { op: 'advance'; ms: number }
  | { op: 'purge' };

const opArb = (fifo: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('send' as const),
        delay: fifo ? fc.constant(0) : fc.constantFrom(0, 0, 1, 3),
        group: fc.integer({ min: 0, max: 2 }),
      }),
    },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('receive' as const), max: fc.integer({ min: 1, max: 3 }), visibility: fc.constantFrom(0, 1, 2, 5) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.constantFrom(0, 500, 1000, 2000, 4000) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const) }) },
  );

const scenarioArb = fc
  .boolean()
  .chain((fifo) =>
    fc.record({ fifo: fc.constant(fifo), retention: fc.constantFrom(6 * SECOND, 3_600 * SECOND), ops: fc.array(opArb(fifo), { minLength: 1, maxLength: 40 }) }),
  );

/** The plain rules, over every message ever sent. */
interface Naive {
  seq: number;
  group: string | undefined;
  sentAt: number;
  visibleAt: number;
  received: boolean;
  gone: boolean;
  handle?: string;
}

it('the message store keeps the plain rules of receive, delete, visibility, delay, retention and FIFO groups', () => {
  fc.assert(
    fc.property(scenarioArb, ({ fifo, retention, ops }) => {
      const store = new MessageStore();
      const naive: Naive[] = [];
      const stored = new Map<number, StoredMessage>();
      const handles: string[] = [];
      let now = 1_000_000;
      let seq = 0;
      let n = 0;
      const expired = (m: Naive) => m.sentAt + retention <= now;
      const inflight = (m: Naive) => !m.gone && m.received && m.visibleAt > now;
      const locked = (g: string | undefined) => fifo && g !== undefined && naive.some((m) => m.group === g && inflight(m));
      const eligible = () => naive.filter((m) => !m.gone && m.visibleAt <= now && !expired(m) && !locked(m.group));

      for (const o of ops) {
        if (o.op === 'send') {
          const s = ++seq;
          const group = fifo ? `g${o.group}` : undefined;
          const m: StoredMessage = {
            messageId: `m${s}`,
            seq: s,
            body: 'b',
            envelope: { kind: 'plaintext' },
            md5OfBody: '',
            senderId: 'p',
            sentAt: now,
            visibleAt: now + o.delay * SECOND,
            receiveCount: 0,
            state: 'ready',
            ...(group ? { groupId: group } : {}),
          };
          store.add(m, now);
          stored.set(s, m);
          naive.push({ seq: s, group, sentAt: now, visibleAt: m.visibleAt, received: false, gone: false });
        } else if (o.op === 'receive') {
          const allowed = eligible();
          const picked = store.pick(o.max, now, retention, fifo);
          const ids = picked.map((m) => m.seq);
          // Only eligible messages, each once, as many as allowed up to max.
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(allowed.map((m) => m.seq)).toContain(id);
          expect(ids.length).toBe(Math.min(o.max, allowed.length));
          // FIFO: within a group, the oldest eligible messages, in order.
          if (fifo) {
            for (const g of new Set(picked.map((m) => m.groupId))) {
              const mine = ids.filter((id) => stored.get(id)!.groupId === g);
              const oldest = allowed
                .filter((m) => m.group === g)
                .map((m) => m.seq)
                .sort((a, b) => a - b)
                .slice(0, mine.length);
              expect(mine).toEqual(oldest);
            }
          }
          store.commit(picked, now, o.visibility * SECOND, (m) => `h${m.seq}.${++n}`);
          for (const m of picked) {
            const x = naive.find((y) => y.seq === m.seq)!;
            x.received = true;
            x.visibleAt = now + o.visibility * SECOND;
            x.handle = m.receiptHandle;
            handles.push(m.receiptHandle!);
          }
          // A receive drops the messages past retention that it meets (lazily): only those may vanish.
          for (const x of naive) {
            if (x.gone || stored.get(x.seq)!.state !== 'gone') continue;
            expect(expired(x), `message ${x.seq} vanished before its retention period ended`).toBe(true);
            x.gone = true;
          }
        } else if (o.op === 'delete') {
          if (handles.length === 0) continue;
          const h = handles[o.pick % handles.length]!;
          const x = naive.find((m) => m.handle === h);
          const deletable = x !== undefined && inflight(x);
          store.settle(now);
          expect(store.delete(h)).toBe(deletable);
          if (deletable) x!.gone = true;
        } else if (o.op === 'advance') {
          now += o.ms;
          store.settle(now);
        } else {
          store.purge();
          for (const x of naive) x.gone = true;
        }
        // The counts GetQueueAttributes shows (it settles first).
        store.settle(now);
        expect(store.inflight).toBe(naive.filter(inflight).length);
        expect(store.delayed).toBe(naive.filter((m) => !m.gone && !m.received && m.visibleAt > now).length);
        expect(store.visible).toBe(naive.filter((m) => !m.gone && m.visibleAt <= now).length);
        // At-rest inspection sees every message not gone, once.
        expect([...store.all()].map((m) => m.seq).sort((a, b) => a - b)).toEqual(naive.filter((m) => !m.gone).map((m) => m.seq));
      }
    }),
    { numRuns: 300 },
  );
});

/** Examples of the same rules in sequences too specific for the generator to meet often. */
describe('queue mechanics, by example', () => {
  const make = (seq: number, now: number, group?: string): StoredMessage => ({
    messageId: `m${seq}`,
    seq,
    body: 'b',
    envelope: { kind: 'plaintext' },
    md5OfBody: '',
    senderId: 'p',
    sentAt: now,
    visibleAt: now,
    receiveCount: 0,
    state: 'ready',
    ...(group ? { groupId: group } : {}),
  });
  const T = 1_000_000;
  const HOUR = 3_600 * SECOND;
  const receive = (store: MessageStore, max: number, now: number, visibilityMs: number, fifo = false, retentionMs = HOUR) => {
    const picked = store.pick(max, now, retentionMs, fifo);
    store.commit(picked, now, visibilityMs, (m) => `h${m.seq}.${now}`);
    return picked.map((m) => m.seq);
  };
  const seqs = (store: MessageStore) => [...store.all()].map((m) => m.seq).sort((a, b) => a - b);

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
  it('each in-flight message becomes visible again when its own visibility timeout ends', () => {
    const store = new MessageStore();
    for (const s of [1, 2, 3]) store.add(make(s, T), T);
    expect(receive(store, 1, T, 5 * SECOND)).toEqual([1]);
    expect(receive(store, 1, T, 1 * SECOND)).toEqual([2]);
    expect(receive(store, 1, T, 2 * SECOND)).toEqual([3]);
    expect(receive(store, 10, T + 1 * SECOND, 10 * SECOND)).toEqual([2]);
    expect(receive(store, 10, T + 2 * SECOND, 10 * SECOND)).toEqual([3]);
    expect(receive(store, 10, T + 5 * SECOND, 10 * SECOND)).toEqual([1]);
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html
  it('each delayed message becomes receivable when its own delay ends, also one sent after a message with a longer delay', () => {
    const store = new MessageStore();
    store.add({ ...make(1, T), visibleAt: T + 3 * SECOND }, T);
    store.add({ ...make(2, T), visibleAt: T + 1 * SECOND }, T);
    expect(receive(store, 10, T, 30 * SECOND)).toEqual([]);
    expect(receive(store, 10, T + 1 * SECOND, 30 * SECOND)).toEqual([2]);
    expect(receive(store, 10, T + 3 * SECOND, 30 * SECOND)).toEqual([1]);
  });

  it('messages that came back and were not received in one call stay receivable', () => {
    const store = new MessageStore();
    for (const s of [1, 2]) store.add(make(s, T), T);
    expect(receive(store, 1, T, 3 * SECOND)).toEqual([1]);
    expect(receive(store, 1, T, 1 * SECOND)).toEqual([2]);
    store.settle(T + 1 * SECOND);
    expect(store.visible).toBe(1);
    store.settle(T + 3 * SECOND);
    expect(store.visible).toBe(2);
    const first = receive(store, 1, T + 3 * SECOND, 10 * SECOND);
    const second = receive(store, 1, T + 3 * SECOND, 10 * SECOND);
    expect([...first, ...second].sort()).toEqual([1, 2]);
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-queue-parameters.html (message retention period)
  it('a receive that scans the whole queue deletes every visible message past the retention period', () => {
    const store = new MessageStore();
    for (const s of [1, 2, 3]) store.add(make(s, T), T);
    expect(receive(store, 1, T, 1 * SECOND, false, 6 * SECOND)).toEqual([1]);
    store.add(make(4, T + 5 * SECOND), T + 5 * SECOND);
    // At T + 6 s messages 1 to 3 are past retention (1 came back); 4 is not.
    expect(receive(store, 10, T + 6 * SECOND, 1 * SECOND, false, 6 * SECOND)).toEqual([4]);
    store.settle(T + 6 * SECOND);
    expect(seqs(store)).toEqual([4]);
    expect(store.visible + store.inflight).toBe(1);
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
  it('a FIFO message group stays locked while any of its received messages is in flight', () => {
    const store = new MessageStore();
    for (const s of [1, 2, 3]) store.add(make(s, T, 'g'), T);
    const picked = store.pick(2, T, HOUR, true);
    store.commit(picked, T, 10 * SECOND, (m) => `h${m.seq}`);
    expect(picked.map((m) => m.seq)).toEqual([1, 2]);
    expect(store.delete('h1')).toBe(true);
    expect(receive(store, 10, T, 10 * SECOND, true)).toEqual([]);
    expect(store.delete('h2')).toBe(true);
    expect(receive(store, 10, T, 10 * SECOND, true)).toEqual([3]);
  });

  it('a locked FIFO group does not hold back the messages of other groups', () => {
    const store = new MessageStore();
    store.add(make(1, T, 'a'), T);
    store.add(make(2, T, 'a'), T);
    store.add(make(3, T, 'b'), T);
    expect(receive(store, 1, T, 10 * SECOND, true)).toEqual([1]);
    expect(receive(store, 10, T, 10 * SECOND, true)).toEqual([3]);
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
  it('PurgeQueue deletes in-flight messages too, so their FIFO group is no longer locked', () => {
    const store = new MessageStore();
    store.add(make(1, T, 'g'), T);
    expect(receive(store, 1, T, 30 * SECOND, true)).toEqual([1]);
    store.purge();
    store.add(make(2, T, 'g'), T);
    expect(receive(store, 1, T, 30 * SECOND, true)).toEqual([2]);
  });
});
