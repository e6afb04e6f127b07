/**
 * Runs a run's clauses concurrently against one target (src/runner.ts). At most `concurrency` run at once, the
 * earliest in clause order first; a clause that mostly sleeps (a real-time data-key window) runs beside them
 * without taking a place. Clauses that share account-wide state (src/shared-state.ts) keep their clause order
 * where one of them holds it exclusively: such a clause starts only once every earlier clause it conflicts with
 * has ended. Results are handed on in clause order, whatever order they end in, so that the console and the
 * report read the same at any concurrency.
 */
import { conflict, type Share } from './shared-state.js';

export interface Job {
  /** Account-wide state it shares. */
  readonly shares?: readonly Share[] | undefined;
  /** It mostly sleeps (a real-time window): it runs beside the others without taking one of the places. */
  readonly sleeper?: boolean;
}

export interface ScheduleOptions<R> {
  /** Most jobs at once (sleepers aside); at least 1. */
  concurrency: number;
  run: (index: number) => Promise<R>;
  /** Each result, in job order. */
  done?: (result: R, index: number) => void;
}

/**
 * Runs every job and returns their results in job order. When a job throws, no other starts; the error is
 * thrown once the running ones have ended.
 */
export function schedule<R>(jobs: readonly Job[], opts: ScheduleOptions<R>): Promise<R[]> {
  const n = jobs.length;
  const limit = Math.max(1, Math.floor(opts.concurrency));
  // The earlier jobs each one must wait for.
  const after = jobs.map((job, j) => jobs.slice(0, j).flatMap((other, i) => (conflict(other.shares, job.shares) ? [i] : [])));
  const state: ('pending' | 'running' | 'ended')[] = jobs.map(() => 'pending');
  const results: R[] = new Array<R>(n);
  let busy = 0;
  let running = 0;
  let handed = 0;
  let failure: { error: unknown } | undefined;
  return new Promise<R[]>((resolve, reject) => {
    const finish = () => {
      if (running > 0) return;
      if (failure) reject(failure.error);
      else if (handed === n) resolve(results);
    };
    const handOn = () => {
      while (!failure && handed < n && state[handed] === 'ended') {
        const i = handed++;
        try {
          opts.done?.(results[i]!, i);
        } catch (e) {
          failure ??= { error: e };
        }
      }
    };
    const start = (j: number) => {
      const sleeper = jobs[j]!.sleeper === true;
      state[j] = 'running';
      running++;
      if (!sleeper) busy++;
      let promise: Promise<R>;
      try {
        promise = opts.run(j);
      } catch (e) {
        promise = Promise.reject(e);
      }
      promise.then(
        (r) => {
          results[j] = r;
          state[j] = 'ended';
          running--;
          if (!sleeper) busy--;
          handOn();
          pump();
        },
        (e: unknown) => {
          failure ??= { error: e };
          state[j] = 'ended';
          running--;
          if (!sleeper) busy--;
          pump();
        },
      );
    };
    const pump = () => {
      if (!failure)
        for (let j = 0; j < n; j++) {
          if (state[j] !== 'pending') continue;
          if (!jobs[j]!.sleeper && busy >= limit) continue; // a later sleeper may still start
          if (after[j]!.some((i) => state[i] !== 'ended')) continue;
          start(j);
        }
      finish();
    };
    pump();
  });
}
