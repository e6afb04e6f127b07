/**
 * An error the baseline names is expected, and nothing else is: a target fault that is an answer (HTTP 5xx)
 * gets a signature (service, operation, status, code), `--write-baseline` records it, and the next run
 * reports the same fault as `expected-error` (exit code 0). A different fault, throttling, a reset connection,
 * or an entry that names no fault stays an `error` (exit code 1), whatever the baseline says.
 */
import { describe, expect, it } from 'vitest';
import { baselineFrom } from '../src/baseline.js';
import { exitCodeOf } from '../app/index.js';
import type { Report } from '../src/report.js';
import type { Baseline } from '../src/judge.js';
import { runClause, runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import type { Target } from '../src/target.js';
import { FaultyTarget, type FaultSpec } from '../test-targets/faulty/index.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const ID = 'sqs.sse-sqs.enabled-by-default';
const clauses = (await loadClauses()).filter((c) => c.id === ID);
const faulty = (spec: FaultSpec): Target => new FaultyTarget(new ReferenceTarget(), { seed: 1, ...spec });
const run = (t: Target, baseline?: Baseline): Promise<Report> => runConformance(t, { clauses, runs: 3, seed: 7, ...(baseline ? { baseline } : {}) });

describe('expected errors', () => {
  it('a target fault that is an answer has a signature without its message, and --write-baseline records it', async () => {
    // Act: every request answered HTTP 500
    const report = await run(faulty({ serverErrorRate: 1 }));
    // Assert
    const c = report.clauses[0]!;
    expect(c.verdict).toBe('error');
    expect(c.fault!.identity).toEqual({ service: 'sqs', operation: 'CreateQueue', httpStatus: 500, code: expect.any(String) });
    expect(c.fault!.signature).toBe(`sqs:CreateQueue answered HTTP 500 ${c.fault!.identity.code}`);
    expect(c.fault!.signature).not.toContain('injected'); // the message is not part of it
    expect(exitCodeOf(report)).toBe(1);
    expect(baselineFrom(report, {}, '2026-01-01')[ID]).toEqual({ reason: c.reason, since: '2026-01-01', verdict: 'error', fault: c.fault!.identity });
  });

  it('the fault the baseline names is an expected error: counted, shown, exit code 0', async () => {
    // Arrange: the baseline a first run writes
    const baseline = baselineFrom(await run(faulty({ serverErrorRate: 1 })), {}, '2026-01-01');
    // Act
    const report = await run(faulty({ serverErrorRate: 1 }), baseline);
    // Assert
    expect(report.clauses[0]!.verdict).toBe('expected-error');
    expect(report.clauses[0]!.reason).toMatch(/answered HTTP 500 .*\(a known target fault: in the baseline since 2026-01-01\)$/);
    expect(report.summary['expected-error']).toBe(1);
    expect(exitCodeOf(report)).toBe(0);
    // Written again, the entry stands as it was.
    expect(baselineFrom(report, baseline, '2026-02-02')).toEqual(baseline);
  });

  it('a fault the baseline does not name stays an error: another operation, status or code, or an entry without a fault', async () => {
    const fault = (await run(faulty({ serverErrorRate: 1 }))).clauses[0]!.fault!.identity;
    const entry = (f?: object): Baseline => ({ [ID]: { reason: 'r', since: '2026-01-01', verdict: 'error', ...(f ? { fault: f as typeof fault } : {}) } });
    for (const other of [
      { ...fault, operation: 'SendMessage' },
      { ...fault, httpStatus: 503 },
      { ...fault, code: 'Unmapped:Other' },
    ]) {
      const report = await run(faulty({ serverErrorRate: 1 }), entry(other));
      expect(report.clauses[0]!.verdict, JSON.stringify(other)).toBe('error');
      expect(report.clauses[0]!.reason).toContain('(the baseline names another fault: sqs:');
      expect(exitCodeOf(report)).toBe(1);
    }
    expect((await run(faulty({ serverErrorRate: 1 }), entry())).clauses[0]!.verdict).toBe('error');
  });

  it('throttling and a reset connection are errors whatever the baseline names: they have no signature', async () => {
    const fault = (await run(faulty({ serverErrorRate: 1 }))).clauses[0]!.fault!.identity;
    const baseline: Baseline = { [ID]: { reason: 'r', since: '2026-01-01', verdict: 'error', fault } };
    for (const spec of [{ throttleRate: 1 }, { resetRate: 1 }]) {
      const t = faulty(spec);
      await t.start();
      const r = await runClause(t, clauses[0]!, { seed: 7, runs: 1, prefix: 'xe', baseline });
      await t.dispose();
      expect(r.verdict, JSON.stringify(spec)).toBe('error');
      expect(r.fault, JSON.stringify(spec)).toBeUndefined();
    }
  }, 30_000);
});
