/**
 * Removes what interrupted runs left behind, and nothing else: queues and topics whose name
 * carries the `ssec-` prefix AND the run tag; aliases (which cannot be tagged) whose name carries the
 * prefix AND that point at one of the project's pooled keys (the only keys a run ever holds).
 * Pooled keys are restored, never deleted. A dry run (the default) only lists.
 */
import { DeleteAliasCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { DeleteTopicCommand, ListTagsForResourceCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { DeleteQueueCommand, ListQueuesCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import type { Clients } from '../../src/target.js';
import type { KeyPool } from './key-pool.js';
import { TAG_KEY } from './safety.js';

export const SWEEP_PREFIX = 'ssec-';

export interface SweepResult {
  queues: string[];
  topics: string[];
  aliases: string[];
  pooledKeys: string[];
  deleted: boolean;
}

export async function sweep(c: Clients, pool: KeyPool | undefined, opts: { delete: boolean }): Promise<SweepResult> {
  const out: SweepResult = { queues: [], topics: [], aliases: [], pooledKeys: [], deleted: opts.delete };
  const queues = (await c.sqs.send(new ListQueuesCommand({ QueueNamePrefix: SWEEP_PREFIX }))).QueueUrls ?? [];
  for (const url of queues) {
    const tags = (await c.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags ?? {};
    if (tags[TAG_KEY] !== undefined) out.queues.push(url);
  }
  let token: string | undefined;
  do {
    const page = await c.sns.send(new ListTopicsCommand({ ...(token ? { NextToken: token } : {}) }));
    for (const t of page.Topics ?? []) {
      if (!t.TopicArn!.split(':').pop()!.startsWith(SWEEP_PREFIX)) continue;
      const tags = (await c.sns.send(new ListTagsForResourceCommand({ ResourceArn: t.TopicArn }))).Tags ?? [];
      if (tags.some((x) => x.Key === TAG_KEY)) out.topics.push(t.TopicArn!);
    }
    token = page.NextToken;
  } while (token);
  if (pool) out.pooledKeys = await pool.load();
  const pooled = new Set(out.pooledKeys);
  let marker: string | undefined;
  do {
    const page = await c.kms.send(new ListAliasesCommand({ ...(marker ? { Marker: marker } : {}) }));
    for (const a of page.Aliases ?? []) {
      if (a.AliasName?.startsWith(`alias/${SWEEP_PREFIX}`) && a.TargetKeyId && pooled.has(a.TargetKeyId)) out.aliases.push(a.AliasName);
    }
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  if (opts.delete) {
    for (const url of out.queues) await c.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    for (const arn of out.topics) await c.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    for (const name of out.aliases) await c.kms.send(new DeleteAliasCommand({ AliasName: name }));
    for (const id of out.pooledKeys) await pool!.restore(id);
  }
  return out;
}
