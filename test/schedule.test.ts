/** src/schedule.ts: how many clauses at once, in what order, what waits for what, and results in clause order. */
import { describe, expect, it } from 'vitest';
import { schedule, type Job } from '../src/schedule.js';
import { conflict, type Share } from '../src/shared-state.js';

/** Runs jobs that each take `ms[i]` ms and records when each started and ended (in ticks of an event log). */
async function trace(jobs: Job[], ms: number[], concurrency: number) {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const handed: number[] = [];
  const results = await schedule(jobs, {
    concurrency,
    run: async (i) => {
      log.push(`start ${i}`);
      running += jobs[i]!.sleeper ? 0 : 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, ms[i]));
      running -= jobs[i]!.sleeper ? 0 : 1;
      log.push(`end ${i}`);
      return `r${i}`;
    },
    done: (r, i) => {
      expect(r).toBe(`r${i}`);
      handed.push(i);
    },
  });
  const at = (e: string) => log.indexOf(e);
  return { log, most, handed, results, at };
}

const uses: Share = 'aws-managed-keys';
const holds: Share = { state: 'aws-managed-keys', exclusive: true };

describe('schedule', () => {
  it('runs at most `concurrency` at once and hands every result on in job order', async () => {
    const t = await trace(
      Array.from({ length: 8 }, () => ({})),
      [40, 5, 30, 5, 20, 5, 10, 5],
      3,
    );
    expect(t.most).toBe(3);
    expect(t.results).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    expect(t.handed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(t.at('end 1')).toBeLessThan(t.at('end 0')); // they did end out of order
  });

  it('at concurrency 1, one after another in job order', async () => {
    const t = await trace([{}, {}, {}], [10, 1, 5], 1);
    expect(t.log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('starts a sleeper at once, beside the others, without taking a place', async () => {
    const t = await trace([{}, {}, { sleeper: true }, {}], [20, 20, 60, 5], 1);
    expect(t.at('start 2')).toBeLessThan(t.at('end 0'));
    expect(t.most).toBe(1);
    expect(t.handed).toEqual([0, 1, 2, 3]);
  });

  it('keeps clause order where a shared state is held exclusively, and runs its users together', async () => {
    // 0 uses, 1 holds, 2 and 3 use, 4 shares nothing
    const jobs: Job[] = [{ shares: [uses] }, { shares: [holds] }, { shares: [uses] }, { shares: [uses] }, {}];
    const t = await trace(jobs, [30, 10, 30, 30, 5], 4);
    expect(t.at('start 1')).toBeGreaterThan(t.at('end 0')); // the holder after every earlier user
    expect(t.at('start 2')).toBeGreaterThan(t.at('end 1')); // later users after the holder
    expect(t.at('start 3')).toBeGreaterThan(t.at('end 1'));
    expect(t.at('start 3')).toBeLessThan(t.at('end 2')); // users together
    expect(t.at('start 4')).toBeLessThan(t.at('end 0')); // one that shares nothing does not wait
    expect(t.handed).toEqual([0, 1, 2, 3, 4]);
  });

  it('two holders of one state run one after the other, in order', async () => {
    const t = await trace([{ shares: [holds] }, { shares: [holds] }], [20, 1], 2);
    expect(t.log).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
  });

  it('starts nothing more once a job throws, and throws once the running ones have ended', async () => {
    const started: number[] = [];
    let ended = 0;
    const run = schedule(
      Array.from({ length: 6 }, () => ({})),
      {
        concurrency: 2,
        run: async (i) => {
          started.push(i);
          await new Promise((r) => setTimeout(r, i === 0 ? 5 : 30));
          ended++;
          if (i === 0) throw new Error('harness bug');
          return i;
        },
      },
    );
    await expect(run).rejects.toThrow('harness bug');
    expect(started).toEqual([0, 1]);
    expect(ended).toBe(2);
  });

  it('conflict: only a shared state held exclusively by one of the two', () => {
    expect(conflict([uses], [uses])).toBe(false);
    expect(conflict([uses], [holds])).toBe(true);
    expect(conflict([holds], [holds])).toBe(true);
    expect(conflict(undefined, [holds])).toBe(false);
  });
});
