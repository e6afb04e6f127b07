/**
 * Generated bad input for the CLI (issue 11): invalid option values and config files with an invalid
 * setting, and how one try came out (exit code, lines on stderr, a stack trace, a hang). Shared by
 * test/cli-bad-input.test.ts and `npm run bad-input` (scripts/bad-input.ts), which counts them.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { BUILT_CLI } from '../test/cli-runner.js';
import { TARGET_NAMES } from '../test-targets/registry.js';

// Values that are never valid for the option (a valid one would start a whole run).
const notWhole = (lo: number, hi: number) =>
  fc.string({ maxLength: 12 }).filter((v) => !(/^\d+$/.test(v.trim()) && +v >= lo && +v <= hi) && !v.startsWith('-'));

/** `run` arguments with one invalid option value. */
export const badOption = fc.oneof(
  notWhole(1, 10_000).map((v) => ['--runs', v]),
  notWhole(0, 0xffff_ffff).map((v) => ['--seed', v]),
  fc
    .string({ maxLength: 12 })
    .filter((v) => !/^\d+\/\d+$/.test(v) && !v.startsWith('-'))
    .map((v) => ['--shard', v]),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((v) => !TARGET_NAMES.includes(v) && !v.startsWith('-'))
    .map((v) => ['--target', v]),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((v) => !['console', 'json', 'junit', 'markdown', 'html'].includes(v) && !v.startsWith('-'))
    .map((v) => ['--format', v]),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((v) => !/^[a-z]+:\/\//.test(v) && !v.includes('=') && !v.startsWith('-'))
    .map((v) => ['--target', 'endpoint', '--endpoint', v]),
);

/** The contents of a config file with one invalid setting (and maybe a valid one beside it). */
export const badConfig = fc
  .tuple(
    fc.oneof(
      fc.record({ runs: fc.oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 10_001, max: 1e9 }), fc.string()) }),
      fc.record({ seed: fc.oneof(fc.integer({ min: -1e6, max: -1 }), fc.constant(2 ** 32), fc.string()) }),
      fc.record({ target: fc.string().filter((v) => v !== 'reference') }),
      fc.record({ clauses: fc.oneof(fc.string(), fc.integer()) }),
      fc.record({ unknownSetting: fc.jsonValue() }),
    ),
    fc.record({ runs: fc.constant(1) }, { requiredKeys: [] }),
  )
  .map(([bad, rest]) => JSON.stringify({ ...rest, ...bad }));

/** How long one try may take before it counts as a hang. */
export const TRY_TIMEOUT_MS = 20_000;

export interface Try {
  code: number | null;
  stderrLines: number;
  stackTrace: boolean;
  hang: boolean;
  err: string;
}

/** Runs the built CLI once with these arguments and says how it came out. */
export function tryCli(args: string[]): Try {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], { encoding: 'utf8', timeout: TRY_TIMEOUT_MS });
  const err = r.stderr ?? '';
  return {
    code: r.status,
    stderrLines: err.trim().split('\n').length,
    stackTrace: /\n\s+at |internal error/.test(err + (r.stdout ?? '')),
    hang: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT',
    err,
  };
}

/** Right: exit code 2, one line on stderr, no stack trace, no hang. */
export const handled = (t: Try) => t.code === 2 && t.stderrLines === 1 && !t.stackTrace && !t.hang;
