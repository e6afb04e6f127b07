/**
 * Removes what interrupted runs left behind, and nothing else: queues and topics whose name
 * carries the `ssec-` prefix AND the run tag; aliases (which cannot be tagged) whose name carries the
 * prefix AND that point at one of the project's pooled keys (the only keys a run ever holds).
 * Pooled keys are restored, never deleted. A dry run (the default) only lists.
 *
 * A pooled key whose lease has not expired is in use by a run (key-pool.ts): it is neither restored
 * nor are the aliases on it deleted. Before restoring a key the sweep takes its lease itself, so a
 * run starting meanwhile gets another key. Whatever cannot be deleted or restored is listed in
 * `failures`, never dropped.
 */
import { DeleteAliasCommand, paginateListAliases } from '@aws-sdk/client-kms';
import { DeleteTopicCommand, ListTagsForResourceCommand, paginateListTopics } from '@aws-sdk/client-sns';
import { DeleteQueueCommand, ListQueueTagsCommand, paginateListQueues } from '@aws-sdk/client-sqs';
import { normalizeError } from '../../src/errors/normalize.js';
import type { Clients } from '../../src/target.js';
import type { KeyPool, Lease } from './key-pool.js';
import { TAG_KEY } from './safety.js';

export const SWEEP_PREFIX = 'ssec-';

export interface SweepResult {
  queues: string[];
  topics: string[];
  aliases: string[];
  pooledKeys: string[];
  /** Pooled keys a run holds an unexpired lease on: left alone, with the aliases on them. */
  inUse: (Lease & { id: string; aliases: string[] })[];
  /** What could not be deleted or restored, and why. */
  failures: { resource: string; reason: string }[];
  deleted: boolean;
}

export async function sweep(c: Clients, pool: KeyPool | undefined, opts: { delete: boolean }): Promise<SweepResult> {
  const out: SweepResult = { queues: [], topics: [], aliases: [], pooledKeys: [], inUse: [], failures: [], deleted: opts.delete };
  // Every List call through the SDK's own paginator: SQS pages only when asked for MaxResults (1000 at most).
  for await (const page of paginateListQueues({ client: c.sqs, pageSize: 1000 }, { QueueNamePrefix: SWEEP_PREFIX })) {
    for (const url of page.QueueUrls ?? []) {
      const tags = (await c.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags ?? {};
      if (tags[TAG_KEY] !== undefined) out.queues.push(url);
    }
  }
  for await (const page of paginateListTopics({ client: c.sns }, {})) {
    for (const t of page.Topics ?? []) {
      if (!t.TopicArn!.split(':').pop()!.startsWith(SWEEP_PREFIX)) continue;
      const tags = (await c.sns.send(new ListTagsForResourceCommand({ ResourceArn: t.TopicArn }))).Tags ?? [];
      if (tags.some((x) => x.Key === TAG_KEY)) out.topics.push(t.TopicArn!);
    }
  }
  const pooled = new Set<string>();
  for (const k of pool ? await pool.inspect() : []) {
    pooled.add(k.id);
    if (pool!.live(k.lease) && k.lease.holder !== pool!.holder) out.inUse.push({ id: k.id, ...k.lease, aliases: [] });
    else out.pooledKeys.push(k.id);
  }
  for await (const page of paginateListAliases({ client: c.kms }, {})) {
    for (const a of page.Aliases ?? []) {
      if (!a.AliasName?.startsWith(`alias/${SWEEP_PREFIX}`) || !a.TargetKeyId || !pooled.has(a.TargetKeyId)) continue;
      const holder = out.inUse.find((k) => k.id === a.TargetKeyId);
      if (holder) holder.aliases.push(a.AliasName);
      else out.aliases.push(a.AliasName);
    }
  }
  if (opts.delete) {
    const attempt = async (resource: string, service: 'sqs' | 'sns' | 'kms', fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (e) {
        const code = normalizeError(service, e)?.code;
        if (code === 'QueueDoesNotExist' || code === 'NotFound' || code === 'KMS.NotFound') return; // gone meanwhile
        out.failures.push({ resource, reason: `${(e as Error).name}: ${(e as Error).message}`.replace(/\s+/g, ' ') });
      }
    };
    for (const url of out.queues) await attempt(url, 'sqs', () => c.sqs.send(new DeleteQueueCommand({ QueueUrl: url })));
    for (const arn of out.topics) await attempt(arn, 'sns', () => c.sns.send(new DeleteTopicCommand({ TopicArn: arn })));
    for (const name of out.aliases) await attempt(name, 'kms', () => c.kms.send(new DeleteAliasCommand({ AliasName: name })));
    for (const id of out.pooledKeys) {
      await attempt(`pooled key ${id}`, 'kms', async () => {
        if (await pool!.take(id)) await pool!.release(id);
        else out.inUse.push({ id, holder: 'a run that leased it during the sweep', expiresAt: Number.NaN, aliases: [] }); // that run restores it
      });
    }
    pool?.stop();
  }
  return out;
}
