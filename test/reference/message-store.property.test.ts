/**
 * The message store against a naive restatement of its rules (clause-independent, issue 14).
 *
 * Why not a clause: visibility timeouts, delays, retention, deletion and FIFO group locking are SQS
 * queue mechanics, not encryption; the specification states them only where SSE touches them, yet
 * every clause that sends and receives relies on them. The store is built for speed (a send-order
 * array with a moving head, a separate list of returned messages, counters kept by hand); this
 * property holds it to the plain rules over generated sequences of sends, receives, deletes, time
 * passing and purges: what a receive may return, how many it returns, FIFO order within a group, and
 * the counts GetQueueAttributes reports.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
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
