/**
 * Signatures: what a deviation or a target fault is, as data, without generated values. Baselines store
 * them, reports carry them beside their text, and the runner and `diff` compare them by `signatureKey`;
 * `signatureText` is the one place that turns one into the sentence people read, so rewording that
 * sentence changes no baseline.
 *
 * A deviation is either an outcome (a step's operation, the outcomes the clause allowed, the one
 * observed) or a field (the value a clause checked differs; the values themselves are generated, so
 * they are not part of it). Either may carry the rule its clause names for the input (`clause.rule`).
 * A fault is a deterministic answer of the target that is not a verdict: an HTTP 5xx with its code.
 */
import { z } from 'zod';
import { describeExpected, fails, OK } from './outcome.js';
import { findService, serviceNames } from './services/registry.js';

/**
 * A service of the registry (src/services/) by its name. Open, since a service can be registered at run time: a
 * report or baseline names the services of the run that wrote it.
 */
export const serviceName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'a service name such as sqs')
  .meta({ description: 'The service, by its name in the registry (src/services/): `kms`, `sns` and `sqs` are built in.' });
const service = serviceName;

/**
 * A service the registry holds, for what a person writes and keeps (a baseline): a name it does not hold is a
 * mistake there, whereas a report names whatever services its run had.
 */
export const registeredService = serviceName.refine((name) => findService(name) !== undefined, {
  error: (issue) => `${String(issue.input)} is not a service of the registry (${serviceNames().join(', ')})`,
});
const name = z.string().min(1);
const rule = name.optional().meta({ description: 'The rule the clause names for the input (`clause.rule`), shown as `[rule]`.' });

/** The fields of each signature kind, for the report's lenient objects and the baseline's strict ones. */
export const OUTCOME_SHAPE = {
  rule,
  service,
  operation: name.meta({ description: 'The SDK operation of the failing step, e.g. `CreateAlias`.' }),
  expected: z
    .array(name)
    .min(1)
    .meta({ description: 'The outcomes the clause allowed, in its order: `success`, a canonical error code, or `*` (any mapped error).' }),
  observed: name.meta({ description: '`success` or the canonical error code observed.' }),
};
export const FIELD_SHAPE = {
  rule,
  service: service.optional(),
  operation: name.optional().meta({ description: 'The step whose answer held the field (absent when the clause checked before any step).' }),
  field: name.meta({ description: 'What the clause checked and found different, e.g. `KeyState` or `bodies at rest`.' }),
};
export const FAULT_SHAPE = {
  service,
  operation: name,
  httpStatus: z.number().int().min(500).max(599),
  code: name.meta({ description: 'The normalised code of the answer: canonical, `Unmapped:<name>`, or `ProtocolError` when it could not be read.' }),
};

const OutcomeSchema = z.object(OUTCOME_SHAPE);
const FieldSchema = z.object(FIELD_SHAPE);
const FaultSchema = z.object(FAULT_SHAPE);

/** A step's outcome was not one the clause allows. */
export type OutcomeSignature = z.infer<typeof OutcomeSchema>;
/** A value the clause checked differs from what it states. */
export type FieldSignature = z.infer<typeof FieldSchema>;
export type DeviationSignature = OutcomeSignature | FieldSignature;
/** A target fault that is a deterministic answer (HTTP 5xx): the only kind of error a baseline may expect. */
export type FaultSignature = z.infer<typeof FaultSchema>;

/** The expected outcomes of a step as a signature holds them: `success`, a code, or `*`. */
export const expectedCodes = (allowed: readonly ({ ok: true } | { ok: false; code: string })[]): string[] => allowed.map((a) => (a.ok ? 'success' : a.code));

/** The sentence people read for a signature, on the console and in every report. */
export function signatureText(s: DeviationSignature | FaultSignature): string {
  if ('httpStatus' in s) return `${s.service}:${s.operation} answered HTTP ${s.httpStatus} ${s.code}`;
  const rule = s.rule ? `[${s.rule}] ` : '';
  const step = s.service && s.operation ? `${s.service}:${s.operation} ` : '';
  if ('field' in s) return `${rule}${step}${s.field} differs`;
  return `${rule}${step}expected ${describeExpected(s.expected.map((c) => (c === 'success' ? OK : fails(c))))}, observed ${s.observed}`;
}

/** Equal keys, equal signatures: every field counts, in a fixed order, and nothing else does. */
export function signatureKey(s: DeviationSignature | FaultSignature): string {
  if ('httpStatus' in s) return JSON.stringify(['fault', s.service, s.operation, s.httpStatus, s.code]);
  if ('field' in s) return JSON.stringify(['field', s.rule ?? null, s.service ?? null, s.operation ?? null, s.field]);
  return JSON.stringify(['outcome', s.rule ?? null, s.service, s.operation, s.expected, s.observed]);
}

/** The signature with the clause's rule for the input, as the runner keys deviations. */
export const withRule = <S extends DeviationSignature>(s: S, r: string | undefined): S => (r === undefined ? s : { rule: r, ...s });
