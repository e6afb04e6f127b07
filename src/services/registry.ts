/**
 * The registry of services: the built-in entries (./builtins.ts), and any a test or an extension adds at run time
 * with `registerService`. The engine, the targets and the CLI ask it which services there are and what each one
 * is (./define.ts); none of them names a service. The types are derived from the built-in entries, so that
 * `clients().sqs` stays typed, while the engine iterates the registry as it is when it asks.
 */
import { BUILTIN_SERVICES, type BuiltinService, type BuiltinServiceName } from './builtins.js';
import type { ClientOf, LimitsOf, MadeUp, ResourceKind, SdkClient, ServiceDefinition, TargetId } from './define.js';

export type { BuiltinServiceName };

/** A service's name: a built-in one, or one registered at run time. */
export type ServiceName = BuiltinServiceName | (string & {});

/** Clients of the built-in services, by name (a target's clients of services registered at run time sit beside them). */
export type BuiltinClients = { readonly [E in BuiltinService as E['name']]: ClientOf<E> };

/** Each service's limits (./define.ts `Limit`), by service: capabilities hold the target's. */
export type ServiceLimits = { readonly [E in BuiltinService as E['name']]: LimitsOf<E> } & {
  readonly [service: string]: Readonly<Record<string, number>> | undefined;
};

/** Each service's endpoint, by name. */
export type Endpoints = { readonly [N in BuiltinServiceName]: string } & { readonly [service: string]: string };

/** What a service name may be (it is a CLI flag's key, a report's field and a signature's prefix). */
export const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

const entries: ServiceDefinition[] = [...(BUILTIN_SERVICES as readonly ServiceDefinition[])];
let generation = 0;

export class ServiceRegistryError extends Error {
  override readonly name = 'ServiceRegistryError';
}

/**
 * Adds a service; returns what removes it again. A test that registers one must remove it when it ends (the quick
 * tests share one module graph: test/lint/projects.lint.test.ts). Names, fact prefixes, resource kinds and symbols
 * must not collide with those of another service.
 */
export function registerService(entry: ServiceDefinition): () => void {
  const problem = collision(entry);
  if (problem) throw new ServiceRegistryError(`cannot register service ${entry.name}: ${problem}`);
  entries.push(entry);
  generation++;
  return () => {
    const i = entries.indexOf(entry);
    if (i < 0) return;
    entries.splice(i, 1);
    generation++;
  };
}

function collision(entry: ServiceDefinition): string | undefined {
  if (!SERVICE_NAME.test(entry.name)) return `its name must match ${SERVICE_NAME}`;
  const other = (what: string, mine: readonly string[], theirs: (e: ServiceDefinition) => readonly string[]) => {
    for (const e of entries) for (const x of mine) if (theirs(e).includes(x)) return `${what} ${x} is ${e.name}'s`;
    return undefined;
  };
  const kinds = (e: ServiceDefinition) => e.resources.map((r) => r.kind);
  return (
    other('the name', [entry.name], (e) => [e.name]) ??
    other('the fact prefix', [entry.factPrefix], (e) => [e.factPrefix]) ??
    other('the resource kind', kinds(entry), kinds) ??
    other('the feature', Object.keys(entry.features), (e) => Object.keys(e.features))
  );
}

/** A value computed from the registry, computed again once the registry changed. */
export function fromRegistry<T>(compute: () => T): () => T {
  let at = -1;
  let value: T;
  return () => {
    if (at !== generation) {
      value = compute();
      at = generation;
    }
    return value;
  };
}

/** Every service, built-in ones first, in registration order. */
export function services(): readonly ServiceDefinition[] {
  return entries;
}

export function serviceNames(): ServiceName[] {
  return entries.map((e) => e.name);
}

export function findService(name: string): ServiceDefinition | undefined {
  return entries.find((e) => e.name === name);
}

/** The entry of a service the registry holds (a name from the registry, a target's capabilities, a recording). */
export function serviceEntry(name: string): ServiceDefinition {
  const e = findService(name);
  if (!e) throw new ServiceRegistryError(`unknown service "${name}" (the registry holds ${serviceNames().join(', ')})`);
  return e;
}

/** A target's client of a service, if it has one. */
export function clientOf(clients: object, service: string): SdkClient | undefined {
  const c = (clients as Record<string, unknown>)[service];
  return c && typeof (c as SdkClient).send === 'function' ? (c as SdkClient) : undefined;
}

/** Every service's limits at their AWS values. */
export function defaultLimits(): ServiceLimits {
  return Object.fromEntries(entries.map((e) => [e.name, Object.fromEntries(Object.entries(e.limits).map(([k, l]) => [k, l.default]))])) as ServiceLimits;
}

/**
 * Limits as capabilities hold them: the defaults, then what a target says (`given`, per service), then the
 * capabilities of recordings written before limits were per service (`sqsMaxMessageBytes`, …, from each limit's
 * `legacyCapability`).
 */
export function limitsFrom(
  given: Readonly<Record<string, Readonly<Record<string, number>> | undefined>> = {},
  legacy: Readonly<Record<string, unknown>> = {},
): ServiceLimits {
  const out: Record<string, Record<string, number>> = {};
  for (const e of entries) {
    const mine: Record<string, number> = {};
    for (const [k, l] of Object.entries(e.limits)) {
      const old = l.legacyCapability ? legacy[l.legacyCapability] : undefined;
      mine[k] = given[e.name]?.[k] ?? (typeof old === 'number' ? old : l.default);
    }
    out[e.name] = mine;
  }
  return out as ServiceLimits;
}

/** The capabilities that held limits before they were per service (each limit's `legacyCapability`). */
export function legacyCapabilities(): string[] {
  return entries.flatMap((e) => Object.values<{ legacyCapability?: string }>(e.limits).flatMap((l) => (l.legacyCapability ? [l.legacyCapability] : [])));
}

/** A resource kind, and the service it belongs to. */
export interface KindOf {
  service: ServiceDefinition;
  resource: ResourceKind;
}

const kindIndex = fromRegistry(
  () => new Map(entries.flatMap((service) => service.resources.map((resource) => [resource.kind, { service, resource }] as const))),
);

export function resourceKind(kind: string): KindOf | undefined {
  return kindIndex().get(kind);
}

export function resourceKinds(): KindOf[] {
  return [...kindIndex().values()];
}

/** The symbols of identifiers the targets choose (`message`, `receipt`, `awskey`), with where each is found; the first entry of a symbol wins. */
export const targetIds = fromRegistry((): TargetId[] => {
  const seen = new Map<string, TargetId>();
  for (const e of entries) for (const t of e.targetIds ?? []) if (!seen.has(t.symbol)) seen.set(t.symbol, t);
  return [...seen.values()];
});

/** How a replay makes up a value for a symbol kind (a resource kind or a target id), if the registry says. */
export function madeUpOf(symbol: string): MadeUp | undefined {
  return resourceKind(symbol)?.resource.madeUp ?? targetIds().find((t) => t.symbol === symbol)?.madeUp;
}

/**
 * The SDK's own exception for an error name of a service, or the service's base exception carrying the name and
 * fault for a name the SDK does not model, as the SDK itself does for an unmodelled error.
 */
export function serviceException(
  service: string,
  name: string,
  message: string,
  $metadata: Record<string, unknown>,
  fault: 'client' | 'server' = 'client',
): Error {
  const { module, exception: Base } = serviceEntry(service).sdk;
  const Ctor = (module as unknown as Record<string, unknown>)[name] as (new (o: Record<string, unknown>) => Error) | undefined;
  return typeof Ctor === 'function' && Ctor.prototype instanceof Base
    ? new Ctor({ $metadata, message })
    : new Base({ name, $fault: fault, $metadata, message });
}

/** The SDK's command class of an operation (`SendMessage` → `SendMessageCommand`), or undefined when the SDK has none. */
export function commandClass(service: string, operation: string): (new (input: unknown) => object) | undefined {
  const c = (findService(service)?.sdk.module as unknown as Record<string, unknown> | undefined)?.[`${operation}Command`];
  return typeof c === 'function' ? (c as new (input: unknown) => object) : undefined;
}

/**
 * Every command class of every service's SDK module, under its export name there (`SendMessageCommand` → sqs
 * SendMessage). Export names are the packages' public API, so minifying a build keeps them.
 */
const operations = fromRegistry(() => {
  const map = new Map<unknown, { service: ServiceName; op: string }>();
  for (const e of entries) {
    const module = e.sdk.module as unknown as Record<string, unknown> & { $Command: { prototype: unknown } };
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && value.prototype instanceof (module.$Command as never) && name.endsWith('Command'))
        map.set(value, { service: e.name, op: name.slice(0, -'Command'.length) });
    }
  }
  return map;
});

/** The service and operation a command runs, from its class (or the SDK class it extends); undefined for anything else. */
export function operationOf(command: object): { service: ServiceName; op: string } | undefined {
  const map = operations();
  for (let c: unknown = command.constructor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const found = map.get(c);
    if (found) return found;
  }
  return undefined;
}

/** Deletes a resource the way its kind's `cleanup` says (emptied first where it says so), through a client of its service (the session after each scenario; `sweep --delete`). */
export async function deleteResource(kind: string, client: SdkClient, id: string): Promise<void> {
  const found = resourceKind(kind);
  const cleanup = found?.resource.cleanup;
  const Command = cleanup && commandClass(found.service.name, cleanup.operation);
  if (!Command) throw new ServiceRegistryError(`no service of the registry deletes a resource of kind ${kind}`);
  await cleanup.empty?.(client, id);
  await (client as unknown as { send(c: object): Promise<unknown> }).send(new Command(cleanup.input(id)));
}

/** The export name of a service's client class in its module (`SQSClient`), for reproductions. */
export function clientClassName(service: string): string {
  const e = serviceEntry(service);
  const found = Object.entries(e.sdk.module).find(([, v]) => v === e.sdk.client);
  return found?.[0] ?? e.sdk.client.name;
}
