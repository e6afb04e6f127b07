/**
 * What `npm run bench` measures of each emulator target, and writes to test-targets/<name>/measured.json
 * (test-targets/measured.ts), which the target then reads:
 *  1. its bound for asynchronous effects (eventualMs): tries of each effect a clause waits for, run `parallel` at
 *     once as a run's clauses would: an SNS delivery into a subscribed queue after Publish, a key's refusal after
 *     DisableKey and its use again after EnableKey, a queue attribute after SetQueueAttributes. 0 when every try
 *     showed its effect at the first look; else a generous multiple of the longest delay, never below a floor;
 *  2. its default concurrency: a sample of the specification run at several concurrencies (each with the verdicts and
 *     deviations of the sample one clause at a time), the fewest clauses
 *     at once whose time is within 10 % of the fastest;
 *  3. a whole run at that concurrency (no real-time windows): its time, the requests it made, the time its
 *     clauses spent waiting, and its ratio to the serial floor (requests × the median latency of a request alone,
 *     from the sample run one clause at a time).
 */
import { CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { readBaseline } from '../src/baseline.js';
import type { Clause } from '../src/clause.js';
import type { Report } from '../src/report.js';
import { DEFAULT_SEED, runConformance } from '../src/runner.js';
import { clientOf } from '../src/services/registry.js';
import type { Clients, Target } from '../src/target.js';
import { type Measured, measuredFile, MeasuredSchema } from '../test-targets/measured.js';
import { targetModule } from '../test-targets/registry.js';

/** eventualMs = max(MULTIPLE × the longest delay seen, FLOOR_MS), rounded up to 50 ms. */
export const MULTIPLE = 10;
export const FLOOR_MS = 250;
/** A try whose effect has not shown after this long: the target does not show it at all (it does not check keys, say). */
const GIVE_UP_MS = 5_000;
const CONCURRENCIES = [1, 2, 3, 4, 6, 8];

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const loadNow = () => os.loadavg()[0]!.toFixed(2);
export const machine = () => `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;

type Effect = Measured['effects']['measured'][number];

/**
 * One effect, tried `tries` times by `parallel` workers at once: `setUp` gives each worker what it needs, `cause`
 * makes the change and returns what to look for, `look` says whether it shows yet. A first try that never shows
 * means the target does not show this effect: it is left out.
 */
async function effect<S>(
  name: string,
  tries: number,
  parallel: number,
  setUp: () => Promise<S>,
  cause: (s: S, n: number) => Promise<unknown>,
  look: (s: S, expected: unknown) => Promise<boolean>,
): Promise<Effect | undefined> {
  const delays: number[] = [];
  let immediate = 0;
  let never = false;
  let next = 0;
  const worker = async () => {
    const s = await setUp();
    for (let n = next++; n < tries && !never; n = next++) {
      const expected = await cause(s, n);
      const t0 = performance.now();
      for (let first = true; ; first = false) {
        if (await look(s, expected)) {
          if (first) immediate++;
          delays.push(first ? 0 : performance.now() - t0);
          break;
        }
        if (performance.now() - t0 > GIVE_UP_MS) {
          never = true;
          break;
        }
        await sleep(5);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  if (never && delays.length === 0) return undefined;
  if (never) throw new Error(`${name}: some tries showed the effect, one did not within ${GIVE_UP_MS} ms`);
  return { effect: name, immediate, medianMs: Math.round(median(delays)), maxMs: Math.round(Math.max(...delays)) };
}

/** The effects a clause of this target may wait for, measured. */
export async function measureEffects(target: Target, tries: number, parallel: number): Promise<Effect[]> {
  const c = (): Clients => target.clients(0);
  const services = target.capabilities.services;
  const out: Effect[] = [];
  const add = (e: Effect | undefined) => e && out.push(e);
  let q = 0;
  const queue = async (attributes: Record<string, string> = {}) =>
    (await c().sqs.send(new CreateQueueCommand({ QueueName: `bench-effects-${++q}`, Attributes: attributes }))).QueueUrl!;
  if (services.includes('sns') && services.includes('sqs')) {
    add(
      await effect(
        'SNS→SQS delivery after Publish',
        tries,
        parallel,
        async () => {
          const url = await queue();
          const { Attributes } = await c().sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
          const topic = (await c().sns.send(new CreateTopicCommand({ Name: `bench-effects-${++q}` }))).TopicArn!;
          await c().sns.send(
            new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: Attributes!.QueueArn!, Attributes: { RawMessageDelivery: 'true' } }),
          );
          return { url, topic, seen: new Set<string>() };
        },
        async (s, n) => {
          const body = `effect-${n}`;
          await c().sns.send(new PublishCommand({ TopicArn: s.topic, Message: body }));
          return body;
        },
        async (s, body) => {
          const { Messages } = await c().sqs.send(new ReceiveMessageCommand({ QueueUrl: s.url, MaxNumberOfMessages: 10 }));
          for (const m of Messages ?? []) s.seen.add(m.Body ?? '');
          if (Messages?.length)
            await c().sqs.send(
              new DeleteMessageBatchCommand({ QueueUrl: s.url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
            );
          return s.seen.has(body as string);
        },
      ),
    );
  }
  if (services.includes('kms')) {
    const refusal = async (keyId: string) => {
      try {
        await c().kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }));
        return false;
      } catch {
        return true;
      }
    };
    add(
      await effect(
        'KMS refusal after DisableKey',
        tries,
        parallel,
        async () => (await c().kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!,
        async (keyId) => {
          await c().kms.send(new EnableKeyCommand({ KeyId: keyId }));
          await c().kms.send(new DisableKeyCommand({ KeyId: keyId }));
          return undefined;
        },
        async (keyId) => refusal(keyId),
      ),
    );
    add(
      await effect(
        'KMS use again after EnableKey',
        tries,
        parallel,
        async () => (await c().kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!,
        async (keyId) => {
          await c().kms.send(new DisableKeyCommand({ KeyId: keyId }));
          await c().kms.send(new EnableKeyCommand({ KeyId: keyId }));
          return undefined;
        },
        async (keyId) => !(await refusal(keyId)),
      ),
    );
  }
  if (services.includes('sqs')) {
    add(
      await effect(
        'SQS attribute after SetQueueAttributes',
        tries,
        parallel,
        () => queue(),
        async (url, n) => {
          const value = String(31 + (n % 100));
          await c().sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: value } }));
          return value;
        },
        async (url, value) => {
          const { Attributes } = await c().sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }));
          return Attributes?.VisibilityTimeout === value;
        },
      ),
    );
  }
  return out;
}

/** The bound the effects give: 0 when every try of every effect showed at once. */
export function boundOf(effects: readonly Effect[], tries: number): number {
  if (effects.every((e) => e.immediate === tries)) return 0;
  const longest = Math.max(...effects.map((e) => e.maxMs));
  return Math.ceil(Math.max(MULTIPLE * longest, FLOOR_MS) / 50) * 50;
}

/** What a run asked of its target: requests (and their latencies), inspections, and the time its clauses waited. */
export interface RunStats {
  requests: number;
  /** Latencies of requests that do not wait by themselves (long-polling receives aside), ms. */
  latencies: number[];
  inspections: number;
  waitingMs: number;
}

/** Counts what a target is asked from now on (a middleware on each client, a wrapper on inspectQueue). */
export function instrument(target: Target): RunStats {
  const stats: RunStats = { requests: 0, latencies: [], inspections: 0, waitingMs: 0 };
  const clients = target.clients.bind(target);
  const seen = new WeakSet<object>();
  const t = target as { clients: Target['clients']; inspectQueue?: Target['inspectQueue'] };
  t.clients = (index?: number) => {
    const c = clients(index);
    if (!seen.has(c)) {
      seen.add(c);
      for (const service of target.capabilities.services) {
        const client = clientOf(c, service) as unknown as { middlewareStack: { add: (mw: unknown, o: object) => void } } | undefined;
        client?.middlewareStack.add(
          (next: (a: unknown) => Promise<unknown>) => async (args: { input?: { WaitTimeSeconds?: number } }) => {
            const t0 = performance.now();
            try {
              return await next(args);
            } finally {
              stats.requests++;
              if (!args.input?.WaitTimeSeconds) stats.latencies.push(performance.now() - t0);
            }
          },
          { step: 'initialize', priority: 'high', name: 'benchRequestCounter' },
        );
      }
    }
    return c;
  };
  if (target.inspectQueue) {
    const inspect = target.inspectQueue.bind(target);
    t.inspectQueue = (url: string) => {
      stats.inspections++;
      return inspect(url);
    };
  }
  return stats;
}

/** A run of some clauses on a fresh target of this name (its default options: no real-time windows), measured. */
export async function measuredRun(
  name: string,
  clauses: Clause[],
  opts: { concurrency?: number; runs?: number },
): Promise<{ report: Report; stats: RunStats; seconds: number; clausesSeconds: number }> {
  const m = targetModule(name);
  const target = m.create({});
  const stats = instrument(target);
  const all = Object.fromEntries(Object.entries(readBaseline(m.baseline!)));
  let first: number | undefined;
  const t0 = performance.now();
  const report = await runConformance(target, {
    clauses,
    seed: DEFAULT_SEED,
    baseline: all,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.runs ? { runs: opts.runs } : {}),
    onClauseStart: () => {
      first ??= performance.now();
    },
    onScenario: (e) => {
      stats.waitingMs += e.session.waitingMs;
    },
  });
  const end = performance.now();
  return { report, stats, seconds: (end - t0) / 1000, clausesSeconds: (end - (first ?? t0)) / 1000 };
}

/** Whether a run's verdicts are its baseline's: no failure, stale entry or error the baseline does not name. */
export const matchesBaseline = (r: Report) => !r.target.unavailable && r.summary.fail + r.summary['unexpected-pass'] + r.summary.error === 0;

/** What of a run is not as its baseline says, clause by clause (empty when it matches). */
export const offBaseline = (r: Report): string[] => [
  ...(r.target.unavailable ? [`target unavailable: ${r.target.unavailable}`] : []),
  ...r.clauses.filter((c) => c.verdict === 'fail' || c.verdict === 'unexpected-pass' || c.verdict === 'error').map((c) => `${c.id}: ${c.verdict}: ${c.reason}`),
];

/** A run's verdict and deviations, a line per clause: what must not change with the concurrency. */
export const verdictLines = (r: Report): string[] =>
  r.clauses.map((c) => `${c.id}: ${c.verdict}${(c.deviations ?? []).map((d) => `; ${d.signature}`).join('')}`);

/**
 * The concurrency to make by default: the fewest clauses at once within 10 % of the fastest, on a sample. The sample
 * makes fewer runs than a whole run, so it may miss a deviation the baseline names (a stale entry is no mismatch
 * here); what it must not do is fail or err where the baseline does not say so one clause at a time, nor give other
 * verdicts or deviations at any other concurrency than one clause at a time.
 */
export async function chooseConcurrency(
  name: string,
  sample: Clause[],
  runs: number,
): Promise<{ concurrency: number; trials: Measured['trials']; aloneMedianMs: number }> {
  const trials: Measured['trials'] = [];
  let aloneMedianMs = 0;
  let alone: string[] = [];
  for (const concurrency of CONCURRENCIES) {
    const r = await measuredRun(name, sample, { concurrency, runs });
    if (concurrency === 1) {
      const wrong = offBaseline(r.report).filter((line) => !line.includes(': unexpected-pass: '));
      if (wrong.length) throw new Error(`${name}: the sample run one clause at a time does not match the baseline:\n${wrong.join('\n')}`);
      alone = verdictLines(r.report);
      aloneMedianMs = median(r.stats.latencies);
    } else {
      const lines = verdictLines(r.report);
      const differ = lines.flatMap((line, i) => (line === alone[i] ? [] : [`${line}\n  one at a time: ${alone[i]}`]));
      if (r.report.target.unavailable || differ.length)
        throw new Error(
          `${name}: the sample run at concurrency ${concurrency} differs from one clause at a time:\n${[r.report.target.unavailable ?? '', ...differ].filter(Boolean).join('\n')}`,
        );
    }
    trials.push({ concurrency, seconds: Number(r.clausesSeconds.toFixed(1)) });
    process.stderr.write(`  ${name}: concurrency ${concurrency}: ${r.clausesSeconds.toFixed(1)} s\n`);
  }
  const fastest = Math.min(...trials.map((t) => t.seconds));
  const concurrency = trials.find((t) => t.seconds <= fastest * 1.1)!.concurrency;
  return { concurrency, trials, aloneMedianMs };
}

export function writeMeasured(m: Measured): void {
  writeFileSync(measuredFile(m.target), `${JSON.stringify(MeasuredSchema.parse(m), null, 2)}\n`);
}

export { median };
