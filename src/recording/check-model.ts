/**
 * `check-model FILE`: replays every recorded scenario's calls, in order, on a fresh reference model
 * and says for each recorded outcome whether the model allows it. Symbols are bound to the model's
 * own resources as the replay meets them (src/recording/symbolic.ts `Binder`).
 *
 * A recorded outcome is allowed when the model gives the same one (success, or the same canonical
 * error code; HTTP status and message are not compared), or when both are among the outcomes the
 * clause itself allowed on that call (its own notion of what may vary). Of two successes, the output
 * fields the clauses read are compared (src/recording/compare.ts). A receive that got nothing is
 * allowed without asking the model (delivery is asynchronous and short polls sample); one that got n
 * messages asks the model for at most n. The first disagreement ends a scenario's comparison (the
 * model's state differs from then on). Faults, at-rest inspections and calls after them are not compared.
 */
import { withBufferedBody } from '../buffered-body.js';
import { normalizeError } from '../errors/normalize.js';
import { matches, type Expected, type Observed } from '../outcome.js';
import { clientOf, commandClass, madeUpOf, resourceKind, type ServiceName } from '../services/registry.js';
import type { Target } from '../target.js';
import { differingFields } from './compare.js';
import { recordedCapabilities } from './read.js';
import { isCall, type RecordedCall, type RecordedScenario, type Recording } from './schema.js';
import { Binder } from './symbolic.js';
import { ACCOUNT_SYMBOL, parseSymbol, RUN_SYMBOL, symbolOf } from '../symbol-table.js';

export interface Disagreement {
  clause: string;
  /** How the clause ended on the recorded scenario (a violation is a deviation the run reported). */
  outcome: RecordedScenario['outcome'];
  /** The scenario's index and input hash in the recording. */
  index: number;
  inputHash: string;
  /** The disagreeing call, 1-based among the scenario's steps. */
  step: number;
  call: RecordedCall;
  /** What was recorded and what the model gives, in words. */
  recorded: string;
  model: string;
  /** The scenario's calls up to and including this one. */
  steps: RecordedCall[];
}

export interface ModelCheck {
  scenarios: number;
  calls: number;
  compared: number;
  /** Calls not compared, by why. */
  notCompared: Record<string, number>;
  disagreements: Disagreement[];
}

const describe = (o: RecordedCall['outcome'] | Observed): string =>
  'fault' in o ? `fault (${o.fault})` : o.ok ? 'success' : `${o.code}${'httpStatus' in o && o.httpStatus !== undefined ? ` (HTTP ${o.httpStatus})` : ''}`;

/** The reference model's options for the recorded target's region and limits. */
export interface ModelOptions {
  region?: string;
  sqsMaxMessageBytes: number;
  snsMaxMessageBytes: number;
}

/**
 * Starts the reference model as a target, with its region. The app passes test-targets/reference's: the engine
 * names no target, so the model it checks against is given to it.
 */
export type StartModel = (options: ModelOptions) => Promise<{ target: Target & Required<Pick<Target, 'advanceTime'>>; region: string }>;

export async function checkModel(rec: Recording, startModel: StartModel): Promise<ModelCheck> {
  const result: ModelCheck = { scenarios: 0, calls: 0, compared: 0, notCompared: {}, disagreements: [] };
  const skip = (why: string, n = 1) => {
    if (n > 0) result.notCompared[why] = (result.notCompared[why] ?? 0) + n;
  };
  for (const scenario of rec.scenarios) {
    result.scenarios++;
    await checkScenario(rec, scenario, result, skip, startModel);
  }
  return result;
}

async function checkScenario(
  rec: Recording,
  scenario: RecordedScenario,
  result: ModelCheck,
  skip: (why: string, n?: number) => void,
  startModel: StartModel,
): Promise<void> {
  const { limits } = recordedCapabilities(rec);
  // The reference model's own options for the limits of the recorded target.
  const { target, region } = await startModel({
    ...(rec.target.region ? { region: rec.target.region } : {}),
    sqsMaxMessageBytes: limits.sqs.maxMessageBytes,
    snsMaxMessageBytes: limits.sns.maxMessageBytes,
  });
  const b = new Binder();
  const prefix = `ssec-model${scenario.index}`;
  b.bind(RUN_SYMBOL, prefix);
  b.bind(ACCOUNT_SYMBOL, target.clients(0).principal.split(':')[4]!);
  for (let i = 0; i < 3; i++) b.bind(`principal#${i}`, target.clients(i).principal);
  const fresh = madeUpNames(b, prefix, region);
  try {
    const calls = scenario.steps;
    for (let k = 0; k < calls.length; k++) {
      const step = calls[k]!;
      if (!isCall(step)) {
        skip('at-rest inspection (not a call)');
        continue;
      }
      result.calls++;
      if ('fault' in step.outcome) {
        skip('target fault: no outcome', calls.slice(k).filter(isCall).length);
        result.calls += calls.slice(k + 1).filter(isCall).length;
        return;
      }
      if (step.waitedMs) await target.advanceTime(step.waitedMs);
      const recorded = step.outcome;
      let request = b.concrete(step.request, fresh) as Record<string, unknown>;
      if (step.op === 'ReceiveMessage' && recorded.ok) {
        const n = ((recorded.output as { Messages?: unknown[] }).Messages ?? []).length;
        // Nothing received is allowed (delivery is asynchronous, short polls sample) unless the clause took it as
        // final: the last poll of an asynchronous check whose bound passed. Then the model is asked as it is.
        if (n === 0 && !(step.settled && !step.settled.met)) {
          skip('receive that got nothing while the clause kept polling (allowed: asynchronous delivery, sampled short polls)');
          continue;
        }
        request = { ...request, ...(n > 0 ? { MaxNumberOfMessages: n } : {}), WaitTimeSeconds: 0 };
      }
      if (!target.capabilities.services.includes(step.service)) {
        skip(`a service the reference does not model (${step.service})`);
        continue;
      }
      const Cmd = commandClass(step.service, step.op);
      if (!Cmd) {
        skip(`operation unknown to the SDK (${step.service}:${step.op})`);
        continue;
      }
      const model = await askModel(target, step, Cmd, request);
      result.compared++;
      const disagree = (what: { recorded: string; model: string }) => {
        result.disagreements.push({
          clause: scenario.clause,
          outcome: scenario.outcome,
          index: scenario.index,
          inputHash: scenario.inputHash,
          step: k + 1,
          call: step,
          ...what,
          steps: calls.slice(0, k + 1).filter(isCall),
        });
        const rest = calls.slice(k + 1).filter(isCall).length;
        skip("after a disagreement (the model's state differs)", rest);
        result.calls += rest;
      };
      const sameOutcome = recorded.ok === model.ok && (recorded.ok || (!model.ok && !recorded.ok && recorded.code === model.code));
      const allowed = step.expected?.filter((x): x is Expected => x.ok || typeof (x as { code?: unknown }).code === 'string');
      const clauseAllowsBoth =
        !sameOutcome && allowed !== undefined && allowed.length > 0 && matches(model, allowed) && matches(recordedObserved(recorded, step.service), allowed);
      if (!sameOutcome && !clauseAllowsBoth) return disagree({ recorded: describe(recorded), model: describe(model) });
      if (recorded.ok && model.ok) {
        b.unify(recorded.output, model.value);
        const diff = differingFields(step.service, step.op, recorded.output, b.symbolic(model.value), step.check?.what);
        if (diff.length)
          return disagree({
            recorded: diff.map((d) => `${d.field} ${JSON.stringify(d.recorded)}`).join(', '),
            model: diff.map((d) => `${d.field} ${JSON.stringify(d.model)}`).join(', '),
          });
      }
    }
  } finally {
    await target.dispose();
  }
}

/**
 * Names the clause chose (resource kinds whose names the client chooses: queues, topics) are made up; ARNs
 * derived from them as AWS would (src/services/: each kind's `madeUp`).
 */
function madeUpNames(b: Binder, prefix: string, region: string): (sym: string) => string | undefined {
  const byClient = (kind: string | undefined) => kind !== undefined && madeUpOf(kind)?.chosenBy === 'client';
  return (sym) => {
    const p = parseSymbol(sym);
    if (!p || !byClient(p.kind)) return undefined;
    if (!p.of) return `${prefix}-${p.kind[0]}${p.n}${p.fifo ? '.fifo' : ''}`;
    const made = p.of === 'arn' && !p.fifo ? resourceKind(p.kind)?.resource.madeUp?.arn : undefined;
    if (made) {
      const n = b.bound(symbolOf(p.kind, p.n)) ?? b.bound(`${symbolOf(p.kind, p.n)}.fifo`);
      if (n) return made(n, { region, account: b.bound(ACCOUNT_SYMBOL)!, endpoint: '' });
    }
    return undefined;
  };
}

/** What the model answers to a recorded call's request, normalised as the session normalises a target's answers. */
async function askModel(target: Target, step: RecordedCall, Cmd: new (input: unknown) => object, request: Record<string, unknown>): Promise<Observed> {
  const client = clientOf(target.clients(step.principal), step.service) as unknown as { send: (c: object) => Promise<Record<string, unknown>> };
  const command = new Cmd(request) as { middlewareStack: { add: (mw: never, opts: never) => void } };
  // Sent as recorded: the SDK's own middleware may rewrite a field the clause gave (S3's SSE-C middleware computes the
  // key's MD5 and replaces the one given: src/steps/s3.ts, withKeyMd5); later in the same step, the recorded fields
  // are put back.
  const asRecorded = (next: (args: { input: object }) => Promise<unknown>) => (args: { input: object }) =>
    next({ ...args, input: { ...args.input, ...request } });
  command.middlewareStack.add(asRecorded as never, { step: 'initialize', priority: 'low', name: 'sseConformanceAsRecorded' } as never);
  try {
    const { $metadata: _m, ...value } = await withBufferedBody(await client.send(command));
    return { ok: true, value };
  } catch (e) {
    const n = normalizeError(step.service, e);
    return n
      ? { ok: false, ...n }
      : {
          ok: false,
          service: step.service,
          code: `Unmapped:${(e as Error)?.name ?? 'Error'}`,
          httpStatus: undefined,
          name: (e as Error)?.name ?? 'Error',
          message: String((e as Error)?.message ?? e),
        };
  }
}

function recordedObserved(o: RecordedCall['outcome'], service: ServiceName): Observed {
  if ('fault' in o) throw new Error('a fault has no outcome');
  return o.ok ? { ok: true, value: o.output } : { ok: false, service, code: o.code, httpStatus: o.httpStatus, name: o.name, message: o.message };
}
