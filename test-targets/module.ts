/**
 * The shape of a target module: one folder under test-targets/ whose index.ts exports a
 * `TargetModule` (its name, an options schema, a factory, its baseline, and what is said of it in
 * about.ts: its description and its place in the matrix), the way a testcontainers module packages
 * one system. The registry (./registry.ts) lists them;
 * the engine in src/ sees only the `Target` each factory returns.
 */
import { join } from 'node:path';
import type { z } from 'zod';
import { PACKAGE_ROOT } from '../src/paths.js';
import type { Target } from '../src/target.js';
import type { SweepResult } from './aws/sweep.js';

/** Everything the CLI or a config file can say about a target; each module's schema takes the part it understands. */
export interface TargetOptions {
  /** Use an instance the user already runs (URL, or one per service, sqs=URL,…, for the endpoint target). */
  endpoint?: string;
  region?: string;
  /** aws: account IDs the run may touch. */
  allowedAccounts?: string[];
  /** Run clauses that wait real time for data-key reuse windows (one wait of about two minutes). */
  realTimeWindows?: boolean;
  /** Wipe the state of an instance given with `endpoint` before running (never done without it). */
  reset?: boolean;
  /** recorded: the transcript written by `run --record`. */
  recording?: string;
}

/** What a target that can also use an instance the user runs takes: --endpoint, --reset, --real-time-windows. */
export type ExistingInstanceOptions = Pick<TargetOptions, 'endpoint' | 'reset' | 'realTimeWindows'>;

/** The command-line flag of each option, for messages. */
export const OPTION_FLAGS: Record<keyof TargetOptions, string> = {
  endpoint: '--endpoint',
  region: '--region',
  allowedAccounts: '--allow-account',
  realTimeWindows: '--real-time-windows',
  reset: '--reset',
  recording: '--recording',
};

export interface TargetModule<T extends Target = Target> {
  readonly name: string;
  /** A strict schema of the options this target takes. */
  readonly options: z.ZodType<TargetOptions>;
  create(options: TargetOptions): T;
  /**
   * Its `sweep` command, where it has one (a real account: what interrupted runs left behind; an emulator is reset
   * instead), on a target it created and the CLI started.
   */
  sweep?(target: T, options: { delete: boolean }): Promise<SweepResult>;
  /** The clauses it is known to fail (absolute path), if it has a baseline. */
  readonly baseline?: string;
  /** The provisioned emulators it starts (test-targets/emulators.json), so a missing one is named. */
  readonly emulators?: readonly string[];
  /** The version of the system under test that this project pins (emulators), for reports and the matrix. */
  readonly version?: string;
  /** What is said of it (./<name>/about.ts), apart from how it is built. */
  readonly about: TargetAbout;
}

/** What `run --help`, the README's table of targets and the conformance matrix say of a target. */
export interface TargetAbout {
  /** One line: what the target is and how it is reached. */
  readonly description: string;
  /**
   * What shows the messages it stores at rest, with the source read (the at-rest clauses need an
   * inspection, src/target.ts `inspectQueue`; AWS has none, X-3), or `none: ` and why: for the matrix.
   */
  readonly atRest: string;
  /** In the conformance matrix and CI's baseline runs, with these options; absent: not in the matrix. */
  readonly matrix?: TargetOptions;
  /** Why it is not in the matrix, for the matrix's footnote. */
  readonly notInMatrix?: string;
  /** A run measured outside CI (docs/measured/<name>-<version>.record.json): the matrix shows it, marked so. */
  readonly measured?: string;
}

/** Where a target's baseline file lives (test-targets/<name>/baseline.json). */
export const baselinePath = (name: string) => join(PACKAGE_ROOT, 'test-targets', name, 'baseline.json');
export const measuredPath = (name: string, version: string) => join(PACKAGE_ROOT, 'docs', 'measured', `${name}-${version}.record.json`);

/** A target module; the target type it creates stays inside it (its `sweep` gets the target it made). */
export const defineTarget = <T extends Target>(m: TargetModule<T>): TargetModule => m;
