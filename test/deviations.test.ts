/**
 * Every distinct deviation of a clause is found and shrunk on its own, and a baseline hides only the
 * deviations it names: a variant of the reference whose CreateAlias accepts every name breaks four
 * rules of kms.aliases.alias-name-rules at once; one whose queues with a key read a stale
 * SqsManagedSseEnabled and no reuse period fails both checks of
 * sqs.sse-kms.setting-a-key-clears-sqs-managed-sse, which are two deviations.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFrom, readBaseline } from '../src/baseline.js';
import { summarize, type ClauseResult, type Deviation, type Report } from '../src/report.js';
import type { ReferenceClients } from '../reference/index.js';
import type { Baseline } from '../src/judge.js';
import { runClause } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { TARGET_MODULES } from '../test-targets/registry.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';
import { around } from './mutants/kit.js';

/** CreateAlias succeeds whatever the name (the rules are not checked). */
const acceptsAnyAlias = ({ kms }: ReferenceClients) =>
  kms.middlewareStack.add(
    (next, context) => async (args) =>
      ((context as { commandName?: string }).commandName === 'CreateAliasCommand' ? { output: { $metadata: {} }, response: {} } : next(args)) as never,
    { step: 'initialize', name: 'accept-any-alias' },
  );

const run = async (baseline?: Baseline, prefix = 'dev') => {
  const clause = (await loadClauses()).find((c) => c.id === 'kms.aliases.alias-name-rules')!;
  const target = new ReferenceTarget({ decorate: acceptsAnyAlias });
  await target.start();
  return runClause(target, clause, { seed: 7, runs: 60, prefix, ...(baseline ? { baseline } : {}) });
};

describe('deviations', () => {
  it('finds each broken rule of a clause as its own deviation, each with a short counterexample', async () => {
    const r = await run();
    expect(r.verdict).toBe('fail');
    const sigs = r.deviations!.map((d) => d.signature);
    expect(sigs.map((s) => /^\[([a-z-]+)\]/.exec(s)![1]).sort()).toEqual(['bad-char', 'no-prefix', 'reserved', 'too-long']);
    expect(new Set(sigs).size).toBe(sigs.length);
    for (const d of r.deviations!) expect(d.counterexample.steps.length, d.signature).toBeLessThanOrEqual(3);
  });

  it('is deterministic: the same seed finds the same deviations with the same counterexamples, whatever the run prefix', async () => {
    const [a, b] = [await run(undefined, 'ssec-abc123'), await run(undefined, 'ssec-xyz789')];
    expect(JSON.stringify(b.deviations)).toBe(JSON.stringify(a.deviations));
    expect(JSON.stringify(a.deviations)).not.toMatch(/abc123/);
  });

  it('a baseline that names some deviations fails on the others, and names them', async () => {
    const found = (await run()).deviations!;
    const all = found.map((d) => d.identity!);
    const first = found[0]!.signature;
    const partial = await run({ 'kms.aliases.alias-name-rules': { reason: 'r', since: '2026-01-01', deviations: [all[0]!] } });
    expect(partial.verdict).toBe('fail');
    expect(partial.reason).toMatch(/a deviation the baseline does not name/);
    expect(partial.counterexample).toBe(partial.deviations!.find((d) => d.signature !== first)!.counterexample);
    const complete = await run({ 'kms.aliases.alias-name-rules': { reason: 'r', since: '2026-01-01', deviations: all } });
    expect(complete.verdict).toBe('expected-fail');
    // Any field that differs is another deviation: here the rule the clause names.
    const edited = await run({
      'kms.aliases.alias-name-rules': { reason: 'r', since: '2026-01-01', deviations: [...all.slice(1), { ...all[0]!, rule: 'edited' }] },
    });
    expect(edited.verdict).toBe('fail');
    expect(edited.reason).toContain(`does not name: ${first}`);
    expect(edited.reason).toContain(`named but no longer shown: ${first.replace(/^\[[^\]]+\]/, '[edited]')}`);
    const other = { service: 'kms' as const, operation: 'CreateAlias', field: 'something else' };
    const stale = await run({ 'kms.aliases.alias-name-rules': { reason: 'r', since: '2026-01-01', deviations: [...all, other] } });
    expect(stale.verdict).toBe('unexpected-pass');
    expect(stale.reason).toMatch(/no longer show: kms:CreateAlias something else differs/);
    // Written back, the stale entry names what shows now: the deviations that remain, not nothing.
    const report: Report = {
      tool: 'sse-conformance',
      version: '0',
      target: { name: 't' },
      seed: 1,
      startedAt: '2026-11-26T00:00:00.000Z',
      durationMs: 0,
      clauses: [stale],
      summary: summarize([stale]),
    };
    expect(baselineFrom(report)['kms.aliases.alias-name-rules']?.deviations).toEqual(all);
  });
});

describe('baseline entries for errors and clauses that observe nothing', () => {
  const clauseId = 'kms.aliases.alias-name-rules';
  const fault = { service: 'sqs' as const, operation: 'CreateQueue', httpStatus: 500, code: 'ProtocolError' };
  const report = (verdict: ClauseResult['verdict'], reason: string, extra: Partial<ClauseResult> = {}): Report => ({
    tool: 'sse-conformance',
    version: '0',
    target: { name: 't' },
    seed: 1,
    startedAt: '2026-11-26T00:00:00.000Z',
    durationMs: 0,
    clauses: [{ id: clauseId, title: 't', level: 'MUST', sources: [], features: [], verdict, reason, runs: 1, durationMs: 0, ...extra }],
    summary: summarize([]),
  });

  it('records an error, with its fault when the target answered one, and a not-observable verdict the capabilities do not explain, as verdict entries', () => {
    expect(baselineFrom(report('error', 't: sqs CreateQueue failed without a service answer: ECONNRESET'), {}, '2026-11-26')[clauseId]).toEqual({
      reason: 't: sqs CreateQueue failed without a service answer: ECONNRESET',
      since: '2026-11-26',
      verdict: 'error',
    });
    const answered = report('error', 't: sqs CreateQueue answered HTTP 500', {
      fault: { signature: 'sqs:CreateQueue answered HTTP 500 ProtocolError', identity: fault },
    });
    expect(baselineFrom(answered, {}, '2026-11-26')[clauseId]).toEqual({
      reason: 't: sqs CreateQueue answered HTTP 500',
      since: '2026-11-26',
      verdict: 'error',
      fault,
    });
    expect(baselineFrom(report('not-observable', 'made the key Enabled'), {}, '2026-11-26', () => false)[clauseId]).toMatchObject({
      verdict: 'not-observable',
    });
    expect(baselineFrom(report('not-observable', 'lacks a virtual clock'), {}, '2026-11-26', () => true)).toEqual({});
  });

  it('never turns an error into a verdict, and a pass makes the entry stale', async () => {
    const r = await run({ [clauseId]: { reason: 'r', since: '2026-01-01', verdict: 'error', fault } });
    expect(r.verdict, 'a real failure is not hidden by an error entry').toBe('fail');
    const clause = (await loadClauses()).find((c) => c.id === clauseId)!;
    const target = new ReferenceTarget();
    await target.start();
    const passing = await runClause(target, clause, {
      seed: 7,
      runs: 5,
      prefix: 'dev',
      baseline: { [clauseId]: { reason: 'r', since: '2026-01-01', verdict: 'error' } },
    });
    expect(passing.verdict).toBe('unexpected-pass');
    expect(passing.reason).toMatch(/as error .* but passed: the baseline is stale/);
  });

  it('reads verdict entries (named observed before version 3) and refuses one that also names deviations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-bl-'));
    writeFileSync(
      join(dir, 'ok.json'),
      JSON.stringify({ version: 3, clauses: { [clauseId]: { reason: 'r', since: '2026-01-01', verdict: 'not-observable' } } }),
    );
    expect(readBaseline(join(dir, 'ok.json'))[clauseId]!.verdict).toBe('not-observable');
    const v2 = { version: 2, clauses: { [clauseId]: { reason: 'r', since: '2026-01-01', observed: 'error', fault } } };
    writeFileSync(join(dir, 'v2.json'), JSON.stringify(v2));
    expect(readBaseline(join(dir, 'v2.json'))[clauseId]).toEqual({ reason: 'r', since: '2026-01-01', verdict: 'error', fault });
    // Version 3 has no `observed` entry, and version 2 no `verdict`: each is a key the entry does not know
    writeFileSync(join(dir, 'mixed.json'), JSON.stringify({ version: 3, clauses: { [clauseId]: { reason: 'r', since: '2026-01-01', observed: 'error' } } }));
    expect(() => readBaseline(join(dir, 'mixed.json'))).toThrow(/has "observed", which is named "verdict" since version 3/);
    const both = { reason: 'r', since: '2026-01-01', verdict: 'error', deviations: [{ field: 'x' }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 3, clauses: { [clauseId]: both } }));
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(/has "verdict" "error" or "not-observable", and then no "deviations"/);
  });

  it('refuses a malformed baseline with one line naming the entry and the field (zod), and reads every committed baseline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-bl-'));
    const v3 = (clauses: unknown) => ({ version: 3, clauses });
    const v2 = (clauses: unknown) => ({ version: 2, clauses });
    const sig = { service: 'kms', operation: 'CreateAlias', expected: ['KMS.Validation'], observed: 'success' };
    const cases: [unknown, RegExp][] = [
      [[], /: the whole file: expected an object of clause id → \{ reason, since, deviations \}$/],
      [{ version: 4, clauses: {} }, /: version 4 is not one this sse-conformance reads \(1, without "version", 2 or 3\)$/],
      [{ version: 3 }, /: clauses: missing$/],
      [{ version: 3, clauses: {}, extra: 1 }, /: the whole file: Unrecognized key: "extra"$/],
      [v3([]), /: clauses: expected an object of clause id → \{ reason, since, deviations \}$/],
      [v3({ a: { since: '2026-01-01', deviations: [sig] } }), /: clauses\.a\.reason: missing$/],
      [v3({ a: { reason: 'r', since: 5, deviations: [sig] } }), /: clauses\.a\.since: expected string, received number$/],
      [v3({ a: { reason: 'r', since: 's', deviations: [] } }), /: clauses\.a\.deviations: Too small/],
      [v3({ a: { reason: 'r', since: 's', deviations: ['x'] } }), /: clauses\.a\.deviations\[0\]: expected object, received string$/],
      [v3({ a: { reason: 'r', since: 's', deviations: [{ ...sig, observd: 'x' }] } }), /: clauses\.a\.deviations\[0\]: Unrecognized key: "observd"$/],
      [
        v3({ a: { reason: 'r', since: 's', deviations: [{ ...sig, service: 'dynamodb' }] } }),
        /: clauses\.a\.deviations\[0\]\.service: dynamodb is not a service of the registry \(kms, sns, sqs, s3\)$/,
      ],
      [v3({ a: { reason: 'r', since: 's', verdict: 'fail' } }), /: clauses\.a\.verdict: expected one of "error"\|"not-observable"$/],
      // Version 2: the verdict was named `observed`.
      [v2({ a: { reason: 'r', since: 's', observed: 'fail' } }), /: clauses\.a\.observed: expected one of "error"\|"not-observable"$/],
      [v2({ a: { reason: 'r', since: 's', deviations: [sig], fault } }), /: clauses\.a: names a "fault" only with "observed": "error"$/],
      [v3({ a: { reason: 'r', since: 's' } }), /: clauses\.a: needs "deviations", the signatures it expects/],
      [
        v3({ a: { reason: 'r', since: 's', verdict: 'error', fault: { ...fault, httpStatus: 400 } } }),
        /: clauses\.a\.fault\.httpStatus: Too small: expected number to be >=500$/,
      ],
      [
        v3({ a: { reason: 'r', since: 's', verdict: 'error', fault: 'HTTP 500' } }),
        /: clauses\.a\.fault: expected a fault signature \{ service, operation, httpStatus, code \}$/,
      ],
      [v3({ a: { reason: 'r', since: 's', deviations: [sig], fault } }), /: clauses\.a: names a "fault" only with "verdict": "error"$/],
      // Version 1: signatures as text.
      [{ a: { since: '2026-01-01', deviations: ['x differs'] } }, /: a\.reason: missing$/],
      [{ a: { reason: 'r', since: 's', deviations: [1] } }, /: a\.deviations\[0\]: expected string/],
      [
        { a: { reason: 'r', since: 's', deviations: ['kms:CreateAlias went wrong'] } },
        /: a\.deviations\[0\]: not a signature this version can read: "kms:CreateAlias went wrong"$/,
      ],
    ];
    for (const [content, message] of cases) {
      writeFileSync(join(dir, 'b.json'), JSON.stringify(content));
      const e = (() => {
        try {
          readBaseline(join(dir, 'b.json'));
        } catch (x) {
          return x as Error;
        }
      })();
      expect(e?.name, JSON.stringify(content)).toBe('BaselineFileError');
      expect(e!.message, JSON.stringify(content)).toMatch(/^cannot read baseline .*b\.json: (not an sse-conformance baseline: |version )/);
      expect(e!.message, JSON.stringify(content)).toMatch(message);
      expect(e!.message).not.toContain('\n');
    }
    for (const m of TARGET_MODULES.filter((x) => x.baseline && existsSync(x.baseline)))
      expect(Object.keys(readBaseline(m.baseline!)).length, m.name).toBeGreaterThan(0);
  });
});

describe('every failed check of a clause', () => {
  const clauseId = 'sqs.sse-kms.setting-a-key-clears-sqs-managed-sse';
  /** A queue with a key reads SqsManagedSseEnabled "true" where `stale` says, and no reuse period where `dropped` says. */
  const wrongAttributes =
    (stale: (url: string) => boolean, dropped: (url: string) => boolean) =>
    ({ sqs }: ReferenceClients) =>
      around(sqs, 'GetQueueAttributes', async (i, next) => {
        const out = await next(i);
        if (!out.Attributes?.KmsMasterKeyId) return out;
        if (stale(i.QueueUrl)) out.Attributes.SqsManagedSseEnabled = 'true';
        if (dropped(i.QueueUrl)) delete out.Attributes.KmsDataKeyReusePeriodSeconds;
        return out;
      });
  const runWith = async (decorate: (c: ReferenceClients) => void, baseline?: Baseline) => {
    const clause = (await loadClauses()).find((c) => c.id === clauseId)!;
    const target = new ReferenceTarget({ decorate });
    await target.start();
    return runClause(target, clause, { seed: 7, runs: 25, prefix: 'two', ...(baseline ? { baseline } : {}) });
  };
  const FIELDS = ['KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];
  /** The last step of a deviation's counterexample: the read that shows it. */
  const shownBy = (d: Deviation) => {
    const last = d.counterexample.steps.at(-1)!;
    const field = (d.identity as { field: string }).field;
    return { op: last.op, field, observed: last.observed[field], expected: (last.expected?.[0] as Record<string, unknown> | undefined)?.[field] };
  };

  it('two checks a target fails in the same scenario are two deviations, each with a counterexample that shows it', async () => {
    const r = await runWith(
      wrongAttributes(
        () => true,
        () => true,
      ),
    ); // as LocalStack: both wrong on every queue with a key
    expect(r.verdict, r.reason).toBe('fail');
    expect(r.deviations!.map((d) => d.signature).sort()).toEqual(FIELDS.map((f) => `sqs:GetQueueAttributes ${f} differs`));
    const byField = Object.fromEntries(r.deviations!.map((d) => [shownBy(d).field, shownBy(d)]));
    expect(byField.SqsManagedSseEnabled).toEqual({ op: 'GetQueueAttributes', field: 'SqsManagedSseEnabled', observed: 'true', expected: 'false' });
    expect(byField.KmsDataKeyReusePeriodSeconds).toEqual({
      op: 'GetQueueAttributes',
      field: 'KmsDataKeyReusePeriodSeconds',
      observed: '(absent)',
      expected: '300',
    });
    for (const d of r.deviations!) {
      expect(d.counterexample.steps.length, d.signature).toBeLessThanOrEqual(3);
      expect(d.reason).toMatch(new RegExp(`^sqs:GetQueueAttributes ${shownBy(d).field}: expected`));
    }
  });

  it('two checks failed on different inputs are each found and shrunk on their own', async () => {
    const fifo = (url: string) => url.endsWith('.fifo');
    const r = await runWith(wrongAttributes((url) => !fifo(url), fifo)); // standard queues keep SSE-SQS; FIFO queues lose the period
    expect(r.verdict, r.reason).toBe('fail');
    const inputOf = (field: string) => r.deviations!.find((d) => shownBy(d).field === field)?.counterexample.input as { fifo: boolean } | undefined;
    expect(inputOf('SqsManagedSseEnabled')?.fifo).toBe(false);
    expect(inputOf('KmsDataKeyReusePeriodSeconds')?.fifo).toBe(true);
    for (const d of r.deviations!) expect(shownBy(d).observed, d.signature).not.toBe(shownBy(d).expected);
  });

  it('a baseline that names one of the two fails on the other, and names it', async () => {
    const broken = wrongAttributes(
      () => true,
      () => true,
    );
    const all = (await runWith(broken)).deviations!.map((d) => d.identity!);
    const first = all.find((s) => (s as { field: string }).field === 'SqsManagedSseEnabled')!;
    const partial = await runWith(broken, { [clauseId]: { reason: 'r', since: '2026-01-01', deviations: [first] } });
    expect(partial.verdict).toBe('fail');
    expect(partial.reason).toContain('a deviation the baseline does not name: sqs:GetQueueAttributes KmsDataKeyReusePeriodSeconds differs');
    expect((await runWith(broken, { [clauseId]: { reason: 'r', since: '2026-01-01', deviations: all } })).verdict).toBe('expected-fail');
  });
});
