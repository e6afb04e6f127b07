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
import { badConfig, badOption, type Case, handled, hostileCases, tryCli } from '../scripts/bad-input-cases.js';
import { createServer } from 'node:net';

const dir = mkdtempSync(join(tmpdir(), 'ssec-bad-'));
/** A port nothing listens on: taken from the system, then let go. */
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
const oneLine = (r: { err: string }) => {
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
};

describe('bad command lines', () => {
  const BAD: [string[], RegExp][] = [
    [['run', '--runs', '0x10'], /--runs must be a whole number from 1 to 10000/],
    [['run', '--runs', '1e12'], /--runs must be a whole number from 1 to 10000/],
    [['run', '--runs', '10001'], /--runs must be a whole number/],
    [['run', '--seed', ''], /--seed must be a whole number from 0 to 4294967295/],
    [['run', '--seed', '4294967296'], /--seed must be a whole number from 0 to 4294967295/],
    [
      ['run', '--shard', '4/40', '--clause', 'kms.aliases.alias-name-rules'],
      /--shard 4\/40: only 1 clause is selected, so 39 of 40 shards would select no clause/,
    ],
    // Issue 26: what was accepted, ran for ever, or ended in a stack trace or exit code 3.
    [
      ['run', '--shard', '1/100', '--clause', 'kms.aliases.alias-name-rules'],
      /--shard 1\/100: only 1 clause is selected, so 99 of 100 shards would select no clause; use at most one shard$/m,
    ],
    [['run', '--runs', ' 5'], /--runs must be a whole number from 1 to 10000 \(decimal digits only\)/],
    [['estimate-kms-cost', '--service', 'sns', '--period', '60', '--producers', '1', '--consumers', '2'], /--consumers applies to SQS only/],
    [['run', '--target', 'endpoint', '--endpoint', 'http://127.0.0.1:1', '--region', ''], /--region must be an AWS Region such as eu-west-1, got ""/],
    [['run', '--target', 'aws', '--allow-account', 'abc'], /--allow-account must be a 12-digit AWS account ID, got "abc"/],
    [['replay', 'kms.aliases.alias-name-rules', '--seed', '1', '--path', '99999999999999999999'], /--path must look like 3:1:0/],
    [['replay', 'kms.aliases.alias-name-rules', '--seed', '1', '--path', Array(9_999).fill('0').join(':')], /--path must look like 3:1:0/],
    [
      ['replay', 'kms.aliases.alias-name-rules', '--seed', '1', '--path', Array(50).fill('0').join(':')],
      /leads to no scenario of kms\.aliases\.alias-name-rules/,
    ],
    [['run', '--clause', ''], /a clause pattern is empty/],
    [['run', '--clause', 'a'.repeat(70_000)], /70000 characters; a pattern matches clause ids/],
    [['run', '--clause', '***'], /not a glob/],
    [['run', '--faults', ''], /--faults needs at least one fault/],
    [['run', '--faults', 'silent-after=0x10'], /silent-after needs a number/],
    [['run', '--faults', 'latency=2147483648'], /latency: .*2147483647/],
    [['replay', 'sqs.sse-kms.reuse-period-range', '--seed', '1', '--path', '0', '--emit', 'python'], /--emit <kind>' argument 'python' is invalid/],
    [['replay', 'sqs.sse-kms.reuse-period-range', '--seed', '1', '--path', '0', '--out', 'x.mjs'], /--out names the file of --emit/],
    // sweep is a command of the targets whose module has one (test-targets/module.ts)
    [['sweep', '--target', 'moto'], /sweep works on --target aws only \(emulators are reset instead\)/],
    [['sweep', '--target', 'nope'], /unknown target "nope"/],
  ];
  // Named by their first 100 characters: some are 70,000 long.
  it.each(BAD.map(([args, message]) => [JSON.stringify(args).slice(0, 100), args, message] as const))('%s is refused with exit code 2', (_, args, message) => {
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

  it('docs/reliability.md carries the measured figures of `npm run bad-input`: none wrong, over 300 tries', () => {
    const doc = readFileSync(join(PACKAGE_ROOT, 'docs/reliability.md'), 'utf8');
    const m =
      /<!-- bad-input:[\s\S]*?\*\*(\d+) stack traces, (\d+) hangs, (\d+) echoed secrets and (\d+) echoed control characters in the generated bad-input test\*\* \(of (\d+) tries\);\nright: (\d+) of (\d+)\.[\s\S]*?<!-- \/bad-input -->/.exec(
        doc,
      );
    expect(m, 'run `npm run build && npm run bad-input`').not.toBeNull();
    expect(m!.slice(1, 5).map(Number)).toEqual([0, 0, 0, 0]);
    expect(Number(m![5])).toBeGreaterThanOrEqual(300);
    expect(m![6]).toBe(m![5]);
  });
});

describe('hostile input (issue 26): each class, no stack trace, hang, echoed secret or control character', () => {
  // scripts/bad-input-cases.ts holds every case; `npm run bad-input` tries them all. Here: the first case of each
  // class, and every case of the classes that leak (URLs with credentials, a bidi override).
  const fixtures = mkdtempSync(join(tmpdir(), 'ssec-hostile-'));
  const report = join(fixtures, 'report.json');
  const recording = join(fixtures, 'recording.json');
  const made = cli(['run', '--clause', 'kms.aliases.*', '--runs', '1', '--format', 'json', '--record', recording], { timeout: 60_000 });
  writeFileSync(report, made.out);
  const all = hostileCases(fixtures, { report, recording, closedPort });
  const first = new Map<string, Case>();
  for (const c of all) if (!first.has(c.cls)) first.set(c.cls, c);
  const whole = (c: Case) => c.cls === 'URL with credentials' || c.cls === 'control characters: bidi';
  const picked = [...first.values(), ...all.filter((c) => whole(c) && first.get(c.cls) !== c)];

  it.each(picked.map((c) => [c.cls, JSON.stringify(c.args).slice(0, 120), c] as const))('%s: %s', (_, __, c) => {
    const t = tryCli(c.args, c.writes ? { writes: c.writes } : {});
    expect({ ...t, err: t.err.slice(0, 400) }, JSON.stringify(c.args).slice(0, 300)).toMatchObject({
      stackTrace: false,
      hang: false,
      secret: false,
      control: false,
    });
    expect(c.codes, t.err).toContain(t.code);
    if (t.code !== 0) expect(t.stderrLines, t.err).toBe(1);
  });

  it('escapes what a terminal would obey, wherever it came from: an id, a file name, a report', () => {
    const id = 'x\x1b]0;title\x07\u202e\nnext';
    const r = cli(['explain', id], { timeout: 30_000 });
    expect(r.err).toBe('sse-conformance: unknown clause "x\\u001b]0;title\\u0007\\u202e\\nnext"; see `sse-conformance list`\n');
    const hostile = JSON.parse(readFileSync(report, 'utf8'));
    hostile.target.name = 'red\x1b[31m';
    const file = join(fixtures, 'name\x1b[2J.json');
    writeFileSync(file, JSON.stringify(hostile));
    const md = cli(['report', file], { timeout: 30_000 });
    expect(md.code).toBe(0);
    expect(md.out).toContain('red\\u001b[31m');
    expect(md.out).not.toContain('\x1b');
    // JSON stays JSON, with the same values.
    const json = cli(['report', file, '--format', 'json'], { timeout: 30_000 });
    expect(JSON.parse(json.out).target.name).toBe('red\x1b[31m');
  });

  it('redacts the password of a URL in every output: stderr, the console, the report, the replay command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-url-'));
    const url = `http://user:s3cret-pw@127.0.0.1:${closedPort}`;
    const r = cli(['run', '--target', 'endpoint', '--endpoint', url, '--clause', 'kms.aliases.alias-name-rules', '--out', dir], { timeout: 30_000 });
    expect(r.code).toBe(3);
    expect(r.err).toContain(`sse-conformance: target endpoint could not be started: nothing answers at http://***@127.0.0.1:${closedPort} (kms)`);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    const written = readFileSync(join(dir, 'report.json'), 'utf8');
    for (const text of [r.out, r.err, written]) expect(text).not.toContain('s3cret-pw');
    expect(written).toContain(`http://***@127.0.0.1:${closedPort}`);
  });

  it('a target that cannot be reached is named on stderr in one line, exit code 3', () => {
    const r = cli(['run', '--target', 'endpoint', '--endpoint', `http://127.0.0.1:${closedPort}`, '--clause', 'kms.aliases.alias-name-rules'], {
      timeout: 30_000,
    });
    expect(r.code).toBe(3);
    expect(r.err.trim()).toMatch(
      new RegExp(`^sse-conformance: target endpoint could not be started: nothing answers at http://127\\.0\\.0\\.1:${closedPort} \\(kms\\): [^\\n]+$`),
    );
  });

  it('an output path that is a FIFO or a device is refused before the run, exit code 2, within seconds', () => {
    const fifo = join(fixtures, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [flag, path] of [
      ['--record', fifo],
      ['--write-baseline', '/dev/null'],
    ]) {
      const r = cli(['run', '--clause', 'kms.aliases.alias-name-rules', '--runs', '1', flag!, path!], { timeout: 15_000 });
      expect([r.code, r.err.trim()]).toEqual([
        2,
        `sse-conformance: ${flag} ${path}: not a regular file (a FIFO, a device or a folder); sse-conformance writes regular files only`,
      ]);
    }
  });
});
