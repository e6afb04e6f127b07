/**
 * A run's lease on a real account, so that `sweep --delete` spares a live run's queues, topics and buckets (which
 * carry the run's tag, `sse-conformance:run` = the run id). The lease is a queue of its own, `ssec-<run id>-lease`, tagged
 * like the run's other resources and with `sse-conformance:lease` = `<run id> until <ISO time>`, as a pooled key's
 * lease (key-pool.ts): taken before the run's first tagged resource, renewed every third of its length while the run
 * lives, deleted when the run ends. A run that is killed leaves it to expire: until then the sweep leaves that run's
 * resources (and the lease) alone, after that it deletes them with it.
 */
import { CreateQueueCommand, DeleteQueueCommand, TagQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { leaseTagValue } from './key-pool.js';
import { LEASE_TAG_KEY, TAG_KEY } from './safety.js';

export class RunLease {
  readonly #sqs: SQSClient;
  readonly #runId: string;
  readonly #leaseMs: number;
  #url: Promise<string> | undefined;
  #renewal: NodeJS.Timeout | undefined;

  /** `sqs`: a client outside the run's safety middleware (it names and tags the queue itself). */
  constructor(sqs: SQSClient, opts: { runId: string; leaseMs: number }) {
    this.#sqs = sqs;
    this.#runId = opts.runId;
    this.#leaseMs = opts.leaseMs;
  }

  /** The lease queue's name: it carries the run prefix, so the run's own rules and `sweep` recognise it. */
  get name(): string {
    return `ssec-${this.#runId}-lease`;
  }

  #value(): string {
    return leaseTagValue({ holder: this.#runId, expiresAt: Date.now() + this.#leaseMs });
  }

  /** Takes the lease once, before the run's first queue or topic; later calls wait for the same one. */
  ensure(): Promise<string> {
    this.#url ??= (async () => {
      const out = await this.#sqs.send(new CreateQueueCommand({ QueueName: this.name, tags: { [TAG_KEY]: this.#runId, [LEASE_TAG_KEY]: this.#value() } }));
      const url = out.QueueUrl!;
      this.#renewal = setInterval(() => {
        // A renewal that fails is tried again at the next one; the lease lasts three of them.
        this.#sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { [LEASE_TAG_KEY]: this.#value() } })).catch(() => {});
      }, this.#leaseMs / 3);
      this.#renewal.unref();
      return url;
    })();
    this.#url.catch(() => {
      this.#url = undefined; // the next creation asks again
    });
    return this.#url;
  }

  /** Stops renewing (a run that is killed does no more; tests use this to stand for one). */
  stop(): void {
    clearInterval(this.#renewal);
  }

  /** Ends the lease: the run is over, what it left is the sweep's. */
  async end(): Promise<void> {
    this.stop();
    const url = await this.#url?.catch(() => undefined);
    this.#url = undefined;
    if (url) await this.#sqs.send(new DeleteQueueCommand({ QueueUrl: url })).catch(() => {});
  }
}
