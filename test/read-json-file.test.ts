/**
 * The four readers of a user's JSON file (config, baseline, report, recording) share src/read-json-file.ts:
 * whatever the file is, the answer is the reader's own error (the CLI exits 2 on each) in one line naming
 * the file, within a second, without quoting the file. A FIFO needs `mkfifo`, a process: that case is in
 * test/cli-bad-input.test.ts, with the CLI's exit code.
 */
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineFileError, readBaseline } from '../src/baseline.js';
import { ReportFileError, readReport } from '../app/cli/read-report.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { depthExceeds, MAX_JSON_DEPTH, MAX_JSON_FILE_BYTES } from '../src/read-json-file.js';
import { RecordingFileError, readRecording } from '../src/recording/read.js';

const dir = mkdtempSync(join(tmpdir(), 'ssec-json-'));
const file = (name: string, text: string | Buffer) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const READERS = [
  ['config', (f: string) => loadConfig(f, ['reference']), ConfigError],
  ['baseline', readBaseline, BaselineFileError],
  ['report', readReport, ReportFileError],
  ['recording', readRecording, RecordingFileError],
] as const;

/** What reading `path` throws, and how long it took. */
function refusal(read: (f: string) => unknown, path: string): { error: Error; ms: number } {
  const start = performance.now();
  try {
    read(path);
  } catch (e) {
    return { error: e as Error, ms: performance.now() - start };
  }
  throw new Error(`${path} was read`);
}

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const oversized = join(dir, 'oversized.json');
writeFileSync(oversized, '');
truncateSync(oversized, MAX_JSON_FILE_BYTES + 1); // sparse: no 64 MiB written
mkdirSync(join(dir, 'folder.json'));

const CASES: [string, string, RegExp][] = [
  ['/dev/zero', '/dev/zero', /: not a regular file$/],
  ['a 100,000-deep nested array', file('deep.json', deep(100_000)), /: nested deeper than 200 levels$/],
  ['a file over the size limit', oversized, /: larger than 64 MiB$/],
  ['a folder', join(dir, 'folder.json'), /: it is a folder$/],
  ['a missing file', join(dir, 'absent.json'), /: no such file$/],
  ['text that is not JSON', file('broken.json', '{"token-of-the-user": [1, 2'), /: not JSON( \(line \d+, column \d+\))?$/],
  [
    'UTF-16 text',
    file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"token-of-the-user": 1}', 'utf16le')])),
    /: UTF-16 or UTF-32 text \(it holds NUL bytes\); save it as UTF-8$/,
  ],
  ['UTF-16 without a byte-order mark', file('utf16-nobom.json', Buffer.from('{"token-of-the-user": 1}', 'utf16le')), /: UTF-16 or UTF-32 text/],
  ['bytes that are not UTF-8', file('latin1.json', Buffer.from('{"token-of-the-user": "caf\xe9"}', 'latin1')), /: not UTF-8 text$/],
];

describe.each(READERS)('the %s reader', (what, read, ErrorClass) => {
  it.each(CASES)('refuses %s in one line naming the file, within a second', (_, path, problem) => {
    const { error, ms } = refusal(read, path);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.message).toMatch(new RegExp(`^cannot read ${what} ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('token-of-the-user');
    expect(ms).toBeLessThan(1000);
  });

  it('names the first offending path of a file its schema refuses', () => {
    const { error } = refusal(read, file(`${what}-bad.json`, JSON.stringify({ runs: 'many', clauses: 7 })));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.message).toMatch(new RegExp(`^cannot read ${what} .*${what}-bad\\.json: not an? [^:]+: [\\w.[\\]"]+: `));
  });
});

it('reads a file nested exactly as deep as the limit, and counts brackets inside strings as text', () => {
  expect(depthExceeds(deep(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
  expect(depthExceeds(deep(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  expect(depthExceeds(JSON.stringify({ a: '[[[["\\' }), 2)).toBe(false);
  expect(depthExceeds(JSON.stringify([{ a: '\\"[' }, [[]]]), 2)).toBe(true);
  expect(refusal(readReport, file('at-limit.json', deep(MAX_JSON_DEPTH))).error.message).toMatch(/: not an sse-conformance JSON report: the whole file: /);
});

it('a config names every problem, each by its path; the other readers the first', () => {
  const f = file('config-two.json', JSON.stringify({ runs: 0, allowAccounts: ['12'] }));
  expect(refusal((p) => loadConfig(p, ['reference']), f).error.message).toMatch(
    /: not a valid config: allowAccounts\[0\]: a 12-digit AWS account ID; runs: Too small/,
  );
  expect(refusal(readBaseline, file('baseline-two.json', JSON.stringify({ a: {}, b: {} }))).error.message).not.toContain(';');
});

it('reads a file that starts with a UTF-8 byte-order mark, as editors on Windows write it', () => {
  const f = file('bom-config.json', `\ufeff${JSON.stringify({ runs: 3 })}`);
  expect(loadConfig(f, ['reference'])).toEqual({ runs: 3 });
});

it('refuses a report whose summary disagrees with its clauses: one cut short or edited (issue 26)', () => {
  const clause = { id: 'a.b', title: 't', level: 'MUST', sources: [], features: [], verdict: 'pass', runs: 1, durationMs: 1 };
  const summary = { pass: 3, fail: 0, 'expected-fail': 0, 'unexpected-pass': 0, 'not-observable': 0, error: 0 };
  const report = { tool: 'sse-conformance', version: '0.1.0', target: { name: 'reference' }, seed: 1, startedAt: new Date(0).toISOString(), durationMs: 1 };
  const cut = file('cut-report.json', JSON.stringify({ ...report, clauses: [clause], summary }));
  const { error } = refusal(readReport, cut);
  expect(error).toBeInstanceOf(ReportFileError);
  expect(error.message).toMatch(
    /: not an sse-conformance JSON report: summary\["pass"\]: 3, but 1 of its clauses have that verdict \(a report cut short or edited\?\)$/,
  );
  const whole = file('whole-report.json', JSON.stringify({ ...report, clauses: [clause], summary: { ...summary, pass: 1 } }));
  expect(readReport(whole).clauses).toHaveLength(1);
});
