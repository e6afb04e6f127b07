/**
 * The report schema accepts every report a run writes (with deviations, interrupted, unavailable
 * targets), refuses anything else naming the first offending path, agrees with the types the code
 * uses, and stays open to fields a later version adds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ReferenceClients } from '../reference/index.js';
import type { Evidence, Level } from '../src/clause.js';
import { readReport, ReportFileError } from '../app/cli/read-report.js';
import type { Service } from '../src/errors/codes.js';
import type { Report, Step as ReportStep, Verdict } from '../src/report.js';
import type { DeviationSignature } from '../src/signature.js';
import { type EVIDENCE, type LEVELS, ReportSchema, reportJsonSchema, StepSchema } from '../src/report-schema.js';
import { serviceNames } from '../src/services/registry.js';
import { runConformance } from '../src/runner.js';
import type { Step as SessionStep } from '../src/session.js';
import { loadClauses } from '../src/spec-loader.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const dir = mkdtempSync(join(tmpdir(), 'ssec-schema-'));
const clauses = await loadClauses();

/** CreateAlias succeeds whatever the name: kms.aliases.alias-name-rules shows several deviations. */
const acceptsAnyAlias = ({ kms }: ReferenceClients) =>
  kms.middlewareStack.add(
    (next, context) => async (args) =>
      ((context as { commandName?: string }).commandName === 'CreateAliasCommand' ? { output: { $metadata: {} }, response: {} } : next(args)) as never,
    { step: 'initialize', name: 'accept-any-alias' },
  );

/** A report as a file holds it: through JSON, as `run --format json` writes it. */
const asWritten = (r: Report): unknown => JSON.parse(JSON.stringify(r));

const firstIssue = (value: unknown) => {
  const r = ReportSchema.safeParse(value);
  return r.success ? undefined : r.error.issues[0]!.path.join('/');
};

describe('the report schema', () => {
  it('accepts what runs write: passes, several deviations with their steps, and not-observable clauses', async () => {
    const picked = clauses.filter((c) => c.id.startsWith('kms.aliases.') || c.id.startsWith('sqs.sse-sqs.'));
    const target = new ReferenceTarget({ decorate: acceptsAnyAlias });
    const report = await runConformance(target, { clauses: picked, seed: 3, runs: 20 });
    const rules = report.clauses.find((c) => c.id === 'kms.aliases.alias-name-rules')!;
    expect(rules.deviations!.length).toBeGreaterThan(1); // the schema sees real deviations, not an empty run
    expect(ReportSchema.safeParse(asWritten(report)).error?.issues).toBeUndefined();
    const interrupted = await runConformance(target, { clauses: picked.slice(0, 2), signal: AbortSignal.abort() });
    expect(interrupted.interrupted).toBe(true);
    expect(ReportSchema.safeParse(asWritten(interrupted)).success).toBe(true);
  });

  it('refuses what breaks the contract, at the first offending path', () => {
    const good: Record<string, unknown> = {
      tool: 'sse-conformance',
      version: '0.1.0',
      target: { name: 'x' },
      seed: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 5,
      clauses: [{ id: 'a.b.c', title: 't', level: 'MUST', sources: [], features: [], verdict: 'pass', runs: 1, durationMs: 1 }],
      summary: { pass: 1, fail: 0, 'expected-fail': 0, 'unexpected-pass': 0, 'not-observable': 0, error: 0 },
    };
    const clause = (good.clauses as Record<string, unknown>[])[0]!;
    const step = { op: 'SendMessage', service: 'sqs', principal: 0, input: {}, observed: { ok: true } };
    const withCe = (ce: unknown) => ({ ...good, clauses: [{ ...clause, verdict: 'fail', counterexample: ce }] });
    expect(firstIssue(good)).toBeUndefined();
    expect(firstIssue(withCe({ seed: 9, path: '3:1:0', steps: [step] }))).toBeUndefined();
    expect(firstIssue({ ...good, tool: 'other' })).toBe('tool');
    expect(firstIssue({ ...good, seed: 2 ** 32 })).toBe('seed');
    expect(firstIssue({ ...good, seed: 1.5 })).toBe('seed');
    expect(firstIssue({ ...good, startedAt: 'yesterday' })).toBe('startedAt');
    expect(firstIssue({ ...good, clauses: [clause, { ...clause, id: 'a.b.d', verdict: 'passed' }] })).toBe('clauses/1/verdict');
    expect(firstIssue({ ...good, clauses: [clause, clause] })).toBe('clauses/1/id');
    expect(firstIssue({ ...good, summary: { pass: 1 } })).toBe('summary/fail');
    // Any service name of the registry's form: a run may have registered services this reader does not hold.
    expect(firstIssue(withCe({ seed: 9, path: '3:1:0', steps: [{ ...step, service: 'S3 bucket' }] }))).toBe('clauses/0/counterexample/steps/0/service');
    expect(firstIssue(withCe({ seed: 9, path: '3:1:0', steps: [{ ...step, observed: {} }] }))).toBe('clauses/0/counterexample/steps/0/observed/ok');
    expect(firstIssue(withCe({ seed: 9, path: 'x', steps: [] }))).toBe('clauses/0/counterexample/path');
  });

  it('is lenient where content is free-form: any step input, extra observed values, fields a later version adds', () => {
    const report = {
      tool: 'sse-conformance',
      version: '9.0.0',
      target: { name: 'x', region: 'new' },
      seed: 1,
      startedAt: '2026-01-01T00:00:00Z',
      durationMs: 0,
      clauses: [
        {
          id: 'a.b.c',
          title: 't',
          level: 'SHOULD',
          sources: [{ fact: 'SQS-1', url: 'u', evidence: 'OBS' }],
          features: ['new-feature'],
          verdict: 'fail',
          runs: 1,
          durationMs: 1,
          flaky: true,
          counterexample: {
            seed: 0,
            path: '',
            steps: [
              {
                op: 'X',
                service: 'kms',
                principal: 1,
                input: [1, 'two', null],
                expected: [{ ok: true, Body: 'b' }],
                observed: { ok: true, Body: 'c', waited: 5 },
              },
            ],
          },
        },
      ],
      summary: { pass: 0, fail: 1, 'expected-fail': 0, 'unexpected-pass': 0, 'not-observable': 0, error: 0 },
      future: { anything: 1 },
    };
    expect(ReportSchema.safeParse(report).error?.issues).toBeUndefined();
    const file = join(dir, 'future.json');
    writeFileSync(file, JSON.stringify(report));
    expect(readReport(file)).toEqual(report); // kept as written: `report` passes on what it does not know
  });

  it('readReport says which path is wrong, on one line', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        tool: 'sse-conformance',
        version: '1',
        target: { name: 'x' },
        seed: 1,
        startedAt: '2026-01-01T00:00:00Z',
        durationMs: 0,
        clauses: [{ id: 'a' }],
        summary: {},
      }),
    );
    expect(() => readReport(file)).toThrow(ReportFileError);
    expect(() => readReport(file)).toThrow(/^cannot read report .*bad\.json: not an sse-conformance JSON report: clauses\[0\]\.title: missing \(/);
  });

  it('exports JSON Schema that leaves objects open, so reports with added fields still validate', () => {
    const text = JSON.stringify(reportJsonSchema());
    expect(text).not.toMatch(/"additionalProperties":false/);
    const schema = reportJsonSchema() as { required: string[]; properties: Record<string, unknown>; $defs: Record<string, unknown> };
    expect(schema.required).toEqual(['tool', 'version', 'target', 'seed', 'startedAt', 'durationMs', 'clauses', 'summary']);
    expect(Object.keys(schema.$defs).sort()).toEqual([
      'ClauseResult',
      'Counterexample',
      'Deviation',
      'DeviationSignature',
      'FaultSignature',
      'Leftover',
      'Source',
      'Step',
    ]);
  });

  it('agrees with the types of clauses, services and sessions', () => {
    expectTypeOf<(typeof LEVELS)[number]>().toEqualTypeOf<Level>();
    expectTypeOf<(typeof EVIDENCE)[number]>().toEqualTypeOf<Evidence>();
    // Service names are the registry's, which can grow at run time: a report takes any name of their form.
    expectTypeOf<Service>().toExtend<ReportStep['service']>();
    expectTypeOf<ReportStep['service']>().toEqualTypeOf<string>();
    expectTypeOf<SessionStep>().toEqualTypeOf<ReportStep>();
    expectTypeOf<Report['clauses'][number]['sources'][number]['evidence']>().toEqualTypeOf<Evidence>();
    expectTypeOf<keyof Report['summary']>().toEqualTypeOf<Verdict>();
    expectTypeOf<NonNullable<Report['clauses'][number]['deviations']>[number]['identity']>().toEqualTypeOf<DeviationSignature | undefined>();
    expectTypeOf<DeviationSignature['service']>().toEqualTypeOf<string | undefined>();
  });

  it("takes every service of the registry as a step's service, and only names of that form", () => {
    const step = { op: 'SendMessage', principal: 0, input: {}, observed: { ok: true } };
    for (const service of [...serviceNames(), 'widget']) expect(StepSchema.safeParse({ ...step, service }).success, service).toBe(true);
    for (const service of ['', 'SQS', 'sqs service', 'sqs:x']) expect(StepSchema.safeParse({ ...step, service }).success, service).toBe(false);
  });
});
