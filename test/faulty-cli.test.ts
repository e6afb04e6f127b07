/**
 * `--faults` on the command line: the spec's text form is checked field by field, and a run with
 * faults wraps the named target, so an injected 500 is an error in the report (exit code 1), never
 * a verdict; a bad spec is one line and exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { parseFaults } from '../test-targets/faulty/index.js';
import { cli } from './cli-runner.js';

describe('parseFaults', () => {
  it('reads every field by its command-line name', () => {
    expect(parseFaults('server-error=0.2, throttle=0.1,reset=0.05,truncate=0.05,latency=2000,silent-after=40,seed=9,request-timeout=1000')).toEqual({
      serverErrorRate: 0.2,
      throttleRate: 0.1,
      resetRate: 0.05,
      truncateRate: 0.05,
      latencyMs: 2000,
      silentAfter: 40,
      seed: 9,
      requestTimeoutMs: 1000,
    });
  });

  it('reads faults on one operation, at most N of them', () => {
    expect(parseFaults('server-error=1,on=DeleteAlias,max=1')).toEqual({ serverErrorRate: 1, operation: 'DeleteAlias', maxFaults: 1 });
  });

  it.each([
    ['on=', /on needs an operation name/],
    ['on=delete alias', /on needs an operation name/],
    ['on=DeleteAlias=1', /on needs an operation name/],
    ['max=-1', /max needs a number/],
    ['bogus=1', /unknown fault "bogus"/],
    ['server-error', /server-error needs a number/],
    ['server-error=lots', /server-error needs a number/],
    ['server-error=1.5', /server-error: .*1/],
    ['server-error=0.6,reset=0.6', /fault rates add up to more than 1/],
    ['silent-after=-1', /silent-after needs a number/],
    // Strictly decimal: hex, exponents and trailing junk are refused, not read as another number (issue 26).
    ['silent-after=0x10', /silent-after needs a number: a whole number in decimal digits/],
    ['server-error=0x1', /server-error needs a number: a rate from 0 to 1/],
    ['server-error=1e-1', /server-error needs a number/],
    ['latency=100ms', /latency needs a number/],
    ['seed=', /seed needs a number/],
    ['latency=2147483648', /latency: .*2147483647/],
    ['request-timeout=99999999999', /request-timeout: .*2147483647/],
    ['seed=4294967296', /seed: .*4294967295/],
    ['', /--faults needs at least one fault/],
    [' , ', /--faults needs at least one fault/],
    ['seed=1,seed=2', /seed is given twice/],
    ['toString=1', /unknown fault "toString"/],
  ])('refuses %j', (text, message) => {
    expect(() => parseFaults(text)).toThrow(message);
  });
});

describe('run --faults', () => {
  it('wraps the named target: every clause met by an injected 500 is an error, exit code 1', () => {
    const r = cli(['run', '--target', 'reference', '--faults', 'server-error=1', '--clause', 'sqs.sse-sqs.*', '--runs', '1', '--format', 'json'], {
      timeout: 60_000,
    });
    expect(r.code, r.err).toBe(1);
    const report = JSON.parse(r.out) as { clauses: { verdict: string; reason?: string }[] };
    expect(report.clauses.length).toBeGreaterThan(0);
    for (const c of report.clauses) {
      expect(c.verdict).toBe('error');
      expect(c.reason).toMatch(/answered HTTP 500 \(InternalFailure: injected by the faulty target \(server-error\)\)/);
    }
  });

  it('a bad spec is refused with one line and exit code 2', () => {
    const r = cli(['run', '--faults', 'server-error=2'], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/--faults: server-error: /);
  });
});
