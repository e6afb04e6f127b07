/**
 * Judging against the baseline (src/judge.ts) on plain data: no fast-check, no target. Each verdict a clause can
 * end in, from what it showed and what its baseline entry names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineClause } from '../src/clause.js';
import { judgeDeviations, judgeError, judgePass, type BaselineEntry } from '../src/judge.js';
import type { Deviation } from '../src/report.js';
import { TargetBrokeError } from '../src/session.js';
import { signatureText, type DeviationSignature, type FaultSignature } from '../src/signature.js';

const clause = defineClause({
  id: 'test.judged',
  title: 'judged on plain data',
  level: 'MUST',
  theme: 'encryption-scope',
  sources: [],
  features: ['sqs'],
  generates: 'nothing',
  arbitrary: fc.constant(0),
  scenario: async () => {},
});
const effort = { runs: 7, durationMs: 12 };
const stale: DeviationSignature = { service: 'sqs', operation: 'SendMessage', expected: ['KMS.Disabled'], observed: 'success' };
const other: DeviationSignature = { service: 'sqs', field: 'SqsManagedSseEnabled', operation: 'GetQueueAttributes' };
const deviation = (identity: DeviationSignature): Deviation => ({
  signature: signatureText(identity),
  identity,
  reason: `shown: ${signatureText(identity)}`,
  counterexample: { seed: 1, path: '0', input: 0, steps: [] },
});
const entry = (e: Partial<BaselineEntry>): BaselineEntry => ({ reason: 'known', since: '2026-01-01', ...e });
const fault: FaultSignature = { service: 'sqs', operation: 'SetQueueAttributes', httpStatus: 500, code: 'InternalFailure' };

describe('judging a clause against its baseline', () => {
  it('a clause with no deviation passes, unless its baseline lists it: then the entry is stale', () => {
    expect(judgePass(clause, undefined, effort)).toMatchObject({ id: 'test.judged', verdict: 'pass', runs: 7, durationMs: 12 });
    expect(judgePass(clause, undefined, effort).reason).toBeUndefined();
    const r = judgePass(clause, entry({ deviations: [stale] }), effort);
    expect(r.verdict).toBe('unexpected-pass');
    expect(r.reason).toBe('listed in the baseline since 2026-01-01 (known) but passed: the baseline is stale');
    expect(judgePass(clause, entry({ verdict: 'error' }), effort).reason).toMatch(/since 2026-01-01 as error \(known\)/);
  });

  it('deviations without an entry fail, shown by the first', () => {
    const r = judgeDeviations(clause, [deviation(stale), deviation(other)], undefined, effort);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toBe(`shown: ${signatureText(stale)}`);
  });

  it('deviations the entry names, all of them, are expected', () => {
    const r = judgeDeviations(clause, [deviation(stale), deviation(other)], entry({ deviations: [other, stale] }), effort);
    expect(r.verdict).toBe('expected-fail');
    expect(r.reason).toMatch(/\(a known deviation: in the baseline since 2026-01-01\)$/);
  });

  it('one deviation the entry does not name fails the clause, shown first and named, with what the entry names', () => {
    const r = judgeDeviations(clause, [deviation(stale), deviation(other)], entry({ deviations: [stale] }), effort);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toBe(
      `shown: ${signatureText(other)} (a deviation the baseline does not name: ${signatureText(other)}; it names: ${signatureText(stale)})`,
    );
  });

  it('an unnamed deviation beside a named one that is gone says both', () => {
    const r = judgeDeviations(clause, [deviation(other)], entry({ deviations: [stale] }), effort);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toContain(`named but no longer shown: ${signatureText(stale)}`);
  });

  it('a named deviation that no longer shows, the others still shown, makes the entry stale', () => {
    const r = judgeDeviations(clause, [deviation(stale)], entry({ deviations: [stale, other] }), effort);
    expect(r.verdict).toBe('unexpected-pass');
    expect(r.reason).toBe(`the baseline names deviations that no longer show: ${signatureText(other)}`);
  });

  it('a target fault is expected only when the entry names exactly that fault', () => {
    const broke = new TargetBrokeError('sqs answered HTTP 500', { fault });
    const named = judgeError(clause, broke, entry({ verdict: 'error', fault }), effort);
    expect(named.verdict).toBe('expected-error');
    expect(named.fault?.identity).toEqual(fault);
    const another = judgeError(clause, broke, entry({ verdict: 'error', fault: { ...fault, code: 'ServiceUnavailable', httpStatus: 503 } }), effort);
    expect(another.verdict).toBe('error');
    expect(another.reason).toMatch(/the baseline names another fault/);
    expect(judgeError(clause, broke, undefined, effort).verdict).toBe('error');
  });

  it('a timeout or an unreachable target is an error whatever the baseline says, and is marked unreachable', () => {
    const r = judgeError(clause, new TargetBrokeError('timed out', { unreachable: true }), entry({ verdict: 'error', fault }), effort);
    expect(r.verdict).toBe('error');
    expect(r.unreachable).toBe(true);
    expect(r.fault).toBeUndefined();
  });
});
