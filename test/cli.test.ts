/** The CLI as a user runs it: a child process, its output and its exit code. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('sse-conformance CLI', () => {
  it('lists the specification as JSON without running anything', () => {
    const r = cli('list', '--format', 'json');
    expect(r.code).toBe(0);
    const clauses = JSON.parse(r.out) as { id: string; sources: { fact: string; url: string }[] }[];
    expect(clauses.length).toBeGreaterThanOrEqual(30);
    expect(clauses.every((c) => c.sources.length > 0)).toBe(true);
  });

  it('runs selected clauses against the reference and prints a JSON report with exit code 0', () => {
    const r = cli('run', '--target', 'reference', '--clause', 'sqs.sse-kms.*', '--runs', '3', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ tool: 'sse-conformance', target: { name: 'reference' }, seed: 20261123 });
    expect(report.clauses.length).toBeGreaterThan(5);
    expect(report.clauses.every((c: { id: string; verdict: string }) => c.id.startsWith('sqs.sse-kms.') && c.verdict === 'pass')).toBe(true);
    expect(report.summary.pass).toBe(report.clauses.length);
  });

  it('gives the same scenarios for the same seed', () => {
    const a = JSON.parse(cli('run', '--clause', 'model-based.*', '--runs', '5', '--seed', '7', '--format', 'json').out);
    const b = JSON.parse(cli('run', '--clause', 'model-based.*', '--runs', '5', '--seed', '7', '--format', 'json').out);
    const strip = (r: { clauses: { durationMs?: number }[] }) => r.clauses.map(({ durationMs: _d, ...rest }) => rest);
    expect(strip(a)).toEqual(strip(b));
  });

  it('refuses to touch an AWS account without an allow-list: exit code 3, nothing run', () => {
    const r = cli('run', '--target', 'aws', '--clause', 'sqs.sse-sqs.*');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/refusing to run against AWS without an allow-list/);
    expect(r.err).toMatch(/^Plan: 1 clauses, 3 generated runs, at most ~36 requests/m);
  });

  it.each([
    [['run', '--target', 'nowhere'], /unknown target "nowhere"/],
    [['run', '--clause', 'no.such.*'], /no clause matches/],
    [['run', '--runs', 'many'], /--runs must be an integer/],
    [['run', '--format', 'yaml'], /Allowed choices are console, json/],
  ])('refuses %j with a clear message and exit code 2', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });
});
