/**
 * Bad input gets one line and a documented exit code, never a stack trace or a hang: the cases a
 * careless user hit (issue 11), and generated garbage report files for every command that reads one.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-runner.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { badConfig, badOption, handled, tryCli } from '../scripts/bad-input-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'ssec-bad-'));
const oneLine = (r: { err: string }) => {
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
};

describe('bad command lines', () => {
  it.each([
    [['run', '--runs', '0x10'], /--runs must be a whole number from 1 to 10000/],
    [['run', '--runs', '1e12'], /--runs must be a whole number from 1 to 10000/],
    [['run', '--runs', '10001'], /--runs must be a whole number/],
    [['run', '--seed', ''], /--seed must be a whole number from 0 to 4294967295/],
    [['run', '--seed', '4294967296'], /--seed must be a whole number from 0 to 4294967295/],
    [['run', '--shard', '4/40', '--clause', 'kms.aliases.alias-name-rules'], /--shard 4\/40 selects no clause: only 1 are selected/],
    [['replay', 'sqs.sse-kms.reuse-period-range', '--seed', '1', '--path', '0', '--emit', 'python'], /--emit <kind>' argument 'python' is invalid/],
    [['replay', 'sqs.sse-kms.reuse-period-range', '--seed', '1', '--path', '0', '--out', 'x.mjs'], /--out names the file of --emit/],
  ])('%j is refused with exit code 2', (args, message) => {
    const r = cli(args, { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    oneLine(r);
  });

  it('an output folder that cannot be written still prints the verdict, then says so, exit code 4', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const out of [file, '/proc/nope']) {
      const r = cli(['run', '--clause', 'sqs.sse-sqs.enabled-by-default', '--runs', '2', '--out', out], { timeout: 30_000 });
      expect(r.code, out).toBe(4);
      expect(r.out).toMatch(/1 passed, 0 failed/);
      expect(r.err).toMatch(new RegExp(`could not write the reports into ${out.replace(/\//g, '\\/')}`));
      oneLine(r);
    }
    const b = cli(['run', '--clause', 'sqs.sse-sqs.*', '--runs', '2', '--write-baseline', join(dir, 'missing', 'b.json')], { timeout: 30_000 });
    expect(b.code).toBe(4);
    expect(b.err).toMatch(/could not write the baseline/);
  });
});

describe('garbage report files', () => {
  it('report, replay, explain --report and diff refuse any non-report with exit code 2 and one line', () => {
    const garbage = fc.oneof(
      fc.constant(''),
      fc.constant('null'),
      fc.constant('{"tool":"sse-conformance"}'),
      fc.json(),
      fc.string(),
      fc.constant('{"tool":"sse-conformance","target":{"name":"x"},"seed":1,"clauses":[null]}'),
    );
    fc.assert(
      fc.property(garbage, fc.constantFrom('report', 'replay', 'explain', 'diff'), (text, command) => {
        const file = join(dir, 'r.json');
        writeFileSync(file, text);
        const args =
          command === 'report'
            ? ['report', file]
            : command === 'replay'
              ? ['replay', file, 'kms.aliases.alias-name-rules']
              : command === 'diff'
                ? ['diff', file, file]
                : ['explain', 'kms.aliases.alias-name-rules', '--report', file];
        const r = cli(args, { timeout: 30_000 });
        expect(r.code, `${command} ${JSON.stringify(text)}`).toBe(2);
        expect(r.err).toMatch(/cannot read report .*r\.json: /);
        oneLine(r);
      }),
      { numRuns: 15, seed: 11 },
    );
  }, 120_000);
});

describe('JSON files that are no files, too large or too deep (src/read-json-file.ts)', () => {
  // Each once for every command that reads a user's JSON file: a FIFO without a writer (it used to block
  // the read for ever), a device without end, 100,000 nested arrays, a file over the size limit.
  const fifo = join(dir, 'fifo.json');
  execFileSync('mkfifo', [fifo]);
  const deep = join(dir, 'deep.json');
  writeFileSync(deep, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  const big = join(dir, 'big.json');
  writeFileSync(big, '');
  truncateSync(big, 64 * 1024 * 1024 + 1);
  const commands: [string, (f: string) => string[]][] = [
    ['config', (f) => ['run', '--config', f]],
    ['baseline', (f) => ['run', '--clause', 'sqs.sse-sqs.enabled-by-default', '--runs', '1', '--baseline', f]],
    ['report', (f) => ['report', f]],
    ['recording', (f) => ['check-model', f]],
  ];
  it.each([
    ['a FIFO', fifo, 'not a regular file'],
    ['/dev/zero', '/dev/zero', 'not a regular file'],
    ['100,000 nested arrays', deep, 'nested deeper than 200 levels'],
    ['a file over 64 MiB', big, 'larger than 64 MiB'],
  ])('%s: exit code 2 and one line, as a config, a baseline, a report and a recording', (_, file, problem) => {
    for (const [what, args] of commands) {
      const r = cli(args(file), { timeout: 30_000 });
      expect([r.code, r.err.trim()], what).toEqual([2, `sse-conformance: cannot read ${what} ${file}: ${problem}`]);
    }
  });
});

describe('generated bad command lines and config files', () => {
  // scripts/bad-input-cases.ts holds the generators; `npm run bad-input` counts a larger sample into docs/reliability.md.
  it('a run with any invalid option value exits 2 with one line, no stack trace, no hang', () => {
    fc.assert(
      fc.property(badOption, (args) => {
        const t = tryCli(['run', ...args]);
        expect(t, JSON.stringify(args)).toMatchObject({ code: 2, stderrLines: 1, stackTrace: false, hang: false });
        expect(handled(t)).toBe(true);
      }),
      { numRuns: 25, seed: 3 },
    );
  }, 240_000);

  it('a run with any config file that has an invalid setting exits 2 with one line naming it', () => {
    const file = join(dir, 'config.json');
    fc.assert(
      fc.property(badConfig, (text) => {
        writeFileSync(file, text);
        const t = tryCli(['run', '--config', file]);
        expect(t, text).toMatchObject({ code: 2, stderrLines: 1, stackTrace: false, hang: false });
      }),
      { numRuns: 20, seed: 5 },
    );
  }, 240_000);

  it('docs/reliability.md carries the measured figures of `npm run bad-input`: 0 stack traces and 0 hangs', () => {
    const doc = readFileSync(join(PACKAGE_ROOT, 'docs/reliability.md'), 'utf8');
    const m =
      /<!-- bad-input:[\s\S]*?\*\*(\d+) stack traces and (\d+) hangs in the generated bad-input test\*\* \(of (\d+) tries\)[\s\S]*?<!-- \/bad-input -->/.exec(
        doc,
      );
    expect(m, 'run `npm run build && npm run bad-input`').not.toBeNull();
    expect([Number(m![1]), Number(m![2])]).toEqual([0, 0]);
    expect(Number(m![3])).toBeGreaterThanOrEqual(45);
  });
});
