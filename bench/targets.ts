/**
 * Benchmarks of the harness against moto (issue 4), measured side by side in one run:
 *  1. the harness's calls (Session: normalisation, transcript, symbols) vs a plain SDK loop;
 *  2. moto's SQS as a queue fills, and whether a long run stays as fast per request as a short one
 *     (scenarios use fresh queues and delete them, so it should).
 * The whole runs of each emulator are in ./measure.ts.
 */
import { CreateQueueCommand, DeleteQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { readBaseline } from '../src/baseline.js';
import type { Clause } from '../src/clause.js';
import { DEFAULT_SEED, runConformance } from '../src/runner.js';
import { Session } from '../src/session.js';
import { baselineFile } from '../test-targets/registry.js';
import { MotoTarget } from '../test-targets/moto/moto-target.js';
import type { Row } from './reference.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchHarness(clauses: Clause[]): Promise<Row[]> {
  const rows: Row[] = [];
  // 1. Harness overhead against moto: the same SendMessage calls, raw and through a Session,
  //    each on its own fresh queue (moto slows down as a queue fills), in alternating order.
  const moto = new MotoTarget();
  await moto.start();
  const c = moto.clients(0);
  const n = 200;
  let q = 0;
  const freshQueue = async () => (await c.sqs.send(new CreateQueueCommand({ QueueName: `bench-overhead-${++q}` }))).QueueUrl!;
  const raw = async () => {
    const url = await freshQueue();
    const t = performance.now();
    for (let i = 0; i < n; i++) await c.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `m${i}` }));
    const ms = performance.now() - t;
    await c.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    return ms;
  };
  const harness = async () => {
    const url = await freshQueue();
    const s = new Session(moto, 'bench');
    const t = performance.now();
    for (let i = 0; i < n; i++) await s.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `m${i}` }));
    const ms = performance.now() - t;
    await c.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    return ms;
  };
  await raw();
  await harness();
  const ratios: number[] = [];
  for (let r = 0; r < 8; r++) {
    // Alternate which goes first, so that drift on the shared machine falls on both sides.
    const first = r % 2 === 0 ? await raw() : await harness();
    const second = r % 2 === 0 ? await harness() : await raw();
    ratios.push(r % 2 === 0 ? second / first : first / second);
  }
  const overhead = median(ratios);
  rows.push({
    name: 'Harness calls on moto / plain SDK loop (SendMessage × 200, fresh queue each)',
    value: overhead.toFixed(3),
    target: '≤ 1.10',
    ok: overhead <= 1.1,
  });

  // 2a. moto's SQS as a queue fills: SendMessage at depth 0 vs depth 1,000.
  const fill = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'bench-deep' }))).QueueUrl!;
  const timeSends = async (q: string, k: number) => {
    const t = performance.now();
    for (let i = 0; i < k; i++) await c.sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x' }));
    return (performance.now() - t) / k;
  };
  const shallowUrl = (await c.sqs.send(new CreateQueueCommand({ QueueName: 'bench-shallow' }))).QueueUrl!;
  const atZero = await timeSends(shallowUrl, 100);
  for (let i = 0; i < 10; i++) await timeSends(fill, 100);
  const atDepth = await timeSends(fill, 100);
  rows.push({
    name: 'moto SendMessage time per request: depth 1,000 / depth ~0 (why scenarios use fresh queues)',
    value: (atDepth / atZero).toFixed(2),
    target: 'report',
    ok: true,
  });
  await moto.dispose();

  // 2b. A long moto run (3 rounds on one server) vs a short one.
  const long = new MotoTarget();
  await long.start();
  const perRequest: number[] = [];
  for (let round = 0; round < 3; round++) {
    let calls = 0;
    const t = performance.now();
    const report = await runConformance(
      {
        ...long,
        name: long.name,
        capabilities: long.capabilities,
        clients: (i?: number) => long.clients(i),
        defaultRuns: long.defaultRuns,
        start: async () => {},
        dispose: async () => {},
      },
      {
        clauses: clauses.filter((x) => x.id.startsWith('sqs.')),
        seed: DEFAULT_SEED,
        runs: 10,
        baseline: readBaseline(baselineFile('moto')!),
        concurrency: long.defaultConcurrency,
      }, // the same work each round
    );
    for (const r of report.clauses) calls += r.runs;
    perRequest.push((performance.now() - t) / Math.max(1, calls));
  }
  await long.dispose();
  const drift = perRequest[2]! / perRequest[0]!;
  rows.push({
    name: 'moto: time per generated run, third round / first round on one server (long vs short run)',
    value: drift.toFixed(2),
    target: '≤ 1.25',
    ok: drift <= 1.25,
  });
  return rows;
}
