/**
 * What a service is to the engine, in one entry (docs/architecture.md, "Adding a service"): its SDK module and
 * client, a harmless call that tells whether it answers, the resources a run creates in it (how each is tracked,
 * cleaned up and swept), the spellings of its errors, how it spells a 500 or throttling on the wire, its limits,
 * the feature tags that need it and the prefix of its facts. The engine, the targets and the CLI iterate the
 * registry (./registry.ts) and know no service by name. Built-in entries: ./kms.ts, ./sns.ts, ./sqs.ts.
 */

/** An SDK v3 client as the engine uses it: it sends commands of its own module, and is destroyed after the run. */
export interface SdkClient {
  send(command: never): Promise<unknown>;
  destroy(): void;
}

/** An SDK v3 module (`import * as SQS from '@aws-sdk/client-sqs'`): its command classes extend its `$Command`. */
export interface SdkModule {
  readonly $Command: abstract new (...args: never[]) => unknown;
}

/** A request or an answer as the tracking hooks read it. */
export type Fields = Record<string, unknown>;

/** The faults the faulty target injects as answers of the service. */
export type WireFault = 'server-error' | 'throttle';

/** An HTTP answer in the service's own protocol, which the SDK's deserializer reads into its own exception. */
export interface WireAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Where a replay is (the recorded target, check-model), for made-up identifiers. */
export interface ReplayPlace {
  region: string;
  account: string;
  /** The recorded target's stand-in endpoint. */
  endpoint: string;
}

/**
 * How a replay makes up a concrete value for a symbol the recording holds but its target chose (the recorded
 * target answers offline): the plain identifier, and the forms wrapped around it in a recording.
 */
export interface MadeUp {
  /** Who chose the plain identifier: the target (a key id: made up as a fresh UUID) or the client (a queue's name). */
  readonly chosenBy: 'target' | 'client';
  /** The identifier as shown plainly (`key#0`); default: the identifier itself. */
  readonly plain?: (id: string, at: ReplayPlace) => string;
  /** `arn(queue#0)`. */
  readonly arn?: (id: string, at: ReplayPlace) => string;
  /** `url(queue#0)`. */
  readonly url?: (id: string, at: ReplayPlace) => string;
}

/** One kind of resource a run creates in a service (a key, a queue): its symbol, its tracking, its cleanup. */
export interface ResourceKind<C extends SdkClient = SdkClient> {
  /**
   * Its name in reports, recordings and leftovers: `queue` is shown as `queue#0`, `url(queue#0)`, `arn(queue#0)`.
   * Unique across services; lower case.
   */
  readonly kind: string;
  /** Its plural, for counts (`sweep`: "2 queues"). */
  readonly plural: string;
  /** The call that creates one, and where its identifiers are. */
  readonly create: {
    readonly operation: string;
    /**
     * A name the client chooses (CreateQueue's QueueName): it gets its symbol when it is first sent, whatever the
     * answer, so that the same input reads the same on every target; the identifier answered gets the same symbol.
     */
    readonly name?: (input: Fields) => unknown;
    /** The identifier it is deleted by, from a successful create (a queue's URL, a key's id). */
    readonly id: (input: Fields, output: Fields) => unknown;
    /** Other identifiers of it in the answer (a key's ARN), shown as `arn(key#0)`. */
    readonly others?: (output: Fields) => unknown[];
    /**
     * False: shown as sent, never replaced by a symbol (alias names are the client's own choice, often the generated
     * value under test). It is still deleted afterwards.
     */
    readonly symbolic?: false;
  };
  /** Calls whose answer shows another identifier of one the session knows (GetQueueAttributes' QueueArn): `arn(queue#0)`. */
  readonly learn?: readonly { readonly operation: string; readonly known: (input: Fields) => unknown; readonly arn: (output: Fields) => unknown }[];
  /** A fresh run-prefixed name for the clause to create one with (`Session.name`); absent: the clause names none. */
  readonly name?: (base: string, opts: { fifo: boolean }) => string;
  /** How the session deletes one after each scenario; absent: nothing to delete (it goes with another: a subscription with its topic). */
  readonly cleanup?: {
    /** The call that deletes one (a real account's `sweep --delete` sends it too), and its input for an identifier. */
    readonly operation: string;
    readonly input: (id: string) => Fields;
    /**
     * What must go before the delete call, through the same client (an S3 bucket is deleted only once it is empty:
     * its objects are deleted first). Its failures are the delete's: the delete is not attempted.
     */
    empty?(client: C, id: string): Promise<void>;
    /**
     * The operations `empty` sends. A recorded target (which holds a scenario's calls, not its cleanup) answers each with
     * an empty success, as it answers `operation`: a listing that lists nothing, so emptying ends at once.
     */
    readonly emptyOperations?: readonly string[];
    /**
     * Whether a delete that failed with this canonical code means it is gone already, or as good as gone (a key already
     * pending deletion); `released`: the target took it back (`releasable`) instead.
     */
    readonly gone: (code: string | undefined, how: { released: boolean }) => boolean;
    /**
     * A target with `releaseKey` (pooled keys on a real account) takes it back instead of it being deleted; that goes to
     * the target's pool, not to the service, so it is done even after the service stopped answering.
     */
    readonly releasable?: boolean;
  };
  /** On a real account (test-targets/aws): the rules that keep a run to its own resources, and how `sweep` finds leftovers. */
  readonly realAccount?: {
    /**
     * Before the create call is sent: refuses a name without the run prefix (returns why), and tags the input where the
     * resource can carry a tag (it changes `input`).
     */
    readonly guard?: (input: Fields, run: { prefix: string; tag: { key: string; value: string } }) => string | undefined;
    /**
     * Leftovers of interrupted runs: only resources with the prefix and the run tag (or, untaggable, on a pooled
     * resource: `on` names it), each with its `tags` where it has them (a live run's lease spares it, test-targets/aws/
     * run-lease.ts). `sweep --delete` deletes each with the `cleanup` call.
     */
    sweep?(
      client: C,
      find: { prefix: string; tagKey: string; pooled: ReadonlySet<string> },
    ): AsyncIterable<{ id: string; on?: string; tags?: Readonly<Record<string, string>> }>;
  };
  /** How a replay makes up its identifiers (absent: `recorded-<kind><n>`). */
  readonly madeUp?: MadeUp;
}

/** Identifiers the target chooses that are not resources the run created (message ids, receipt handles, AWS managed keys). */
export interface TargetId {
  /** The output fields that hold one; a recording names each by the first output that shows it (`message#0`). */
  readonly fields: readonly string[];
  readonly symbol: string;
  /** Only values for which this holds (a key id, not an ARN). */
  readonly when?: (value: string) => boolean;
  readonly madeUp?: MadeUp;
}

/** A limit of the service that clauses test, with the AWS value; targets that differ say so in their capabilities. */
export interface Limit {
  readonly default: number;
  readonly description: string;
  /** The capability that held it before limits were per service (recordings written then carry it). */
  readonly legacyCapability?: string;
}

/** A feature tag (src/features.ts has the others) that needs this service: a clause tagged with it is not observable without it. */
export interface ServiceFeature {
  readonly description: string;
  /** A label for the README's clause counts, when clause ids under this tag form an area of their own (`sns-to-sqs.…`). */
  readonly area?: string;
}

/** Where a reproduction script captures an identifier from an answer: the output path and the variable's suffix. */
export type Capture = readonly [path: readonly string[], suffix: string];

export interface ServiceDefinition<N extends string = string, C extends SdkClient = SdkClient, L extends string = string, F extends string = string> {
  /** Its name on the command line and in config files (`--endpoint sqs=URL`), in reports and signatures (`sqs:SendMessage`). */
  readonly name: N;
  /** In sentences: "moto offers no Amazon SQS". */
  readonly title: string;
  /** The prefix of its facts in specs/facts.md (`SQS-17`). */
  readonly factPrefix: string;
  readonly sdk: {
    /** The npm package, for reproductions and messages. */
    readonly package: string;
    readonly module: SdkModule;
    /** Its client class; the engine gives it region, endpoint, credentials, `maxAttempts` and the entry's `clientConfig`. */
    readonly client: new (
      config: Record<string, unknown>,
    ) => C;
    /** The service's base exception (`SQSServiceException`): what the SDK throws for an error it does not model. */
    readonly exception: new (options: {
      name: string;
      $fault: 'client' | 'server';
      $metadata: { httpStatusCode?: number };
      message: string;
    }) => Error;
  };
  /** Settings of its clients on every HTTP target, besides endpoint and credentials. */
  readonly clientConfig?: Readonly<Record<string, unknown>>;
  /** Called on each of its clients an HTTP target makes, once: middleware the client needs to send what AWS expects. */
  prepareClient?(client: C): void;
  /** Input fields that hold a URL the SDK would send the request to (SQS's QueueUrl): a real account's run refuses other hosts. */
  readonly urlInputs?: readonly string[];
  /** A harmless call: any answer of the service, an error too, means the target still answers. */
  probe(client: C): Promise<unknown>;
  /** The feature tags that need it (its own, e.g. `sqs`), with their meaning. */
  readonly features: { readonly [K in F]: ServiceFeature };
  /** Feature tags described by another service's entry that need this one too (`sns-to-sqs` needs SQS). */
  readonly neededBy?: readonly string[];
  readonly resources: readonly ResourceKind<C>[];
  readonly targetIds?: readonly TargetId[];
  /** Its rows of the error table (docs/architecture.md, "Errors, once"): a canonical code and every spelling of it. */
  readonly errors: readonly (readonly [canonical: string, spellings: readonly string[]])[];
  /** An HTTP 500 or throttling answer as the service spells it (the faulty target). */
  readonly faultAnswer: (fault: WireFault, message: string, requestId: string) => WireAnswer;
  readonly limits: { readonly [K in L]: Limit };
  /** Reproductions: operations whose answers hold identifiers later requests name (`sqs:CreateQueue` → QueueUrl). */
  readonly captures?: Readonly<Record<string, readonly Capture[]>>;
}

/** A registry entry. `defineService` only infers its types: the name's, the client's, the limits' and the feature tags'. */
export function defineService<const N extends string, C extends SdkClient, L extends string = never, F extends string = never>(
  d: ServiceDefinition<N, C, L, F>,
): ServiceDefinition<N, C, L, F> {
  return d;
}

/** The client type of an entry. */
export type ClientOf<E> = E extends { readonly sdk: { readonly client: new (config: never) => infer C } } ? C : never;
/** The limits of an entry, as capabilities hold them. */
export type LimitsOf<E> = E extends { readonly limits: infer L } ? { readonly [K in keyof L]: number } : never;
/** The feature tags of an entry. */
export type FeaturesOf<E> = E extends { readonly features: infer F } ? keyof F & string : never;

/** Encodes text as the bytes of a wire answer. */
export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
