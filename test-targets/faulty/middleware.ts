/**
 * Puts the faults into a target's own SDK clients, as one middleware per client. Where it sits
 * decides how real the faults are:
 *
 * - HTTP clients: innermost, between the SDK's deserializer and its HTTP handler. Error answers are
 *   handed to the SDK's own deserializer as responses; a truncated answer is the target's real one
 *   with its body cut; silence sends the request to a black hole, so the real handler times out at
 *   the client's own bound. Retry and deserializer decorations happen as for the real thing.
 * - In-process clients (the reference model answers inside the serialize step, no HTTP): just
 *   before the model's middleware. The same responses go through the service protocol's own
 *   deserializer, and transport errors get the decorations the skipped middleware would add.
 */
import { clientOf, services } from '../../src/services/registry.js';
import type { Clients, ServiceName } from '../../src/target.js';
import type { BlackHole } from './black-hole.js';
import type { Dice } from './dice.js';
import { cutBody, errorAnswer, readBody, requestTimeoutError, resetError, type WireResponse } from './wire.js';

/** The name of the middleware that answers from the reference model (reference/sdk/clients.ts). */
const MODEL_MIDDLEWARE = 'sseConformanceReferenceModel';
const NAME = 'sseConformanceFaults';
/** The bound of a request to a silent in-process target, unless the spec says otherwise (as SdkTarget's REQUEST_TIMEOUT_MS). */
const IN_PROCESS_TIMEOUT_MS = 30_000;

export interface InjectOptions {
  dice: Dice;
  latencyMs: number;
  blackHole: BlackHole;
  requestTimeoutMs?: number;
}

type Next = (args: Args) => Promise<{ output?: unknown; response?: unknown }>;
interface Args {
  input: unknown;
  request?: { hostname?: string; port?: number; protocol?: string };
}
interface Stack {
  identify(): string[];
  add(mw: unknown, opts: Record<string, unknown>): void;
  addRelativeTo(mw: unknown, opts: Record<string, unknown>): void;
}
interface SdkClient {
  middlewareStack: Stack;
  config: { protocol?: { deserializeResponse(op: unknown, ctx: unknown, res: unknown): Promise<unknown> } } & Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function injectFaults(clients: Clients, opts: InjectOptions): void {
  for (const { name: service } of services()) {
    const client = clientOf(clients, service) as unknown as SdkClient | undefined;
    if (!client) continue;
    if (client.middlewareStack.identify().some((n) => n.startsWith(MODEL_MIDDLEWARE))) {
      client.middlewareStack.addRelativeTo(inProcess(client, service, opts), {
        relation: 'before',
        toMiddleware: MODEL_MIDDLEWARE,
        name: NAME,
        override: true,
      });
    } else {
      client.middlewareStack.add(overHttp(service, opts), { step: 'deserialize', priority: 'low', name: NAME, override: true });
    }
  }
}

/** The operation a middleware's context names (`DeleteAliasCommand` → `DeleteAlias`). */
const operationIn = (context: Record<string, unknown>): string | undefined =>
  typeof context.commandName === 'string' ? context.commandName.replace(/Command$/, '') : undefined;

function overHttp(service: ServiceName, o: InjectOptions) {
  return (next: Next, context: Record<string, unknown>) => async (args: Args) => {
    const fault = o.dice.roll(operationIn(context));
    if (fault === 'silence' && args.request) {
      Object.assign(args.request, { protocol: 'http:', hostname: '127.0.0.1', port: await o.blackHole.port() });
      return next(args);
    }
    if (o.latencyMs) await sleep(o.latencyMs);
    if (fault === 'reset') throw resetError();
    if (fault === 'server-error' || fault === 'throttle') return { response: errorAnswer(service, fault) };
    const out = await next(args);
    if (fault === 'truncate') {
      const response = out.response as WireResponse;
      response.body = cutBody(await readBody(response.body));
    }
    return out;
  };
}

function inProcess(client: SdkClient, service: ServiceName, o: InjectOptions) {
  return (next: Next, context: Record<string, unknown>) => async (args: Args) => {
    const fault = o.dice.roll(operationIn(context));
    if (fault === 'silence') {
      const ms = o.requestTimeoutMs ?? IN_PROCESS_TIMEOUT_MS;
      await sleep(ms);
      throw afterRetries(requestTimeoutError(ms));
    }
    if (o.latencyMs) await sleep(o.latencyMs);
    if (fault === 'reset') throw afterRetries(resetError());
    if (fault === 'server-error' || fault === 'throttle') throw afterRetries(await deserialize(client, context, errorAnswer(service, fault)));
    const out = await next(args);
    if (fault === 'truncate') {
      const { $metadata: _m, ...output } = (out.output ?? {}) as Record<string, unknown>;
      const body = cutBody(new TextEncoder().encode(JSON.stringify(output)));
      throw afterRetries(await deserialize(client, context, { statusCode: 200, headers: {}, body }));
    }
    return out;
  };
}

/** The SDK's retry middleware adds attempt counts to whatever it finally throws (maxAttempts is 1). */
function afterRetries(e: Error): Error {
  const err = e as Error & { $metadata?: Record<string, unknown> };
  err.$metadata = { ...(err.$metadata ?? {}), attempts: 1, totalRetryDelay: 0 };
  return err;
}

/**
 * What the SDK's schema deserialization middleware makes of `response`: the service protocol's own
 * deserializer, and on a failure that is not a service answer, the hint and `$metadata` it adds.
 */
async function deserialize(client: SdkClient, context: Record<string, unknown>, response: WireResponse): Promise<Error> {
  const [, namespace, name, traits, input, output] = ((context.__smithy_context as { operationSchema?: unknown[] } | undefined)?.operationSchema ??
    []) as unknown[];
  try {
    await client.config.protocol!.deserializeResponse({ name, namespace, traits, input, output }, { ...client.config, ...context }, response);
  } catch (e) {
    const err = e as Error & { $metadata?: unknown };
    if (!('$metadata' in err)) {
      err.message += '\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';
      err.$metadata = { httpStatusCode: response.statusCode, requestId: undefined, extendedRequestId: undefined, cfId: undefined };
    }
    return err;
  }
  return new Error(`the ${response.statusCode} answer the faulty target made deserialized without an error`);
}
