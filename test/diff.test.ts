/** The report diff: deviations gained and lost by signature, verdict changes, clauses in one report only, and clauses that cannot be compared. */
import { describe, expect, it } from 'vitest';
import { summarize, type ClauseResult, type Deviation, type Report, type Verdict } from '../src/report.js';
import { diffReports, newDeviations } from '../src/reports/diff.js';
import { renderDiffConsole, renderDiffMarkdown } from '../src/reports/diff-render.js';

const deviation = (signature: string, reason = signature, seed = 1): Deviation => ({
  signature,
  reason,
  counterexample: { seed, path: '0', steps: [{ op: 'CreateAlias', service: 'kms', principal: 0, input: {}, observed: { ok: true } }] },
});

const clause = (id: string, verdict: Verdict, signatures: string[] = [], reason?: string): ClauseResult => {
  const deviations = signatures.map((s) => deviation(s));
  return {
    id,
    title: id,
    level: 'MUST',
    sources: [],
    features: [],
    verdict,
    runs: 1,
    durationMs: 1,
    ...(reason ? { reason } : {}),
    ...(deviations.length ? { counterexample: deviations[0]!.counterexample, deviations } : {}),
  };
};

const report = (clauses: ClauseResult[], o: Partial<Report> = {}): Report => ({
  tool: 'sse-conformance',
  version: '0.1.0',
  target: { name: 'moto' },
  seed: 7,
  startedAt: '2026-11-26T00:00:00.000Z',
  durationMs: 1,
  clauses,
  summary: summarize(clauses),
  ...o,
});

describe('diffReports', () => {
  it('finds deviations gained and lost within a clause whose verdict stays fail, and counts the gained ones as new', () => {
    const d = diffReports(report([clause('k.a', 'fail', ['x', 'y'])]), report([clause('k.a', 'fail', ['y', 'z', 'w'])]));
    expect(d.changed).toEqual([
      {
        id: 'k.a',
        before: 'fail',
        after: 'fail',
        gained: [
          { signature: 'z', reason: 'z', index: 2 },
          { signature: 'w', reason: 'w', index: 3 },
        ],
        lost: [{ signature: 'x', reason: 'x', index: 1 }],
      },
    ]);
    expect(newDeviations(d)).toBe(2);
    expect(d.unchanged).toBe(0);
  });

  it('keys deviations by signature only: another reason or counterexample for the same signature is no change', () => {
    const a = report([{ ...clause('k.a', 'fail'), deviations: [deviation('x', 'observed 12 chars', 1)] }]);
    const b = report([{ ...clause('k.a', 'fail'), deviations: [deviation('x', 'observed 99 chars', 2)] }]);
    const d = diffReports(a, b);
    expect(d.changed).toEqual([]);
    expect(d.unchanged).toBe(1);
    expect(newDeviations(d)).toBe(0);
  });

  it('keys deviations by their signature as data: other wording is no change, and a report written before signatures were data is read by its text', () => {
    const identity = { rule: 'too-long', service: 'kms' as const, operation: 'CreateAlias', expected: ['KMS.Validation'], observed: 'success' };
    const old = report([{ ...clause('k.a', 'fail'), deviations: [deviation('[too-long] kms:CreateAlias expected KMS.Validation, observed success')] }]);
    const reworded = report([
      { ...clause('k.a', 'fail'), deviations: [{ ...deviation('CreateAlias (KMS, rule too-long): wanted KMS.Validation, got success'), identity }] },
    ]);
    expect(diffReports(old, reworded).unchanged).toBe(1);
    const other = report([{ ...clause('k.a', 'fail'), deviations: [{ ...deviation('the same words'), identity: { ...identity, rule: 'bad-char' } }] }]);
    const same = report([{ ...clause('k.a', 'fail'), deviations: [{ ...deviation('the same words'), identity }] }]);
    expect(diffReports(same, other).changed.map((c) => [c.gained.length, c.lost.length])).toEqual([[1, 1]]);
  });

  it('reports a verdict change without deviation changes (a baseline now names them), with nothing new', () => {
    const d = diffReports(report([clause('k.a', 'fail', ['x'])]), report([clause('k.a', 'expected-fail', ['x'])]));
    expect(d.changed).toEqual([{ id: 'k.a', before: 'fail', after: 'expected-fail', gained: [], lost: [] }]);
    expect(newDeviations(d)).toBe(0);
  });

  it('a clause that starts failing gains its deviations; one that starts passing loses them', () => {
    const d = diffReports(report([clause('k.a', 'pass'), clause('k.b', 'fail', ['y'])]), report([clause('k.a', 'fail', ['x']), clause('k.b', 'pass')]));
    expect(d.changed.map((c) => [c.id, c.before, c.after, c.gained.map((g) => g.signature), c.lost.map((l) => l.signature)])).toEqual([
      ['k.a', 'pass', 'fail', ['x'], []],
      ['k.b', 'fail', 'pass', [], ['y']],
    ]);
    expect(newDeviations(d)).toBe(1);
  });

  it('lists clauses in one report only, with their deviations; those only in B count as new', () => {
    const d = diffReports(
      report([clause('k.a', 'pass'), clause('k.old', 'fail', ['o'])]),
      report([clause('k.a', 'pass'), clause('k.new', 'fail', ['n1', 'n2'])]),
    );
    expect(d.onlyInA).toEqual([{ id: 'k.old', verdict: 'fail', deviations: [{ signature: 'o', reason: 'o', index: 1 }] }]);
    expect(d.onlyInB.map((c) => [c.id, c.deviations.map((x) => x.signature)])).toEqual([['k.new', ['n1', 'n2']]]);
    expect(newDeviations(d)).toBe(2);
    expect(d.unchanged).toBe(1);
  });

  it('does not compare a clause that errored or was not observable on a side: no deviation is gained or lost there', () => {
    const a = report([
      clause('k.err', 'fail', ['x']),
      clause('k.no', 'pass'),
      clause('k.both', 'error', [], 'HTTP 500'),
      clause('k.gap', 'not-observable', [], 'lacks at-rest'),
    ]);
    const b = report([
      clause('k.err', 'error', [], 'moto: sqs SendMessage answered HTTP 500\nstack'),
      clause('k.no', 'not-observable', [], 'not run: the run was interrupted'),
      clause('k.both', 'error', [], 'HTTP 503'),
      clause('k.gap', 'not-observable', [], 'lacks at-rest'),
    ]);
    const d = diffReports(a, b);
    expect(d.changed).toEqual([]);
    expect(d.notCompared).toEqual([
      { id: 'k.both', before: 'error', after: 'error', why: 'error in A: HTTP 500; error in B: HTTP 503' },
      { id: 'k.err', before: 'fail', after: 'error', why: 'error in B: moto: sqs SendMessage answered HTTP 500' },
      { id: 'k.no', before: 'pass', after: 'not-observable', why: 'not observable in B: not run: the run was interrupted' },
    ]);
    expect(d.notObservableInBoth).toBe(1);
    expect(newDeviations(d)).toBe(0);
  });

  it('a clause that errored in A and fails in B is not compared either: its deviations in A are unknown', () => {
    const d = diffReports(report([clause('k.a', 'error', [], 'timeout')]), report([clause('k.a', 'fail', ['x'])]));
    expect(d.notCompared.map((c) => c.why)).toEqual(['error in A: timeout']);
    expect(newDeviations(d)).toBe(0);
  });

  it('sorts by clause id whatever order the reports hold', () => {
    const d = diffReports(report([clause('b', 'pass'), clause('a', 'pass')]), report([clause('b', 'fail', ['x']), clause('a', 'fail', ['y'])]));
    expect(d.changed.map((c) => c.id)).toEqual(['a', 'b']);
  });
});

describe('rendering a diff', () => {
  const a = report([clause('k.a', 'fail', ['x', 'y']), clause('k.gone', 'pass'), clause('k.err', 'pass')]);
  const b = report([clause('k.a', 'fail', ['y', 'z `tick`']), clause('k.new', 'fail', ['n']), clause('k.err', 'error', [], 'HTTP 500')], {
    target: { name: 'localstack' },
    seed: 8,
  });
  const d = diffReports(a, b);

  it('prints each gained and lost deviation with its place for replay, then a summary line', () => {
    const text = renderDiffConsole(d, { a: 'a.json', b: 'b.json' });
    expect(text).toContain('B: b.json: localstack, sse-conformance 0.1.0, seed 8, 3 clauses');
    expect(text).toMatch(/The seeds differ \(A 7, B 8\)/);
    expect(text).toMatch(/Changed \(1\):\n {2}k\.a: fail \(verdict unchanged\)\n {4}\+ z `tick` {2}\(deviation 2 in B\)\n {4}- x {2}\(deviation 1 in A\)/);
    expect(text).toMatch(/Not compared \(1\):.*\n {2}k\.err: pass → error: error in B: HTTP 500/);
    expect(text).toMatch(/Only in A \(1\):\n {2}k\.gone: pass/);
    expect(text).toMatch(/Only in B \(1\):\n {2}k\.new: fail\n {4}\+ n {2}\(deviation 1 in B\)/);
    expect(text).toContain('2 deviations in B not in A, 1 in A not in B, 1 clause changed, 1 not compared, 1 only in A, 1 only in B, 0 unchanged');
    expect(text).toContain('Replay one: sse-conformance replay b.json CLAUSE --deviation N');
  });

  it('says there is nothing new when nothing changed', () => {
    const same = renderDiffConsole(diffReports(a, a), { a: 'a.json', b: 'a.json' });
    expect(same).toContain('0 deviations in B not in A, 0 in A not in B, 0 clauses changed, 0 not compared, 0 only in A, 0 only in B, 3 unchanged');
    expect(same).not.toMatch(/Changed|Replay one/);
  });

  it('writes Markdown whose code spans hold any signature', () => {
    const md = renderDiffMarkdown(d, { a: 'a.json', b: 'b|c.json' });
    expect(md).toMatch(/^# sse-conformance diff\n\n\*\*2 deviations in B not in A/);
    expect(md).toContain('| B | b\\|c.json | localstack | 0.1.0 | 8 | 3 |');
    expect(md).toContain('- `k.a`: fail (verdict unchanged)\n  - gained: `` z `tick` `` (deviation 2 in B)\n  - lost: `x` (deviation 1 in A)');
    expect(md).toContain('- `k.err`: pass → error: `error in B: HTTP 500`');
    expect(md).toContain('## Only in B (1)\n\n- `k.new`: fail\n  - in B: `n` (deviation 1 in B)');
  });
});
