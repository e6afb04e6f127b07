/**
 * The rules that keep a run on a real account safe (docs/architecture.md, "Real accounts: safety first"):
 * every resource the run creates carries the run prefix and a tag; requests go only to the
 * configured endpoints. They are SDK middleware, so no clause can bypass them.
 */
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

/** Tags every queue, topic and key the run creates, and refuses names without the run prefix. */
export function tagCreations(c: Clients, prefix: string, runId: string): void {
  before(c.sqs, 'sseConformanceTagQueues', (op, input) => {
    if (op !== 'CreateQueue') return;
    if (!String(input.QueueName).startsWith(prefix))
      throw new SafetyRefusal(`refusing to create queue "${input.QueueName}": names must start with the run prefix ${prefix}`);
    input.tags = { ...input.tags, [TAG_KEY]: runId };
  });
  before(c.sns, 'sseConformanceTagTopics', (op, input) => {
    if (op !== 'CreateTopic') return;
    if (!String(input.Name).startsWith(prefix))
      throw new SafetyRefusal(`refusing to create topic "${input.Name}": names must start with the run prefix ${prefix}`);
    input.Tags = [...(input.Tags ?? []), { Key: TAG_KEY, Value: runId }];
  });
  before(c.kms, 'sseConformanceTagAliases', (op, input) => {
    if (op === 'CreateAlias' && !String(input.AliasName).startsWith(`alias/${prefix}`) && !String(input.AliasName).startsWith('alias/aws/')) {
      // Invalid alias names are part of the specification (KMS-7) and fail without creating anything;
      // valid ones must carry the prefix so that cleanup can find them.
      if (/^alias\/[A-Za-z0-9/_-]+$/.test(String(input.AliasName)) && String(input.AliasName).length <= 256) {
        throw new SafetyRefusal(`refusing to create alias "${input.AliasName}": names must start with alias/${prefix}`);
      }
    }
  });
}

/** Refuses any SQS request whose QueueUrl points at another host than the configured endpoint. */
export function pinQueueUrls(c: Clients, endpoint: string): void {
  const allowed = new URL(endpoint).host;
  before(c.sqs, 'sseConformancePinQueueUrls', (_op, input) => {
    if (typeof input?.QueueUrl !== 'string') return;
    let host: string;
    try {
      host = new URL(input.QueueUrl).host;
    } catch {
      return; // not a URL: the service answers QueueDoesNotExist
    }
    if (host !== allowed) throw new SafetyRefusal(`refusing a request to ${host}: the run may only reach ${allowed}`);
  });
}
