/**
 * `run --record FILE`: keeps every scenario a run makes (src/runner.ts `onScenario`) as a
 * transcript (src/recording/schema.ts), symbolic and redacted as it comes, and writes it at the end.
 */
import { createHash } from 'node:crypto';
import type { ScenarioEnd } from '../runner.js';
import type { RawInspection, RawStep } from '../session.js';
import { clientOf } from '../services/registry.js';
import type { Target } from '../target.js';
import { VERSION } from '../version.js';
import { redactCredentials } from '../terminal-text.js';
import { writeOutputFile } from '../write-file.js';
import { RECORDING_FORMAT, RECORDING_VERSION, type RecordedCall, type RecordedInspection, type RecordedScenario, type Recording } from './schema.js';
import { Symbolizer, type Secrets } from './symbolic.js';
import { credentialsOf } from '../secrets.js';

export class Recorder {
  readonly #target: Target;
  readonly #meta: { version?: string; region?: string; seed: number; runs?: number; clauses: string[] };
  readonly #scenarios: RecordedScenario[] = [];
  readonly #started = new Date();
  #principals: string[] | undefined;
  #secrets: Secrets | undefined;
  #region: string | undefined;

  constructor(target: Target, meta: { version?: string; region?: string; seed: number; runs?: number; clauses: string[] }) {
    this.#target = target;
    this.#meta = meta;
  }

  /** The target's principals and every credential its clients use, read once (after the target started). */
  async #learnSecrets(): Promise<void> {
    if (this.#secrets) return;
    const principals: string[] = [];
    for (let i = 0; i < this.#target.capabilities.principals; i++) principals.push(this.#target.clients(i).principal);
    const credentials = await credentialsOf(this.#target);
    try {
      const first = clientOf(this.#target.clients(0), this.#target.capabilities.services[0] ?? '') as unknown as
        | { config: Record<string, unknown> }
        | undefined;
      if (first) this.#region = await (first.config.region as () => Promise<string>)();
    } catch {
      // no region configured: the recording names none
    }
    const accounts = [...new Set(principals.map((p) => p.split(':')[4] ?? '').filter((a) => /^\d{12}$/.test(a)))];
    this.#principals = principals;
    this.#secrets = { accounts, credentials };
  }

  async add(e: ScenarioEnd): Promise<void> {
    await this.#learnSecrets();
    const sym = new Symbolizer(e.session.symbols, this.#principals!, this.#secrets!);
    const steps = e.session.calls().map((c) => ('inspect' in c ? inspection(sym, c) : call(sym, c)));
    this.#scenarios.push({
      clause: e.clause,
      seed: e.seed,
      index: e.index,
      inputHash: e.inputHash,
      input: sym.request(e.input),
      outcome: e.outcome,
      ...(e.signature !== undefined ? { signature: sym.string(e.signature) } : {}),
      steps,
    });
  }

  get scenarios(): number {
    return this.#scenarios.length;
  }

  recording(): Recording {
    const sym = new Symbolizer(new Map(), this.#principals ?? [], this.#secrets ?? { accounts: [], credentials: [] });
    const t = this.#target;
    return {
      format: RECORDING_FORMAT,
      formatVersion: RECORDING_VERSION,
      tool: { name: 'sse-conformance', version: VERSION },
      target: {
        name: t.name,
        ...(this.#meta.version ? { version: this.#meta.version } : {}),
        ...(t.endpoint ? { endpoint: sym.string(redactCredentials(t.endpoint)) } : {}),
        ...((this.#meta.region ?? this.#region) ? { region: (this.#meta.region ?? this.#region)! } : {}),
        capabilities: {
          ...t.capabilities,
          services: [...t.capabilities.services],
          limits: { ...t.capabilities.limits } as Record<string, Record<string, number>>,
        },
      },
      seed: this.#meta.seed,
      ...(this.#meta.runs ? { runs: this.#meta.runs } : {}),
      startedAt: this.#started.toISOString(),
      durationMs: Date.now() - this.#started.getTime(),
      clauses: this.#meta.clauses,
      scenarios: this.#scenarios,
    };
  }

  write(file: string): void {
    writeOutputFile(file, JSON.stringify(this.recording()) + '\n');
  }
}

function call(sym: Symbolizer, c: RawStep): RecordedCall {
  const { step } = c;
  const outcome: RecordedCall['outcome'] = c.fault
    ? { fault: sym.string(c.fault.message), unreachable: c.fault.unreachable }
    : c.error
      ? {
          ok: false,
          code: c.error.code,
          ...(c.error.httpStatus !== undefined ? { httpStatus: c.error.httpStatus } : {}),
          name: c.error.name,
          ...(c.error.queryCode ? { queryCode: c.error.queryCode } : {}),
          message: sym.string(c.error.message),
        }
      : { ok: true, output: markDigests(sym.output(c.output ?? {}), c.output) };
  return {
    service: step.service,
    op: step.op,
    principal: step.principal,
    request: sym.request(c.input),
    outcome,
    ...(step.expected ? { expected: step.expected.map((x) => sym.request(x) as { ok: boolean }) } : {}),
    ...(c.check ? { check: { what: c.check.what, expected: sym.request(c.check.expected), observed: sym.request(c.check.observed) } } : {}),
    ...(c.settled ? { settled: c.settled } : {}),
    ...(c.waitedMs ? { waitedMs: c.waitedMs } : {}),
    atMs: Math.max(0, Math.round(c.atMs ?? 0)),
    ms: Math.max(0, Math.round(c.ms ?? 0)),
  };
}

/**
 * A received message's body holds symbols in a recording (an SNS envelope names its topic), so its
 * digest cannot be checked against it: a digest that was right is written `{ "$md5": "Body" }`, and
 * the recorded target computes it again for the body it answers. A wrong one stays as it was.
 */
function markDigests(recorded: unknown, raw: unknown): unknown {
  const messages = (raw as { Messages?: { Body?: string; MD5OfBody?: string }[] } | undefined)?.Messages;
  const out = (recorded as { Messages?: Record<string, unknown>[] } | undefined)?.Messages;
  if (!messages || !out) return recorded;
  messages.forEach((m, i) => {
    if (typeof m.Body === 'string' && m.MD5OfBody === createHash('md5').update(m.Body, 'utf8').digest('hex') && out[i]) out[i].MD5OfBody = { $md5: 'Body' };
  });
  return recorded;
}

function inspection(sym: Symbolizer, c: RawInspection): RecordedInspection {
  return { inspect: sym.string(c.inspect), messages: sym.output(c.messages) as RecordedInspection['messages'], atMs: Math.max(0, Math.round(c.atMs)) };
}
