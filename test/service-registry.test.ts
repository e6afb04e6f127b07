/**
 * A further service, wired through the engine by one registry entry added at run time and nothing else: a
 * throw-away "widget" service (a fake SDK module with a `$Command` base class and its command classes, a fake
 * client answering in memory), a target serving it and clauses using it, run through the real runner. The
 * verdicts, the symbols in the report and the recording, the cleanup, and the requirements its feature makes are
 * the engine's, reading the entry; no file of src/ knows the service (docs/architecture.md, "Adding a service").
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineClause, type Clause } from '../src/clause.js';
import type { Feature } from '../src/features.js';
import { featureVocabulary } from '../src/features.js';
import { factIdPattern } from '../src/facts.js';
import { Recorder } from '../src/recording/recorder.js';
import { Binder } from '../src/recording/symbolic.js';
import { runConformance } from '../src/runner.js';
import { operationOf, type SdkCommand } from '../src/session.js';
import { bytes, defineService } from '../src/services/define.js';
import { limitsFrom, registerService, ServiceRegistryError, serviceNames } from '../src/services/registry.js';
import type { Capabilities, Clients, Target } from '../src/target.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

// The fake SDK module: a `$Command` base class, its commands, the service's base exception, and a client.
class $Command<I extends object = Record<string, unknown>> {
  constructor(readonly input: I) {}
}
class CreateWidgetCommand extends $Command<{ Name?: string; Colour?: string }> {}
class DeleteWidgetCommand extends $Command<{ WidgetId?: string }> {}
class ListWidgetsCommand extends $Command {}
class WidgetServiceException extends Error {
  readonly $metadata: { httpStatusCode?: number };
  readonly $fault: 'client' | 'server';
  constructor(o: { name: string; $fault: 'client' | 'server'; $metadata: { httpStatusCode?: number }; message: string }) {
    super(o.message);
    this.name = o.name;
    this.$fault = o.$fault;
    this.$metadata = o.$metadata;
  }
}

/** What the fake service holds, shared by every client of one target: the widgets, and every deletion. */
class WidgetStore {
  readonly widgets = new Map<string, { name: string; colour: string }>();
  readonly deleted: string[] = [];
  #n = 0;
  nextId(): string {
    return `wid-${(++this.#n).toString(16).padStart(6, '0')}`;
  }
}

/** Answers in memory; it paints every widget grey whatever colour is asked for (the deviation the second clause finds). */
class WidgetClient {
  readonly store: WidgetStore;
  constructor(config: Record<string, unknown>) {
    this.store = (config.store as WidgetStore | undefined) ?? new WidgetStore();
  }
  async send(command: object): Promise<Record<string, unknown>> {
    const $metadata = { httpStatusCode: 200 };
    const fail = (name: string, status: number) => new WidgetServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
    if (command instanceof CreateWidgetCommand) {
      if (!command.input.Name) throw fail('InvalidWidgetName', 400);
      const id = this.store.nextId();
      this.store.widgets.set(id, { name: command.input.Name, colour: 'grey' });
      return { $metadata, WidgetId: id, Colour: 'grey' };
    }
    if (command instanceof DeleteWidgetCommand) {
      if (!this.store.widgets.delete(command.input.WidgetId ?? '')) throw fail('WidgetNotFound', 404);
      this.store.deleted.push(command.input.WidgetId!);
      return { $metadata };
    }
    if (command instanceof ListWidgetsCommand) return { $metadata, WidgetIds: [...this.store.widgets.keys()] };
    throw fail('UnknownOperation', 400);
  }
  destroy(): void {}
}

const WidgetSdk = { $Command, CreateWidgetCommand, DeleteWidgetCommand, ListWidgetsCommand, WidgetClient, WidgetServiceException };

const widgetService = defineService({
  name: 'widget',
  title: 'Amazon Widgets',
  factPrefix: 'WGT',
  sdk: { package: '@example/client-widget', module: WidgetSdk, client: WidgetClient, exception: WidgetServiceException },
  probe: (c) => c.send(new ListWidgetsCommand({})),
  features: { widget: { description: 'Amazon Widgets', area: 'Widgets' } },
  resources: [
    {
      kind: 'widget',
      plural: 'widgets',
      create: { operation: 'CreateWidget', name: (input) => input.Name, id: (_input, output) => output.WidgetId },
      name: (base) => base,
      cleanup: { operation: 'DeleteWidget', input: (id) => ({ WidgetId: id }), gone: (code) => code === 'Widget.NotFound' },
      madeUp: { chosenBy: 'client' },
    },
  ],
  errors: [
    ['Widget.NotFound', ['WidgetNotFound']],
    ['Widget.InvalidName', ['InvalidWidgetName']],
  ],
  faultAnswer: (fault, message, requestId) => ({
    statusCode: fault === 'server-error' ? 500 : 429,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: bytes(JSON.stringify({ __type: fault === 'server-error' ? 'InternalError' : 'Throttled', message })),
  }),
  limits: { maxWidgets: { default: 3, description: 'Widgets per account' } },
});

/** A target that serves the widget service only. */
class WidgetTarget implements Target {
  readonly name = 'widgets';
  readonly defaultRuns = 5;
  readonly store = new WidgetStore();
  readonly capabilities: Capabilities;
  constructor() {
    this.capabilities = {
      services: ['widget'],
      virtualClock: false,
      realTimeWindows: false,
      atRestInspection: false,
      atRestAttributes: false,
      createKeyHonoursInput: true,
      principals: 1,
      eventualMs: 0,
      limits: limitsFrom(),
      // Not disposable: what cleanup could not delete would be a leftover in the report.
      disposableAccount: false,
    };
  }
  async start(): Promise<void> {}
  clients(): Clients {
    // It serves no built-in service, so it has none of their clients.
    return { principal: 'arn:aws:iam::123456789012:user/widget-user', widget: new WidgetClient({ store: this.store }) } as unknown as Clients;
  }
  async dispose(): Promise<void> {}
}

const send = (c: $Command) => c as unknown as SdkCommand<object, Record<string, unknown>>;
const feature = 'widget' as Feature;
const source = { fact: 'WGT-1', url: 'https://example.invalid/widgets', evidence: 'DOC' as const };

const creates = defineClause({
  id: 'widget.lifecycle.create-answers-an-id',
  title: 'CreateWidget answers the id of the widget it created',
  level: 'MUST',
  theme: 'configuration',
  sources: [source],
  features: [feature],
  generates: 'one widget of a generated colour',
  arbitrary: fc.constantFrom('red', 'blue'),
  scenario: async (s, colour) => {
    const out = await s.send(send(new CreateWidgetCommand({ Name: s.name('widget'), Colour: colour })));
    s.check(typeof out.WidgetId === 'string', 'WidgetId', 'an id', out.WidgetId);
  },
});

const paints = defineClause({
  id: 'widget.lifecycle.create-paints-the-widget',
  title: 'CreateWidget paints the widget in the colour asked for',
  level: 'MUST',
  theme: 'configuration',
  sources: [source],
  features: [feature],
  generates: 'one widget of a generated colour',
  arbitrary: fc.constantFrom('red', 'blue'),
  scenario: async (s, colour) => {
    const out = await s.send(send(new CreateWidgetCommand({ Name: s.name('widget'), Colour: colour })));
    s.check(out.Colour === colour, 'Colour', colour, out.Colour);
  },
});

describe('a service registered at run time', () => {
  let unregister: () => void;
  beforeAll(() => {
    unregister = registerService(widgetService);
  });
  afterAll(() => unregister());

  it('is in the registry with its commands, features and fact prefix', () => {
    expect(serviceNames()).toEqual(['kms', 'sns', 'sqs', 's3', 'widget']);
    expect(operationOf(new CreateWidgetCommand({}))).toEqual({ service: 'widget', op: 'CreateWidget' });
    expect(featureVocabulary().widget).toBe('Amazon Widgets');
    expect(factIdPattern().test('WGT-1')).toBe(true);
    expect(() => registerService({ ...widgetService, name: 'sqs' })).toThrow(ServiceRegistryError);
    expect(() =>
      registerService({ ...widgetService, name: 'gadget', factPrefix: 'GDG', features: {}, resources: [{ ...widgetService.resources[0]!, kind: 'queue' }] }),
    ).toThrow(/the resource kind queue is sqs's/);
  });

  it('runs through the real runner: verdicts, symbols in the report and the recording, and cleanup', async () => {
    const target = new WidgetTarget();
    const recorder = new Recorder(target, { seed: 7, clauses: [creates.id, paints.id] });
    const report = await runConformance(target, { clauses: [creates, paints] as Clause[], seed: 7, runs: 4, onScenario: (e) => recorder.add(e) });

    expect(report.clauses.map((c) => [c.id, c.verdict])).toEqual([
      [creates.id, 'pass'],
      [paints.id, 'fail'],
    ]);
    const deviation = report.clauses[1]!.deviations![0]!;
    expect(deviation.identity).toEqual({ service: 'widget', operation: 'CreateWidget', field: 'Colour' });
    expect(deviation.signature).toBe('widget:CreateWidget Colour differs');
    const [step] = deviation.counterexample.steps;
    expect(step!.service).toBe('widget');
    expect(step!.input).toEqual({ Name: 'widget#0', Colour: expect.any(String) });
    expect(step!.observed).toMatchObject({ ok: true, Colour: 'grey' });

    // Every widget created was deleted afterwards by its kind's cleanup call; nothing was left behind.
    expect(target.store.widgets.size).toBe(0);
    expect(target.store.deleted.length).toBeGreaterThan(4);
    expect(report.leftovers).toBeUndefined();

    // The recording names the widget symbolically too, and holds the service's limits; a replay reads its symbols back.
    const recording = recorder.recording();
    expect(recording.target.capabilities.limits).toMatchObject({ widget: { maxWidgets: 3 }, sqs: { maxMessageBytes: 1_048_576 } });
    const call = recording.scenarios[0]!.steps[0] as { service: string; request: { Name: string }; outcome: { output?: { WidgetId?: string } } };
    expect(call.service).toBe('widget');
    expect(call.request.Name).toBe('widget#0');
    expect(call.outcome.output?.WidgetId).toBe('widget#0');
    const binder = new Binder();
    expect(binder.concrete({ Name: 'widget#0' }, (sym) => (sym === 'widget#0' ? 'made-up' : undefined))).toEqual({ Name: 'made-up' });
  });

  it('makes its clauses not observable on a target that does not serve it', async () => {
    const report = await runConformance(new ReferenceTarget(), { clauses: [creates], seed: 7, runs: 2 });
    expect(report.clauses[0]).toMatchObject({ verdict: 'not-observable', reason: 'reference lacks Amazon Widgets' });
  });

  it('leaves the registry as it was once removed', () => {
    const again = registerService({ ...widgetService, name: 'gizmo', factPrefix: 'GZM', features: {}, resources: [] });
    again();
    expect(serviceNames()).toEqual(['kms', 'sns', 'sqs', 's3', 'widget']);
  });
});
