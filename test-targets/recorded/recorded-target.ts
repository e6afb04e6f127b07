/**
 * A recording (run --record) as a target: it answers the scenarios a run generates from what the
 * recorded target answered, offline. The runner generates the same inputs from the same seed; each
 * scenario is matched by clause, the clause's seed and a hash of the input, then each call in order:
 * the same operation, principal and request (symbolically; WaitTimeSeconds aside, which depends on the
 * time left), answered with the recorded outcome. Time is the recording's: each answered call sets
 * the scenario's clock to when that call ended, so asynchronous checks poll as often as they did.
 * A scenario or a call the recording does not hold makes the clause not observable.
 */
import { bufferedBody } from '../../src/buffered-body.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { shown } from '../../src/abbreviate.js';
import { NotObservableError } from '../../src/session.js';
import type { ReplayPlace } from '../../src/services/define.js';
import { madeUpOf, resourceKinds, serviceException, services, type ServiceName } from '../../src/services/registry.js';
import type { AtRestMessage, Capabilities, Clients, ScenarioKey, Target } from '../../src/target.js';
import { readRecording, recordedCapabilities } from '../../src/recording/read.js';
import { isCall, type RecordedCall, type RecordedScenario, type Recording } from '../../src/recording/schema.js';
import { Binder } from '../../src/recording/symbolic.js';
import { ACCOUNT_SYMBOL, parseSymbol, RUN_SYMBOL } from '../../src/symbol-table.js';

const ACCOUNT = '111111111111';
const ENDPOINT = 'http://recorded.invalid';
/** What Session.cleanup sends after a scenario (each resource kind's cleanup call, and what emptying it sends); answered with success once the recording's calls are used up. */
const cleanupCalls = () =>
  new Set(
    resourceKinds().flatMap(({ service, resource }) =>
      resource.cleanup ? [resource.cleanup.operation, ...(resource.cleanup.emptyOperations ?? [])].map((op) => `${service.name}:${op}`) : [],
    ),
  );

interface Replay {
  scenario: RecordedScenario;
  cursor: number;
  binder: Binder;
  clock: number;
  t0: number;
}

const keyOf = (k: ScenarioKey) => `${k.clause}|${k.seed}|${k.inputHash}`;
const canon = (v: unknown): string =>
  JSON.stringify(v, (k: string, x: unknown) =>
    k === 'WaitTimeSeconds'
      ? undefined
      : x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
        : x,
  );

export class RecordedTarget implements Target {
  readonly name = 'recorded';
  readonly recording: Recording;
  readonly capabilities: Capabilities;
  readonly defaultRuns: number;
  readonly fixedSeed: number;
  readonly #scenarios = new Map<string, RecordedScenario[]>();
  readonly #seen = new Map<string, number>();
  readonly #current = new AsyncLocalStorage<Replay>();
  readonly #clients = new Map<number, Clients>();
  readonly #region: string;

  constructor(options: { recording: string }) {
    this.recording = readRecording(options.recording);
    this.capabilities = recordedCapabilities(this.recording);
    this.defaultRuns = this.recording.runs ?? 25;
    this.fixedSeed = this.recording.seed;
    this.#region = this.recording.target.region ?? 'us-east-1';
    for (const s of this.recording.scenarios) {
      const k = keyOf(s);
      this.#scenarios.set(k, [...(this.#scenarios.get(k) ?? []), s]);
    }
  }

  /** The recording's own description, for reports: "moto 5.2.5 as recorded on …". */
  get endpoint(): string {
    const t = this.recording.target;
    return `${t.name}${t.version ? ` ${t.version}` : ''} as recorded ${this.recording.startedAt}`;
  }

  async start(): Promise<void> {
    this.#seen.clear();
  }

  async dispose(): Promise<void> {
    this.#clients.clear();
  }

  async scenario<T>(key: ScenarioKey & { prefix: string }, run: () => Promise<T>): Promise<T> {
    const k = keyOf(key);
    const all = this.#scenarios.get(k);
    if (!all)
      throw new NotObservableError(
        `the recording holds no scenario of ${key.clause} with this input (seed ${key.seed}, input ${key.inputHash}): run with the recording's --seed (${this.recording.seed}) and --runs`,
      );
    const n = this.#seen.get(k) ?? 0;
    this.#seen.set(k, n + 1);
    // The same input run again (a later pass of the clause) gets the answers it got then, in order.
    const scenario = all[Math.min(n, all.length - 1)]!;
    const binder = new Binder();
    binder.bind(RUN_SYMBOL, key.prefix);
    binder.bind(ACCOUNT_SYMBOL, ACCOUNT);
    for (let i = 0; i < this.capabilities.principals; i++) binder.bind(`principal#${i}`, this.clients(i).principal);
    const t0 = Date.now();
    return this.#current.run({ scenario, cursor: 0, binder, clock: t0, t0 }, run);
  }

  now(): number {
    return this.#current.getStore()?.clock ?? Date.now();
  }

  async sleep(ms: number): Promise<void> {
    const r = this.#current.getStore();
    if (r) r.clock += ms;
    else await new Promise((res) => setTimeout(res, ms));
  }

  async advanceTime(): Promise<void> {
    // The recording already holds what the target answered after the wait.
  }

  clients(index = 0): Clients {
    let c = this.#clients.get(index);
    if (!c) {
      const config = {
        region: this.#region,
        endpoint: ENDPOINT,
        credentials: { accessKeyId: 'recorded', secretAccessKey: 'recorded' },
        maxAttempts: 1,
      };
      // A client of every service of the registry, each answered from the recording.
      const clients: Record<string, unknown> = { principal: `arn:aws:iam::${ACCOUNT}:user/recorded-${index}` };
      for (const e of services()) {
        const client = new e.sdk.client(config);
        this.#answer(client, e.name, index);
        clients[e.name] = client;
      }
      c = clients as Clients;
      this.#clients.set(index, c);
    }
    return c;
  }

  async inspectQueue(queueUrl: string): Promise<AtRestMessage[]> {
    const r = this.#current.getStore();
    const step = r?.scenario.steps[r.cursor];
    const url = r?.binder.symbolic(queueUrl);
    if (!r || !step || isCall(step) || step.inspect !== url) throw new NotObservableError(`the recording holds no inspection of ${String(url)} here`);
    r.cursor++;
    r.clock = r.t0 + step.atMs;
    return r.binder.concrete(step.messages, (sym) => this.#fresh(r.binder, sym)) as AtRestMessage[];
  }

  #answer(client: object, service: ServiceName, principal: number): void {
    const cleanup = cleanupCalls();
    const middleware = (_next: unknown, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
      const op = (context.commandName ?? '').replace(/Command$/, '');
      const $metadata = { httpStatusCode: 200, requestId: 'recorded', attempts: 1, totalRetryDelay: 0 };
      const r = this.#current.getStore();
      if (!r) return { output: { $metadata }, response: {} }; // a probe between scenarios: the recording answered then
      const step = r.scenario.steps[r.cursor];
      if (!step && cleanup.has(`${service}:${op}`)) return { output: { $metadata }, response: {} };
      const input = args.input ?? {};
      if (!step || !isCall(step) || step.service !== service || step.op !== op || step.principal !== principal) {
        throw new NotObservableError(
          `the recording holds no ${service}:${op} here (${step ? (isCall(step) ? `it has ${step.service}:${step.op}` : 'it has an inspection') : 'its scenario ended'}; call ${r.cursor + 1} of ${r.scenario.clause}, scenario ${r.scenario.index})`,
        );
      }
      r.binder.unify(step.request, input);
      const sent = r.binder.symbolic(input, { redact: true });
      if (canon(sent) !== canon(step.request)) {
        throw new NotObservableError(
          `the recording's ${service}:${op} (call ${r.cursor + 1} of ${r.scenario.clause}, scenario ${r.scenario.index}) had another request: recorded ${shown(step.request)}, now ${shown(sent)}`,
        );
      }
      r.binder.remember(sent, input);
      r.cursor++;
      r.clock = r.t0 + step.atMs + step.ms;
      return this.#outcome(r, step, service, $metadata);
    };
    (client as { middlewareStack: { add: (mw: never, o: object) => void } }).middlewareStack.add(middleware as never, {
      // First of all, as the clause gave the input (what the recording holds), before the SDK adds to it (S3's SSE-C
      // middleware adds the key's MD5). The SDK's checks of an answer (SQS's MD5s) so do not see the recorded answers: a
      // check that failed was recorded as its outcome (SDK.ChecksumMismatch), which is thrown as recorded
      step: 'initialize',
      priority: 'high',
      name: 'sseConformanceRecorded',
      override: true,
    });
  }

  #outcome(r: Replay, step: RecordedCall, service: ServiceName, $metadata: Record<string, unknown>) {
    const o = step.outcome;
    if ('fault' in o) {
      if (o.unreachable) throw Object.assign(new Error(`ECONNREFUSED (recorded: ${o.fault})`), { code: 'ECONNREFUSED' });
      throw serviceException(service, 'InternalFailure', `recorded fault: ${o.fault}`, { ...$metadata, httpStatusCode: 500 }, 'server');
    }
    if (!o.ok) {
      if (o.code === 'SDK.ChecksumMismatch') throw Object.assign(new Error(o.message), { name: o.name });
      const err = serviceException(service, o.name, o.message, { ...$metadata, httpStatusCode: o.httpStatus });
      if (o.queryCode) Object.assign(err, { Code: o.queryCode });
      if (o.code === 'ProtocolError') Object.assign(err, { $responseBodyText: '' });
      throw err;
    }
    const output = r.binder.concrete(o.output, (sym) => this.#fresh(r.binder, sym)) as Record<string, unknown>;
    for (const m of (output.Messages as Record<string, unknown>[] | undefined) ?? []) {
      if (m.MD5OfBody && typeof m.MD5OfBody === 'object' && typeof m.Body === 'string') m.MD5OfBody = createHash('md5').update(m.Body, 'utf8').digest('hex');
    }
    // A body the recording holds as bytes reads as the SDK's streaming body does (src/buffered-body.ts)
    if (output.Body instanceof Uint8Array) output.Body = bufferedBody(output.Body);
    return { output: { $metadata, ...output }, response: {} };
  }

  /**
   * A concrete value for a symbol the recording's target chose (a key id, a queue URL), made up consistently, as
   * its kind's registry entry says (src/services/: `madeUp`).
   */
  #fresh(b: Binder, sym: string): string | undefined {
    const p = parseSymbol(sym);
    const made = p && !p.fifo ? madeUpOf(p.kind) : undefined;
    if (!p || !made) return undefined;
    const { of: wrap, kind, n } = p;
    const at: ReplayPlace = { region: this.#region, account: ACCOUNT, endpoint: ENDPOINT };
    const form = (id: string) => (wrap === 'arn' ? made.arn?.(id, at) : wrap === 'url' ? made.url?.(id, at) : made.plain ? made.plain(id, at) : id);
    if (made.chosenBy === 'client') return form(b.bound(`${kind}#${n}`) ?? b.bound(`${kind}#${n}.fifo`) ?? `recorded-${kind}${n}`);
    // An identifier the target chose: made up once; the plain symbol stands for it when that is the identifier itself (a key id).
    const id = b.bound(`${kind}#${n}`) ?? randomUUID();
    if (!b.bound(`${kind}#${n}`) && !made.plain) b.bind(`${kind}#${n}`, id);
    return form(id);
  }
}
