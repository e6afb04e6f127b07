/**
 * Faults of the target are errors, never deviations. The faulty target (test-targets/faulty/)
 * wraps the reference and moto and injects each fault through their own SDK clients: a clause hit
 * by one is `error` with the cause (never pass or fail, never matched by a baseline), every other
 * clause keeps the verdict it has without faults, throttling is retried within a bounded budget,
 * and a target that stops answering ends the run (exit code 3) instead of hanging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBaseline } from '../src/baseline.js';
import type { Clause } from '../src/clause.js';
import { exitCodeOf } from '../app/index.js';
import type { Report } from '../src/report.js';
import type { Baseline } from '../src/judge.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import type { Target } from '../src/target.js';
import { EndpointTarget } from '../test-targets/endpoint/endpoint-target.js';
import { FaultyTarget, type FaultSpec } from '../test-targets/faulty/index.js';
import { QUICK_CLAUSES } from '../test-targets/faulty/quick-clauses.js';
import { baselinePath } from '../test-targets/module.js';
import type { Instance } from '../test-targets/emulator-target.js';
import { startMoto } from '../test-targets/moto/moto-emulator.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';
import { describeNeeding } from './prerequisites.js';

const QUICK = QUICK_CLAUSES;
const RUNS = 3;
const SEED = 7;

const clausesNamed = async (ids: readonly string[]): Promise<Clause[]> => {
  const all = await loadClauses();
  return ids.map((id) => all.find((c) => c.id === id) ?? expect.fail(`no clause ${id}`));
};
const verdicts = (r: Report) => r.clauses.map((c) => `${c.id}: ${c.verdict}`);

/**
 * Each clause either keeps the verdict it has without faults, or is an `error` whose reason names
 * the injected fault. Never a pass or fail (or expected failure) that the fault made.
 */
function expectOnlyInjectedErrors(control: Report, faulted: Report, cause: RegExp): void {
  // A scenario's cleanup retries each delete (src/retry.ts); one that the fault hit on every attempt names it too.
  const causes = new RegExp(`${cause.source}|cleanup could not delete what the scenario created, so the clause stops: .*${FAULT_TEXT.source}`);
  control.clauses.forEach((c, i) => {
    const f = faulted.clauses[i]!;
    expect(f.id).toBe(c.id);
    if (f.verdict !== c.verdict) {
      expect(f.verdict, `${c.id} was ${c.verdict} without faults`).toBe('error');
      expect(f.reason, c.id).toMatch(causes);
    } else if (f.verdict === 'error') expect(f.reason, c.id).toMatch(causes);
  });
}
/** What an injected fault says of itself, as a delete's leftover reason quotes it (a 500, throttling, a reset, a cut answer). */
const FAULT_TEXT = /(injected by the faulty target \(\w[\w-]*\)|ECONNRESET|aborted) \(after 4 attempts\)/;

/** The same tests on every target: `make` gives a fresh target (with a short request timeout where it has one). */
function faultSuite(make: () => Target, opts: { baseline?: Baseline; requestTimeoutMs?: number }) {
  let clauses: Clause[];
  let control: Report;
  const run = (t: Target, cs = clauses, runs = RUNS) =>
    runConformance(t, { clauses: cs, runs, seed: SEED, ...(opts.baseline ? { baseline: opts.baseline } : {}) });
  const faulty = (spec: FaultSpec) =>
    new FaultyTarget(make(), { seed: 3, ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}), ...spec });

  beforeAll(async () => {
    clauses = await clausesNamed(QUICK);
    control = await run(make());
  }, 120_000);

  it('the clauses keep their verdicts through the wrapper when it injects nothing (the control)', async () => {
    expect(
      control.clauses.every((c) => c.verdict === 'pass' || c.verdict === 'expected-fail'),
      verdicts(control).join('\n'),
    ).toBe(true);
    const t = faulty({});
    const report = await run(t);
    expect(verdicts(report)).toEqual(verdicts(control));
    expect(t.requests).toBeGreaterThan(clauses.length * RUNS); // every call went through the wrapper
  }, 60_000);

  it('20 % HTTP 500: each hit clause is an error naming the 500, the rest keep their verdicts', async () => {
    const t = faulty({ serverErrorRate: 0.2 });
    const report = await run(t);
    expect(t.injected['server-error']).toBeGreaterThan(0);
    expect(report.clauses.filter((c) => c.verdict === 'error').length, verdicts(report).join('\n')).toBeGreaterThan(0);
    expectOnlyInjectedErrors(control, report, /answered HTTP 500 \(\w+: injected by the faulty target \(server-error\)\): a target fault, not a verdict/);
    expect(exitCodeOf(report)).toBe(1);
  }, 60_000);

  it('20 % throttling: retried with backoff; a clause still throttled after 4 attempts is an error', async () => {
    const t = faulty({ throttleRate: 0.2 });
    const report = await run(t);
    expect(t.injected.throttle).toBeGreaterThan(0);
    expectOnlyInjectedErrors(control, report, /still throttled after 4 attempts \(\w+: injected by the faulty target \(throttle\)\)/);
    // Without retries every throttled request would end its clause; with them most are absorbed.
    expect(report.clauses.filter((c) => c.verdict === 'error').length * 4).toBeLessThan(t.injected.throttle);
  }, 60_000);

  it('throttling that never stops is an error after a bounded number of attempts', async () => {
    const t = faulty({ throttleRate: 1 });
    const report = await run(t, clauses.slice(0, 1), 2);
    expect(report.clauses[0]!.verdict).toBe('error');
    expect(report.clauses[0]!.reason).toMatch(/still throttled after 4 attempts/);
    expect(t.requests).toBeLessThan(12);
  }, 30_000);

  it('connection resets and truncated answers are errors, and the run goes on while the target answers', async () => {
    for (const [spec, cause] of [
      [{ resetRate: 0.2 }, /failed without a service answer: read ECONNRESET/],
      [{ truncateRate: 0.2 }, /failed without a service answer: aborted/],
    ] as const) {
      const t = faulty(spec);
      const report = await run(t);
      expect(
        report.clauses.some((c) => c.verdict === 'error' && cause.test(c.reason ?? '')),
        verdicts(report).join('\n'),
      ).toBe(true);
      // Each hit makes the runner probe the target; a probe that meets a reset is asked again, so
      // a target that drops one connection in five is not taken for one that stopped answering.
      expect(report.target.unavailable).toBeUndefined();
      expectOnlyInjectedErrors(control, report, cause);
    }
  }, 120_000);

  it('a target that resets every connection has stopped answering after five probes over a few seconds: exit code 3', async () => {
    const t = faulty({ resetRate: 1 });
    const report = await run(t);
    expect(report.clauses[0]!.verdict).toBe('error');
    expect(report.target.unavailable).toMatch(/stopped answering during /);
    for (const c of report.clauses.slice(1)) expect(c.reason).toMatch(/^not run: /);
    expect(exitCodeOf(report)).toBe(3);
    expect(t.requests).toBe(1 + 5); // the clause's first request, then five probes (src/retry.ts: LIVENESS_PAUSES_MS)
  }, 30_000);

  it('2 s of latency on every request changes no verdict', async () => {
    const few = await clausesNamed(['sqs.sse-sqs.enabled-by-default', 'sqs.sse-kms.mutual-exclusion-is-rejected']);
    const quick = await run(make(), few, 1);
    const t = faulty({ latencyMs: 2_000 });
    const started = Date.now();
    const report = await run(t, few, 1);
    expect(verdicts(report)).toEqual(verdicts(quick));
    expect(Date.now() - started).toBeGreaterThanOrEqual(t.requests * 2_000); // the latency was really there
  }, 120_000);

  it('a target that goes silent after N requests ends the run within its bound: not run, exit code 3', async () => {
    const counted = faulty({});
    await run(counted);
    const silentAfter = Math.floor(counted.requests * 0.6); // 60 % of what a whole run asks
    const t = faulty({ silentAfter });
    const started = Date.now();
    const report = await run(t);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(report.target.unavailable).toMatch(/stopped answering during /);
    const all = verdicts(report);
    const broke = report.clauses.findIndex((c) => c.verdict === 'error');
    expect(report.clauses[broke]?.reason, all.join('\n')).toMatch(/requestTimeout/);
    expect(
      report.clauses.slice(0, broke).map((c) => c.verdict),
      all.join('\n'),
    ).toEqual(control.clauses.slice(0, broke).map((c) => c.verdict)); // clauses before the silence ran as usual
    const notRun = report.clauses.slice(broke + 1);
    expect(notRun.length, all.join('\n')).toBeGreaterThan(0);
    for (const c of notRun) expect(c.reason).toMatch(/^not run: target .* stopped answering during /);
    expect(exitCodeOf(report)).toBe(3);
    // Two requests wait out the timeout: the clause's and the runner's probe. No cleanup is sent into the silence.
    expect(t.injected.silence).toBe(2);
  }, 60_000);

  it('a target that never answers ends the run at its first clause: exit code 3', async () => {
    const t = faulty({ silentAfter: 0 });
    const report = await run(t);
    expect(report.clauses[0]!.verdict).toBe('error');
    for (const c of report.clauses.slice(1)) expect(c.reason).toMatch(/^not run: /);
    expect(exitCodeOf(report)).toBe(3);
    expect(t.injected.silence).toBe(2);
  }, 30_000);
}

describe('target faults on the reference', () => {
  faultSuite(() => new ReferenceTarget(), { requestTimeoutMs: 1_000 });

  it('the same seed meets the same faults; another seed other ones', async () => {
    const clauses = await clausesNamed(QUICK);
    const once = async (seed: number) => {
      const t = new FaultyTarget(new ReferenceTarget(), { serverErrorRate: 0.2, resetRate: 0.1, seed });
      return verdicts(await runConformance(t, { clauses, runs: RUNS, seed: SEED })).join('\n');
    };
    expect(await once(5)).toBe(await once(5));
    expect(await once(5)).not.toBe(await once(6));
  }, 60_000);
});

describeNeeding({ emulators: ['moto'] }, 'target faults on moto', () => {
  let moto: Instance;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });
  // One moto for every run (each run's names carry its own prefix); a 3 s bound keeps silence short, and is longer than
  // moto takes to answer on a loaded machine (in CI, beside nine emulators of the matrix, 1 s timed out a CreateAlias).
  faultSuite(() => new EndpointTarget(moto.endpoint, { requestTimeoutMs: 3_000 }), { baseline: readBaseline(baselinePath('moto')) });
});
