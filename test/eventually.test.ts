/** Session.eventually: bounded by the target, probes get the time left, the wait shows on the step. */
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { Session } from '../src/session.js';
import type { Target } from '../src/target.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

function targetWithBound(eventualMs: number): Target {
  const ref = new ReferenceTarget();
  return {
    name: 'bounded',
    defaultRuns: 1,
    capabilities: { ...ref.capabilities, eventualMs },
    start: () => ref.start(),
    clients: (i) => ref.clients(i),
    dispose: async () => {},
  };
}

describe('Session.eventually', () => {
  it('probes once on a target whose effects are synchronous, and adds nothing to the step', async () => {
    const t = targetWithBound(0);
    await t.start();
    const s = new Session(t, 'ev');
    let probes = 0;
    const r = await s.eventually(
      async () => {
        await s.send(new ListQueuesCommand({}));
        return ++probes;
      },
      () => false,
    );
    expect([r, probes]).toEqual([1, 1]);
    expect(s.steps[0]!.observed.waited).toBeUndefined();
  });

  it('stops as soon as the condition holds, and says so on the last step', async () => {
    const t = targetWithBound(5_000);
    await t.start();
    const s = new Session(t, 'ev');
    let probes = 0;
    const started = Date.now();
    await s.eventually(
      async () => {
        await s.send(new ListQueuesCommand({}));
        return ++probes;
      },
      (n) => n === 2,
    );
    expect(probes).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(String(s.steps.at(-1)!.observed.waited)).toMatch(/of a 5 s bound, 2 polls, condition met/);
  });

  it('waits the whole bound for something that must not happen, giving each probe the time left', async () => {
    const t = targetWithBound(600);
    await t.start();
    const s = new Session(t, 'ev');
    const remaining: number[] = [];
    const started = Date.now();
    await s.eventually(
      async (left) => {
        remaining.push(left);
        await s.send(new ListQueuesCommand({}));
        return 0;
      },
      () => false,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(remaining[0]).toBe(600);
    expect(remaining.every((x, i) => i === 0 || x < remaining[i - 1]!)).toBe(true);
    expect(String(s.steps.at(-1)!.observed.waited)).toMatch(/of a 0\.6 s bound, \d+ polls, bound reached/);
  });
  it('keeps one step for a run of polls that saw the same thing, and the poll count on it', async () => {
    const t = targetWithBound(5_000);
    await t.start();
    const s = new Session(t, 'ev');
    await s.send(new ListQueuesCommand({ QueueNamePrefix: 'before' }));
    let probes = 0;
    await s.eventually(
      async () => {
        await s.send(new ListQueuesCommand({}));
        return ++probes;
      },
      (n) => n === 4,
    );
    expect(probes).toBe(4);
    expect(s.steps.map((st) => st.input)).toEqual([{ QueueNamePrefix: 'before' }, {}]);
    expect(String(s.steps.at(-1)!.observed.waited)).toMatch(/4 polls, condition met/);
  });
});
