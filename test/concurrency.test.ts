/**
 * Clauses run concurrently against one target (src/runner.ts, src/schedule.ts): the same seed gives the same
 * report at any concurrency, durations aside, and a target that stops answering ends the run as it does one
 * clause at a time: nothing starts after, and the rest are not run. In process, on the reference model: as a
 * target it runs one clause at a time (its virtual clock), so a target of its clients without that clock stands
 * in for an emulator, with requests that yield to others at varying points.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { DEFAULT_SEED, runConformance } from '../src/runner.js';
import { services } from '../src/services/registry.js';
import { loadClauses } from '../src/spec-loader.js';
import { type Clients, concurrencyOf, type Target } from '../src/target.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const clauses = await loadClauses();

/** The reference's clients without its clock, each request yielding to the event loop a varying number of times. */
function clockless(opts: { failAfter?: number } = {}): Target & { requests: number; failed: number } {
  const ref = new ReferenceTarget();
  const decorated = new WeakSet<Clients>();
  const t = {
    name: 'reference-without-clock',
    defaultRuns: 25,
    capabilities: { ...ref.capabilities, virtualClock: false },
    requests: 0,
    failed: 0,
    start: () => ref.start(),
    dispose: () => ref.dispose(),
    inspectQueue: (url: string) => ref.inspectQueue(url),
    clients(i = 0): Clients {
      const c = ref.clients(i);
      if (!decorated.has(c)) {
        decorated.add(c);
        for (const s of services()) {
          (c as unknown as Record<string, { middlewareStack: { add: (mw: unknown, o: object) => void } }>)[s.name]!.middlewareStack.add(
            (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
              const n = ++t.requests;
              for (let k = 0; k < n % 4; k++) await new Promise((r) => setImmediate(r));
              if (opts.failAfter !== undefined && n > opts.failAfter) {
                t.failed++;
                throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
              }
              return next(args);
            },
            { step: 'initialize', priority: 'high', name: 'yieldAndFail' },
          );
        }
      }
      return c;
    },
  };
  return t;
}

/** A report without what differs from run to run: when, and how long. */
const comparable = (r: Report) => ({
  ...r,
  startedAt: '',
  durationMs: 0,
  clauses: r.clauses.map((c) => ({ ...c, durationMs: 0 })),
});

describe('clauses at once', () => {
  it('the same seed gives the same report at concurrency 1 and 4, durations aside', async () => {
    const at = async (concurrency: number) => {
      // The first clause is handed on the moment it ends: a later one that started before that ran beside it.
      let beside = 0;
      let firstEnded = false;
      const report = await runConformance(clockless(), {
        clauses,
        seed: DEFAULT_SEED,
        runs: 5,
        concurrency,
        prefix: 'c',
        onClauseStart: (_c, i) => {
          if (i > 0 && !firstEnded) beside++;
        },
        onClauseEnd: (_r, i) => {
          if (i === 0) firstEnded = true;
        },
      });
      return { report: comparable(report), beside };
    };
    const one = await at(1);
    const four = await at(4);
    expect(one.report.clauses.filter((c) => c.verdict === 'pass').length).toBeGreaterThan(50); // it did run
    // One at a time, only the clauses of real-time windows start beside it (here not observable: no clock, no waiting).
    const sleepers = clauses.filter((c) => c.requires?.includes('timeWindows')).length;
    expect(one.beside).toBe(sleepers);
    expect(four.beside).toBeGreaterThanOrEqual(sleepers + 3);
    expect(four.report).toEqual(one.report);
  }, 120_000);

  it('a target that cannot take two requests at once runs every clause alone, real-time window clauses too', async () => {
    let beside = 0;
    let firstEnded = false;
    const alone = Object.assign(clockless(), { concurrencyLimit: { max: 1, alone: true, reason: 'it crashes' } });
    await runConformance(alone, {
      clauses,
      seed: DEFAULT_SEED,
      runs: 2,
      concurrency: 4,
      prefix: 'a',
      onClauseStart: (_c, i) => {
        if (i > 0 && !firstEnded) beside++;
      },
      onClauseEnd: (_r, i) => {
        if (i === 0) firstEnded = true;
      },
    });
    expect(clauses.some((c) => c.requires?.includes('timeWindows'))).toBe(true);
    expect(beside).toBe(0);
  }, 120_000);

  it('on the reference, one at a time whatever is asked: its virtual clock is every clause’s', async () => {
    const ref = new ReferenceTarget();
    expect(concurrencyOf(ref, 4)).toBe(1);
    const few = clauses.filter((c) => c.id.startsWith('sqs.sse-kms.') || c.id.startsWith('kms.aws-managed-keys.'));
    const at = async (concurrency: number) => comparable(await runConformance(new ReferenceTarget(), { clauses: few, seed: 7, runs: 5, concurrency }));
    expect(await at(4)).toEqual(await at(1));
  }, 60_000);

  it('hands results on in clause order, whichever ends first', async () => {
    const ended: number[] = [];
    await runConformance(clockless(), { clauses: clauses.slice(0, 30), runs: 3, concurrency: 6, onClauseEnd: (_r, i) => ended.push(i) });
    expect(ended).toEqual([...Array(30).keys()]);
  }, 60_000);

  it('a target that stops answering: no clause starts after, the rest are not run, one probe', async () => {
    const t = clockless({ failAfter: 300 });
    const concurrency = 4;
    let broke = false;
    const startedAfter: string[] = [];
    const report = await runConformance(t, {
      clauses,
      runs: 5,
      concurrency,
      onClauseStart: (c) => {
        if (broke) startedAfter.push(c.id);
      },
      onClauseEnd: (r) => {
        if (r.verdict === 'error') broke = true;
      },
    });
    expect(report.target.unavailable).toMatch(/^target reference-without-clock stopped answering during /);
    const errors = report.clauses.filter((c) => c.verdict === 'error');
    // The clauses under way when it stopped: each met it once; then one probe, and nothing more.
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBeLessThanOrEqual(concurrency);
    expect(t.failed).toBe(errors.length + 1);
    const first = report.clauses.findIndex((c) => c.verdict === 'error');
    const notRun = report.clauses.filter((c) => c.reason?.startsWith('not run: target reference-without-clock stopped answering during'));
    expect(notRun.length).toBeGreaterThan(50);
    expect(report.clauses.slice(first).every((c) => c.verdict === 'error' || notRun.includes(c) || c.runs > 0 || c.verdict === 'not-observable')).toBe(true);
    // Each clause started after the one that found the target gone is reported not run.
    for (const id of startedAfter) {
      const c = report.clauses.find((x) => x.id === id)!;
      if (c.verdict !== 'error') expect(c.reason, id).toMatch(/^not run: /);
    }
  }, 60_000);
});
