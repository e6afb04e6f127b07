/**
 * The JSON report format, as a zod schema: what `run --format json`, `run --out` (report.json) and
 * `report --format json` write, and what `report`, `replay`, `explain --report` and `diff` accept.
 * docs/report.schema.json is generated from it (`npm run docs`); src/report.ts derives the types.
 *
 * The contract: fields may be added, never removed. So objects do not forbid other properties
 * (the JSON Schema is exported for input, without `additionalProperties: false`), and readers
 * should ignore what they do not know. Strict where the meaning is fixed (tool name, verdicts,
 * levels, services, counts and seeds); lenient where content is free-form (step inputs, the
 * observed values a clause records, generated inputs).
 */
import { z } from 'zod';
import { FAULT_SHAPE, FIELD_SHAPE, OUTCOME_SHAPE, serviceName } from './signature.js';

export const VERDICTS = ['pass', 'fail', 'expected-fail', 'expected-error', 'unexpected-pass', 'not-observable', 'error'] as const;
/** As src/clause.ts (`Level`, `Evidence`) defines them; test/report-schema.test.ts checks they agree. */
export const LEVELS = ['MUST', 'SHOULD', 'OBSERVED'] as const;
export const EVIDENCE = ['DOC', 'MODEL', 'OBS', 'INF', 'SDK'] as const;

/** fast-check seeds are 32-bit unsigned (src/runner.ts `clauseSeed`, `--seed`). */
const seed = z.number().int().min(0).max(0xffff_ffff);
const count = z.number().int().min(0);
const milliseconds = z.number().int().min(0);

export const StepSchema = z
  .object({
    op: z.string().min(1).meta({ description: 'The SDK operation, e.g. `SendMessage`.' }),
    service: serviceName,
    principal: count.meta({ description: "Which of the target's principals made the call (0 is the first)." }),
    input: z.unknown().meta({ description: 'The request as sent, with resources named symbolically (`key#0`, `queue#1`, `<run>`) and long strings cut.' }),
    expected: z
      .array(z.looseObject({ ok: z.boolean() }))
      .optional()
      .meta({
        description:
          'The outcomes the clause allows (`{ ok: true }`, `{ ok: false, code }`, code `*` for any mapped error), or the value it checks (`{ ok: true, <field>: value }`). Absent when the step was not judged.',
      }),
    observed: z.looseObject({ ok: z.boolean() }).meta({
      description:
        'The normalised outcome: `{ ok: true }` or `{ ok: false, code, httpStatus, name, message }`, plus any value the clause checked and `waited` for probes.',
    }),
  })
  .meta({ id: 'Step', description: 'One SDK call of a scenario.' });

export const CounterexampleSchema = z
  .object({
    seed: seed.meta({ description: "The clause's own seed (derived from the run's seed and the clause id): `replay CLAUSE --seed S --path P`." }),
    path: z
      .string()
      .regex(/^(\d+(:\d+)*)?$/, 'a fast-check path such as 3:1:0')
      .meta({ description: "fast-check's path to the shrunk input, e.g. `3:1:0`." }),
    input: z.unknown().optional().meta({ description: 'The generated input, with resources named symbolically.' }),
    steps: z.array(StepSchema),
    shrinkCut: z.string().optional().meta({
      description:
        'Present when shrinking stopped before every smaller input was tried (its steps waited out bounds): why. The counterexample was run and fails as shown; a smaller one may exist.',
    }),
  })
  .meta({ id: 'Counterexample', description: 'A shrunk failing scenario, replayable by seed and path.' });

export const DeviationSignatureSchema = z.union([z.object(OUTCOME_SHAPE).meta({ title: 'outcome' }), z.object(FIELD_SHAPE).meta({ title: 'field' })]).meta({
  id: 'DeviationSignature',
  description:
    'What was violated, as data, without generated values: a step whose outcome the clause does not allow, or a value it checked that differs. Baselines store it; `diff` compares deviations by it.',
});

export const FaultSignatureSchema = z
  .object(FAULT_SHAPE)
  .meta({ id: 'FaultSignature', description: 'A target fault that is an answer (HTTP 5xx), without its message: what a baseline names to expect an error.' });

export const DeviationSchema = z
  .object({
    signature: z.string().min(1).meta({ description: 'The signature as text, as the console shows it (the text of `identity`).' }),
    identity: DeviationSignatureSchema.optional().meta({
      description:
        'The signature as data: what baselines and `diff` compare. Absent in reports written before signatures were data (their `signature` text is read then).',
    }),
    reason: z.string(),
    counterexample: CounterexampleSchema,
  })
  .meta({ id: 'Deviation', description: 'One distinct way a target breaks a clause, shrunk on its own.' });

export const SourceSchema = z
  .object({
    fact: z.string().min(1).meta({ description: 'The fact of specs/facts.md, e.g. `SQS-3`.' }),
    url: z.string().min(1).meta({ description: 'The AWS page (or recorded evidence) it rests on.' }),
    evidence: z.enum(EVIDENCE),
  })
  .meta({ id: 'Source' });

export const ClauseResultSchema = z
  .object({
    id: z.string().min(1).meta({ description: 'The clause id, `<service>.<topic>.<behaviour>`; unique within a report.' }),
    title: z.string(),
    level: z.enum(LEVELS),
    sources: z.array(SourceSchema),
    features: z.array(z.string()),
    verdict: z.enum(VERDICTS).meta({
      description:
        '`expected-fail`: every deviation is one the baseline names; `expected-error`: the target fault is the one the baseline names; `unexpected-pass`: the baseline names what no longer shows.',
    }),
    reason: z.string().optional(),
    runs: count.meta({ description: 'Scenarios run (0 when the clause was not run).' }),
    durationMs: milliseconds,
    counterexample: CounterexampleSchema.optional().meta({
      description: 'The counterexample of `reason`: the first deviation the baseline does not name, else the first one.',
    }),
    deviations: z.array(DeviationSchema).optional().meta({ description: 'Every distinct deviation found, each shrunk on its own, in the order found.' }),
    fault: z
      .object({ signature: z.string().min(1).meta({ description: 'Its text.' }), identity: FaultSignatureSchema })
      .optional()
      .meta({
        description:
          'With verdict `error` or `expected-error`: the target fault that ended the clause, when it was an answer (HTTP 5xx). Throttling, timeouts and unreachable targets have none.',
      }),
  })
  .meta({ id: 'ClauseResult', description: "One clause's verdict on the target." });

export const LeftoverSchema = z
  .object({
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .meta({
        description: 'Its resource kind, as its service names it in the registry (src/services/): `queue`, `topic`, `alias`, `key` for the built-in ones.',
      }),
    id: z.string().min(1).meta({ description: 'The queue URL, topic ARN, alias name or key ID.' }),
    clause: z.string().optional().meta({ description: 'The clause whose scenario created it (absent: the end of the run).' }),
    reason: z.string().meta({ description: 'Why cleanup could not delete it (a pooled key: restore it and give its lease back).' }),
  })
  .meta({ id: 'Leftover', description: 'A resource a run on a real account could not clean up; `sweep --delete` removes it.' });

export const ReportSchema = z
  .object({
    tool: z.literal('sse-conformance'),
    version: z.string().min(1).meta({ description: 'The sse-conformance version that wrote the report.' }),
    target: z.object({
      name: z.string().min(1),
      endpoint: z.string().optional().meta({ description: 'Where the target listened (emulators pick free ports).' }),
      unavailable: z.string().optional().meta({ description: 'Why the target could not be started, or stopped answering; its clauses are not-observable.' }),
    }),
    seed,
    startedAt: z.iso.datetime(),
    durationMs: milliseconds,
    clauses: z.array(ClauseResultSchema),
    summary: z
      .object({
        pass: count,
        fail: count,
        'expected-fail': count,
        'expected-error': count.optional().meta({ description: 'Absent in reports written before this verdict existed: 0.' }),
        'unexpected-pass': count,
        'not-observable': count,
        error: count,
      })
      .meta({ description: 'How many clauses got each verdict.' }),
    interrupted: z.boolean().optional().meta({ description: 'The run was interrupted (SIGINT, SIGTERM): clauses from there on were not run.' }),
    leftovers: z
      .array(LeftoverSchema)
      .optional()
      .meta({ description: 'What cleanup left behind on a real account (exit code 5 when the verdicts are as expected); absent when nothing was.' }),
  })
  .superRefine((r, ctx) => {
    // Not expressible in JSON Schema, but every reader keys clauses by id (merge, explain, replay, diff).
    const first = new Map<string, number>();
    r.clauses.forEach((c, i) => {
      const seen = first.get(c.id);
      if (seen === undefined) first.set(c.id, i);
      else ctx.addIssue({ code: 'custom', path: ['clauses', i, 'id'], message: `duplicate clause id, also clauses[${seen}].id` });
    });
  })
  .meta({
    title: 'sse-conformance report',
    description: 'The JSON report of one run of the sse-conformance specification against one target. Fields may be added, never removed.',
  });

/** The report format as JSON Schema (draft 2020-12), as docs/report.schema.json holds it. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
