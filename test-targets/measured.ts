/**
 * What `npm run bench` measured of an emulator target (bench/measure.ts), kept beside it in
 * test-targets/<name>/measured.json, which the target reads instead of a constant of its own:
 *
 * - `eventualMs`, its bound for asynchronous effects (src/target.ts `Capabilities.eventualMs`): how long after
 *   a Publish an SNS delivery may take to show in a subscribed queue, and after DisableKey a key's refusal. 0 when
 *   every try showed the effect at once (it happens within the call); else a generous multiple of the longest
 *   delay seen, tried with as many clauses at once as a run makes, so that a loaded machine flips no verdict.
 * - `concurrency`, how many clauses a run makes at once by default: the fewest whose run time is within a few
 *   per cent of the fastest tried.
 *
 * Each record says when, on what machine and under what load it was measured, and how.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../src/paths.js';
import { readJsonFile } from '../src/read-json-file.js';

const ms = z.number().nonnegative();

export const MeasuredSchema = z.strictObject({
  target: z.string().min(1),
  /** The pinned version measured. */
  version: z.string().optional(),
  /** YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Cores × CPU model, Node version. */
  machine: z.string().min(1),
  /** The load average (1 minute) when the measurement began and ended. */
  load: z.string().min(1),
  command: z.string().min(1),
  eventualMs: z.number().int().nonnegative(),
  /** How eventualMs was found. */
  effects: z.strictObject({
    /** Tries per effect, and how many ran at once. */
    tries: z.number().int().positive(),
    parallel: z.number().int().positive(),
    /** Per effect (`sns-to-sqs delivery`, `kms key state`): whether every try showed it at once, and the delays seen, in ms. */
    measured: z.array(
      z.strictObject({
        effect: z.string().min(1),
        immediate: z.number().int().nonnegative(),
        medianMs: ms,
        maxMs: ms,
      }),
    ),
    /** eventualMs = max(multiple × the longest delay, floorMs), rounded up to 50 ms; 0 when every effect showed at once. */
    multiple: z.number().positive(),
    floorMs: ms,
  }),
  concurrency: z.number().int().positive(),
  /** The run times tried (a sample of clauses, few runs each): concurrency → seconds. */
  trials: z.array(z.strictObject({ concurrency: z.number().int().positive(), seconds: z.number().nonnegative() })),
});

export type Measured = z.infer<typeof MeasuredSchema>;

export class MeasuredRecordError extends Error {
  override readonly name = 'MeasuredRecordError';
}

export const measuredFile = (name: string): string => join(PACKAGE_ROOT, 'test-targets', name, 'measured.json');

/** What a target reads of its measurement; `unmeasured` says why there is none, for a run to tell its user. */
export interface MeasuredDefaults {
  eventualMs: number;
  concurrency: number;
  unmeasured?: string;
}

/**
 * The measurement of a target (test-targets/<name>/measured.json). Without one, the target runs one clause at a time
 * (nothing says more is safe) with `boundMs`, the bound it was given by hand before it was measured, and `unmeasured`
 * says so. A malformed record is an error naming the file.
 */
export function measured(name: string, boundMs: number): MeasuredDefaults {
  if (existsSync(measuredFile(name))) {
    const m = readMeasured(name);
    return { eventualMs: m.eventualMs, concurrency: m.concurrency };
  }
  return {
    eventualMs: boundMs,
    concurrency: 1,
    unmeasured: `${name} has no measurement (test-targets/${name}/measured.json): one clause at a time, and its bound of ${boundMs} ms set by hand; \`npm run bench -- --targets ${name}\` measures both`,
  };
}

/** The whole record; a missing or malformed one is an error naming the file. */
export function readMeasured(name: string): Measured {
  return readJsonFile(measuredFile(name), MeasuredSchema, {
    what: 'the measurement',
    expected: 'a measurement written by `npm run bench`',
    hint: `npm run bench -- --targets ${name} writes it`,
    error: (m) => new MeasuredRecordError(m),
  }).data;
}
