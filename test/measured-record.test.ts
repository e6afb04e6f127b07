/**
 * An emulator target takes its bound and default concurrency from its measurement (test-targets/<name>/measured.json,
 * test-targets/measured.ts); one never measured runs one clause at a time with the bound it was given by hand, and
 * says so (the CLI prints `concurrencyNote`).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concurrencyOf } from '../src/target.js';
import { EmulatorTarget } from '../test-targets/emulator-target.js';
import { measured, measuredFile, MeasuredSchema, readMeasured } from '../test-targets/measured.js';
import { moto } from '../test-targets/moto/moto-emulator.js';
import { TARGET_MODULES } from '../test-targets/registry.js';

describe('an emulator never measured', () => {
  const m = measured('never-measured', 1_500);
  it('runs one clause at a time with the bound set by hand, and says why and how to measure it', () => {
    expect(m.concurrency).toBe(1);
    expect(m.eventualMs).toBe(1_500);
    expect(m.unmeasured).toContain('test-targets/never-measured/measured.json');
    expect(m.unmeasured).toContain('npm run bench -- --targets never-measured');
  });
  it('makes a target whose default is one clause at a time, with the note the CLI prints', () => {
    const t = new EmulatorTarget({ name: 'never-measured', parts: [{ emulator: moto(), serves: ['sqs'] }], measured: m });
    expect(t.defaultConcurrency).toBe(1);
    expect(t.capabilities.eventualMs).toBe(1_500);
    expect(t.concurrencyNote).toBe(m.unmeasured);
    expect(concurrencyOf(t)).toBe(1);
    expect(concurrencyOf(t, 4), 'a concurrency asked for is taken').toBe(4);
  });
});

describe('a measured emulator', () => {
  const measuredTargets = TARGET_MODULES.filter((t) => existsSync(measuredFile(t.name)));
  it('moto is measured', () => expect(measuredTargets.map((t) => t.name)).toContain('moto'));
  it.each(measuredTargets.map((t) => [t.name] as const))('%s: its target takes the record as it is, and says nothing more', (name) => {
    const record = readMeasured(name);
    expect(record.target).toBe(name);
    const t = TARGET_MODULES.find((x) => x.name === name)!.create({});
    expect(t.capabilities.eventualMs).toBe(record.eventualMs);
    expect(t.defaultConcurrency).toBe(record.concurrency);
    expect(t.concurrencyNote).toBeUndefined();
    // A target's own limit, with its reason, caps what was measured (fakecloud's S3 at 2 clauses at once).
    expect(concurrencyOf(t)).toBe(Math.min(record.concurrency, t.concurrencyLimit?.max ?? record.concurrency));
    if (t.concurrencyLimit) expect(t.concurrencyLimit.reason).not.toBe('');
    // The concurrency chosen is one of those tried, the fewest within 10 % of the fastest.
    const fastest = Math.min(...record.trials.map((x) => x.seconds));
    expect(record.trials.find((x) => x.seconds <= fastest * 1.1)?.concurrency).toBe(record.concurrency);
  });
  it('a malformed record is refused', () => {
    const record = readMeasured('moto');
    expect(MeasuredSchema.safeParse({ ...record, concurrency: 0 }).success).toBe(false);
    expect(MeasuredSchema.safeParse({ ...record, eventualMs: -1 }).success).toBe(false);
    expect(MeasuredSchema.safeParse({ ...record, extra: 1 }).success).toBe(false);
  });
});
