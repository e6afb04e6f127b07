/**
 * The recording (transcript) format, as a zod schema: what `run --record FILE` writes, and what
 * `check-model FILE` and the `recorded` target read. docs/recording.schema.json is generated from it
 * (`npm run docs`); docs/recordings.md explains it.
 *
 * Versioned: `formatVersion` changes when a field changes meaning or goes; fields may be added within a
 * version. Values are symbolic and redacted (src/recording/symbolic.ts): resources are `key#0`,
 * `arn(key#0)`, `queue#1`, `queue#1.fifo` (a name), `url(queue#1)`, `arn(queue#1)`, `topic#0`, `arn(topic#0)`,
 * `arn(sub#0)`, `principal#1`, the run prefix `<run>`; account ids are `<account>`, request ids
 * `<request-id>`, credentials `<credential>`; opaque ids the target chose are `message#N`, `receipt#N`, `upload#N`;
 * bytes are `{ "$bytes": base64 }` (sent by the client) or `{ "$blob": "blob#N", "length": n }` (made by
 * the target); an S3 object's body read back (what the run wrote) `{ "$text": string }`; dates `{ "$date": ISO-8601 }`; bodies of one repeated character `{ "$repeat": "a", "count": n }`; a
 * received message's `MD5OfBody` that was right when recorded is `{ "$md5": "Body" }` (its body holds symbols).
 */
import { z } from 'zod';
import { serviceName } from '../signature.js';

export const RECORDING_FORMAT = 'sse-conformance-recording';
/**
 * 2: capabilities hold `limits` per service instead of `sqsMaxMessageBytes` and `snsMaxMessageBytes`. 3: an S3 object's
 * body read back is `{ "$text": string }`, and upload IDs are target-chosen symbols (`upload#N`); a reader of format 2
 * would take `$text` for data. Formats 1 and 2 are still read.
 */
export const RECORDING_VERSION = 3;

const seed = z.number().int().min(0).max(0xffff_ffff);
const ms = z.number().int().min(0);

export const OutcomeSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      output: z.unknown().meta({ description: 'The whole output without `$metadata` (symbolic, redacted): every field a clause can read.' }),
    }),
    z.object({
      ok: z.literal(false),
      code: z.string().min(1).meta({ description: 'Canonical error code (`KMS.Disabled`, …) or `Unmapped:<name>`.' }),
      httpStatus: z.number().int().optional(),
      name: z.string().meta({ description: 'The SDK error name as thrown.' }),
      queryCode: z.string().optional().meta({ description: 'SQS: the query-compatible code the service sent, when present.' }),
      message: z.string(),
    }),
    z.object({
      fault: z.string().meta({ description: 'A target fault (5xx, throttling, unreachable): no outcome; the scenario ended here.' }),
      unreachable: z.boolean(),
    }),
  ])
  .meta({ id: 'RecordedOutcome', description: 'The normalised outcome of one call.' });

export const CallSchema = z
  .object({
    service: serviceName,
    op: z.string().min(1).meta({ description: 'The SDK operation, e.g. `SendMessage`.' }),
    principal: z.number().int().min(0).meta({ description: "Which of the target's principals made the call (0 is the first)." }),
    request: z.unknown().meta({ description: 'The request as sent, symbolic and redacted, never cut.' }),
    outcome: OutcomeSchema,
    expected: z
      .array(z.looseObject({ ok: z.boolean() }))
      .optional()
      .meta({ description: 'What the clause allowed on this call (as in a report step), when it judged it.' }),
    check: z
      .object({ what: z.string(), expected: z.unknown().optional(), observed: z.unknown().optional() })
      .optional()
      .meta({ description: 'The last value check the clause made on this call.' }),
    settled: z
      .object({ met: z.boolean(), polls: z.number().int().min(1) })
      .optional()
      .meta({
        description:
          "The last probe of an asynchronous check: whether the clause's condition was met, or the target's bound (capabilities.eventualMs) passed first, so that the clause took this answer as final.",
      }),
    waitedMs: ms.optional().meta({ description: 'Time the clause let pass before this call (`wait`: virtual on the reference, real on emulators).' }),
    atMs: ms.meta({ description: 'When the call started, ms after the scenario began.' }),
    ms: ms.meta({ description: 'How long the call took.' }),
  })
  .meta({ id: 'RecordedCall', description: 'One SDK call, in the order made (every poll of an asynchronous check included).' });

export const InspectionSchema = z
  .object({
    inspect: z.string().meta({ description: 'The queue inspected at rest (`url(queue#N)`).' }),
    messages: z.array(z.looseObject({ sealed: z.boolean() })),
    atMs: ms,
  })
  .meta({ id: 'RecordedInspection', description: 'An at-rest inspection of a queue (targets that offer it).' });

export const ScenarioSchema = z
  .object({
    clause: z.string().min(1),
    seed: seed.meta({ description: "The clause's own seed (derived from the run's seed and the clause id)." }),
    index: z
      .number()
      .int()
      .min(0)
      .meta({ description: "The scenario's place among the clause's scenarios, in the order run (generated inputs, then shrinks and later passes)." }),
    inputHash: z
      .string()
      .regex(/^[0-9a-f]{20}$/)
      .meta({ description: 'A stable hash of the generated input: the recorded target matches a scenario by clause, seed and this.' }),
    input: z.unknown().meta({ description: 'The generated input for people (symbolic, long strings cut); matching uses inputHash.' }),
    outcome: z.enum(['pass', 'violation', 'error', 'not-observable']).meta({ description: 'How the clause ended on this input.' }),
    signature: z.string().optional().meta({ description: "The violation's signature, as in a report's deviations." }),
    steps: z.array(z.union([CallSchema, InspectionSchema])),
  })
  .meta({ id: 'RecordedScenario', description: 'One generated input of one clause, and every call it made.' });

export const RecordingSchema = z
  .object({
    format: z.literal(RECORDING_FORMAT),
    formatVersion: z.union([z.literal(1), z.literal(2), z.literal(RECORDING_VERSION)]),
    tool: z.object({ name: z.literal('sse-conformance'), version: z.string().min(1) }),
    target: z.object({
      name: z.string().min(1),
      version: z.string().optional().meta({ description: 'The pinned version of the system under test, when the project pins it (emulators).' }),
      endpoint: z.string().optional(),
      region: z.string().optional(),
      capabilities: z
        .looseObject({
          services: z.array(serviceName),
          virtualClock: z.boolean(),
          realTimeWindows: z.boolean(),
          atRestInspection: z.boolean(),
          atRestAttributes: z
            .boolean()
            .optional()
            .meta({ description: 'At-rest inspection shows message attributes (absent in recordings made before it was a capability: false).' }),
          createKeyHonoursInput: z.boolean().optional().meta({
            description:
              'CreateKey creates the key asked for; false where the run leases pooled keys (absent in recordings made before it was a capability: the value of disposableAccount, since only the aws target leased keys).',
          }),
          principals: z.number().int().min(1),
          eventualMs: ms,
          limits: z
            .record(serviceName, z.record(z.string(), z.number().int().min(1)))
            .optional()
            .meta({
              description:
                "Each service's limits, by service and limit (`sqs.maxMessageBytes`). Absent in recordings of format 1: they held `sqsMaxMessageBytes` and `snsMaxMessageBytes` here instead, which are read as those limits.",
            }),
          disposableAccount: z.boolean(),
        })
        .meta({ description: "The target's capabilities during the run: the recorded target presents the same, so clauses generate and judge alike." }),
    }),
    seed: seed.meta({ description: "The run's seed (`--seed`)." }),
    runs: z.number().int().min(1).optional().meta({ description: 'Generated runs per clause (`--runs`), when given.' }),
    startedAt: z.iso.datetime(),
    durationMs: ms,
    clauses: z.array(z.string().min(1)).meta({ description: 'The clauses the run selected, in order.' }),
    scenarios: z.array(ScenarioSchema),
  })
  .meta({
    title: 'sse-conformance recording',
    description: 'Every scenario of one run against one target: the calls in order, their requests and normalised outcomes, symbolic and redacted.',
  });

export type Recording = z.infer<typeof RecordingSchema>;
export type RecordedScenario = z.infer<typeof ScenarioSchema>;
export type RecordedCall = z.infer<typeof CallSchema>;
export type RecordedInspection = z.infer<typeof InspectionSchema>;
export type RecordedOutcome = z.infer<typeof OutcomeSchema>;

export const isCall = (s: RecordedCall | RecordedInspection): s is RecordedCall => 'op' in s;

export function recordingJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RecordingSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
