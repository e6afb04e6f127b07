/**
 * The rules that keep a run on a real account safe (docs/architecture.md, "Real accounts: safety first"):
 * every resource the run creates carries the run prefix and a tag; requests go only to the
 * configured endpoints. They are SDK middleware, so no clause can bypass them; what each rule means for a
 * service is in its registry entry (src/services/: `realAccount`, `urlInputs`).
 */
import { clientOf, resourceKinds, services, type Endpoints } from '../../src/services/registry.js';
import type { Clients } from '../../src/target.js';

export const TAG_KEY = 'sse-conformance:run';
export const POOL_TAG_KEY = 'sse-conformance:pool';
/** On a pooled key: who holds it and until when (`<run id> until <ISO time>`); see key-pool.ts. */
export const LEASE_TAG_KEY = 'sse-conformance:lease';

/** A request the safety rules refuse: never sent. */
export class SafetyRefusal extends Error {
  override readonly name = 'SafetyRefusal';
}

// biome-ignore lint/suspicious/noExplicitAny: SDK errors and middleware arguments are untyped here
type Any = any;
type Stack = { middlewareStack: { add: (mw: Any, o: Any) => void } };

function before(client: Stack, name: string, fn: (commandName: string, input: Any) => void): void {
  client.middlewareStack.add(
    (next: Any, context: Any) => async (args: Any) => {
      fn(String(context.commandName ?? '').replace(/Command$/, ''), args.input);
      return next(args);
    },
    { step: 'initialize', priority: 'high', name },
  );
}

/**
 * Tags every resource the run creates where it can carry a tag, and refuses names without the run prefix: each
 * resource kind's guard in the registry (src/services/: `realAccount.guard`), before its create call is sent.
 */
export function tagCreations(c: Clients, prefix: string, runId: string): void {
  for (const { service, resource } of resourceKinds()) {
    const guard = resource.realAccount?.guard;
    const client = clientOf(c, service.name) as unknown as Stack | undefined;
    if (!guard || !client) continue;
    before(client, `sseConformanceGuard-${resource.kind}`, (op, input) => {
      if (op !== resource.create.operation) return;
      const refusal = guard(input, { prefix, tag: { key: TAG_KEY, value: runId } });
      if (refusal) throw new SafetyRefusal(refusal);
    });
  }
}

/**
 * Refuses any request whose URL input (SQS's QueueUrl: each service's `urlInputs`) points at another host than its
 * service's configured endpoint: the SDK would send it there.
 */
export function pinUrls(c: Clients, endpoints: Endpoints): void {
  for (const service of services()) {
    const client = clientOf(c, service.name) as unknown as Stack | undefined;
    if (!service.urlInputs?.length || !client) continue;
    const allowed = new URL(endpoints[service.name]!).host;
    before(client, `sseConformancePinUrls-${service.name}`, (_op, input) => {
      for (const field of service.urlInputs!) {
        if (typeof input?.[field] !== 'string') continue;
        let host: string;
        try {
          host = new URL(input[field]).host;
        } catch {
          continue; // not a URL: the service answers that it does not exist
        }
        if (host !== allowed) throw new SafetyRefusal(`refusing a request to ${host}: the run may only reach ${allowed}`);
      }
    });
  }
}
