/**
 * The CLI's exit codes, in one table: the code uses them by name (`EXIT.usage`), and docs/cli.md's
 * "Exit codes" table is generated from it (`npm run docs`). A meaning is Markdown for that table.
 */
export interface ExitCode {
  code: number;
  name: string;
  meaning: string;
}

export const EXIT_CODES = [
  {
    code: 0,
    name: 'ok',
    meaning: 'everything as expected: passes, and the deviations and target faults the baseline names (`expected-fail`, `expected-error`)',
  },
  {
    code: 1,
    name: 'failed',
    meaning:
      'a failure, an unexpected pass, or an error the baseline does not name by its fault signature (`diff`: B has a deviation A does not; `check-model`: a recorded outcome the model does not allow)',
  },
  {
    code: 2,
    name: 'usage',
    meaning:
      'a usage or configuration error (one line on stderr: a number not in decimal digits or out of range, `--seed` beyond 32 bits, `--runs` beyond 10,000, a clause pattern that is not one, more shards than selected clauses, a malformed `--region` or `--allow-account`, `aws` or `sweep` without an allow-list, a replay path that leads nowhere, a config, baseline, report or recording file that is not one (or not a regular file, over 64 MiB, nested deeper than 200 levels, not UTF-8, or a report whose summary disagrees with its clauses), an output file that exists and is not a regular file, a recording that holds nothing `check-model` can compare)',
  },
  {
    code: 3,
    name: 'unavailable',
    meaning:
      'the target could not be started or reached, named in one line on stderr (also: a package its target needs is not installed; or the target stopped answering during the run, see [Faults](#faults))',
  },
  { code: 4, name: 'writeFailed', meaning: 'everything as expected but a report or baseline file could not be written (the verdict is still printed)' },
  {
    code: 5,
    name: 'leftovers',
    meaning:
      "everything as expected but cleanup left resources behind on a real account (each on stderr and in the report's `leftovers`; `sweep` also exits 5 when it could not delete or restore something; a failure, 1, takes precedence)",
  },
  { code: 70, name: 'internal', meaning: 'an internal error (a bug: please report it)' },
  {
    code: 130,
    name: 'interrupted',
    meaning:
      'the first SIGINT stops the run after the current scenario (which cleans up what it created) and keeps a partial report (`interrupted: true`, the rest marked not run); a second one exits at once',
  },
  {
    code: 141,
    name: 'outputClosed',
    meaning:
      'the reader of stdout or stderr went away (`run … \\| head`; no stack trace: a run stops after the current scenario, as on SIGINT, and exits as a program stopped by SIGPIPE would)',
  },
  { code: 143, name: 'terminated', meaning: 'the first SIGTERM, as SIGINT does (130)' },
] as const satisfies readonly ExitCode[];

type Row = (typeof EXIT_CODES)[number];

/** Each code by its name: `EXIT.usage` is 2. */
export const EXIT = Object.fromEntries(EXIT_CODES.map((e) => [e.name, e.code])) as { readonly [R in Row as R['name']]: R['code'] };

/** docs/cli.md's "Exit codes" table. */
export function renderExitCodeTable(): string {
  return ['| code | when |', '|---|---|', ...EXIT_CODES.map((e) => `| ${e.code} | ${e.meaning} |`), ''].join('\n');
}
