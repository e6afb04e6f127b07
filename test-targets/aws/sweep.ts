/**
 * Removes what interrupted runs left behind, and nothing else: queues and topics whose name
 * carries the `ssec-` prefix AND the run tag, aliases with the prefix (aliases cannot be tagged).
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
  const aliases = (await c.kms.send(new ListAliasesCommand({}))).Aliases ?? [];
  out.aliases = aliases.map((a) => a.AliasName!).filter((n) => n.startsWith(`alias/${SWEEP_PREFIX}`));
  if (pool) out.pooledKeys = await pool.load();
  if (opts.delete) {
    for (const url of out.queues) await c.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    for (const arn of out.topics) await c.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    for (const name of out.aliases) await c.kms.send(new DeleteAliasCommand({ AliasName: name }));
    for (const id of out.pooledKeys) await pool!.restore(id);
  }
  return out;
}
