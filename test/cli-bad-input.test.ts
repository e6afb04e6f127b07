/**
 * Bad input gets one line and a documented exit code, never a stack trace or a hang: the cases a
 * careless user hit (issue 11), and generated garbage report files for every command that reads one.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-runner.js';

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
    const garbage = fc.oneof(fc.constant(''), fc.constant('null'), fc.constant('{"tool":"sse-conformance"}'), fc.json(), fc.string(), fc.constant('{"tool":"sse-conformance","target":{"name":"x"},"seed":1,"clauses":[null]}'));
    fc.assert(fc.property(garbage, fc.constantFrom('report', 'replay', 'explain', 'diff'), (text, command) => {
      const file = join(dir, 'r.json');
      writeFileSync(file, text);
      const args = command === 'report' ? ['report', file] : command === 'replay' ? ['replay', file, 'kms.aliases.alias-name-rules'] : command === 'diff' ? ['diff', file, file] : ['explain', 'kms.aliases.alias-name-rules', '--report', file];
      const r = cli(args, { timeout: 30_000 });
      expect(r.code, `${command} ${JSON.stringify(text)}`).toBe(2);
      expect(r.err).toMatch(/cannot read report .*r\.json: /);
      oneLine(r);
    }), { numRuns: 15, seed: 11 });
  }, 120_000);
});

describe('generated bad command lines and config files', () => {
  // Values that are never valid for the option (a valid one would start a whole run).
  const notWhole = (lo: number, hi: number) => fc.string({ maxLength: 12 }).filter((v) => !(/^\d+$/.test(v.trim()) && +v >= lo && +v <= hi) && !v.startsWith('-'));
  const badOption = fc.oneof(
    notWhole(1, 10_000).map((v) => ['--runs', v]),
    notWhole(0, 0xffff_ffff).map((v) => ['--seed', v]),
    fc.string({ maxLength: 12 }).filter((v) => !/^\d+\/\d+$/.test(v) && !v.startsWith('-')).map((v) => ['--shard', v]),
    fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !['reference', 'moto', 'localstack', 'fauxqs', 'goaws', 'local-kms', 'elasticmq', 'localstack-container', 'floci', 'endpoint', 'aws'].includes(v) && !v.startsWith('-')).map((v) => ['--target', v]),
    fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !['console', 'json', 'junit', 'markdown', 'html'].includes(v) && !v.startsWith('-')).map((v) => ['--format', v]),
    fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !/^[a-z]+:\/\//.test(v) && !v.includes('=') && !v.startsWith('-')).map((v) => ['--target', 'endpoint', '--endpoint', v]),
  );

  it('a run with any invalid option value exits 2 with one line, no stack trace, no hang', () => {
    fc.assert(fc.property(badOption, (args) => {
      const r = cli(['run', ...args], { timeout: 20_000 });
      expect(r.code, JSON.stringify(args)).toBe(2);
      oneLine(r);
    }), { numRuns: 25, seed: 3 });
  }, 240_000);

  it('a run with any config file that has an invalid setting exits 2 with one line naming it', () => {
    const invalid = fc.oneof(
      fc.record({ runs: fc.oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 10_001, max: 1e9 }), fc.string()) }),
      fc.record({ seed: fc.oneof(fc.integer({ min: -1e6, max: -1 }), fc.constant(2 ** 32), fc.string()) }),
      fc.record({ target: fc.string().filter((v) => v !== 'reference') }),
      fc.record({ clauses: fc.oneof(fc.string(), fc.integer()) }),
      fc.record({ unknownSetting: fc.jsonValue() }),
    );
    const file = join(dir, 'config.json');
    fc.assert(fc.property(invalid, fc.record({ runs: fc.constant(1) }, { requiredKeys: [] }), (bad, rest) => {
      writeFileSync(file, JSON.stringify({ ...rest, ...bad }));
      const r = cli(['run', '--config', file], { timeout: 20_000 });
      expect(r.code, JSON.stringify(bad)).toBe(2);
      oneLine(r);
    }), { numRuns: 20, seed: 5 });
  }, 240_000);
});
