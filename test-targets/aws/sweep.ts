/**
 * Removes what interrupted runs left behind, and nothing else: queues and topics whose name
 * carries the `ssec-` prefix AND the run tag; aliases (which cannot be tagged) whose name carries the
 * prefix AND that point at one of the project's pooled keys (the only keys a run ever holds).
 * Pooled keys are restored, never deleted. A dry run (the default) only lists.
 *
 * A pooled key whose lease has not expired is in use by a run (key-pool.ts): it is neither restored
 * nor are the aliases on it deleted. Likewise a run whose own lease has not expired (run-lease.ts) is live: its
 * queues and topics are left alone. Before restoring a key the sweep takes its lease itself, so a
 * run starting meanwhile gets another key. Whatever cannot be deleted or restored is listed in
 * `failures`, never dropped.
 */
import { normalizeError } from '../../src/errors/normalize.js';
import { clientOf, deleteResource, resourceKind, resourceKinds, type KindOf } from '../../src/services/registry.js';
import type { Clients } from '../../src/target.js';
import { parseLease, type KeyPool, type Lease } from './key-pool.js';
import { LEASE_TAG_KEY, TAG_KEY } from './safety.js';

export const SWEEP_PREFIX = 'ssec-';

/** What a sweep found of one resource kind (src/services/: each kind's `realAccount.sweep`). */
export interface Swept {
  kind: string;
  /** Its plural, for counts ("2 queues"). */
  plural: string;
  ids: string[];
}

export interface SweepResult {
  /**
   * Each resource kind the registry can sweep, with what was found of it: the later services' first (queues, topics,
   * then aliases), since the registry lists KMS first and the others' resources depend on its keys.
   */
  found: Swept[];
  /** The identifiers found of a resource kind. */
  of(kind: string): string[];
  pooledKeys: string[];
  /** Pooled keys a run holds an unexpired lease on: left alone, with the resources on them (aliases). */
  inUse: (Lease & { id: string; aliases: string[] })[];
  /** Runs whose lease (run-lease.ts) has not expired: their queues and topics, the lease's own included, are left alone. */
  liveRuns: { run: string; expiresAt: number; resources: string[] }[];
  /** What could not be deleted or restored, and why. */
  failures: { resource: string; reason: string }[];
  deleted: boolean;
}

export async function sweep(c: Clients, pool: KeyPool | undefined, opts: { delete: boolean }): Promise<SweepResult> {
  const found: Swept[] = [];
  const out: SweepResult = {
    found,
    of: (kind) => found.find((f) => f.kind === kind)?.ids ?? [],
    pooledKeys: [],
    inUse: [],
    liveRuns: [],
    failures: [],
    deleted: opts.delete,
  };
  const pooled = new Set<string>();
  for (const k of pool ? await pool.inspect() : []) {
    pooled.add(k.id);
    if (pool!.live(k.lease) && k.lease.holder !== pool!.holder) out.inUse.push({ id: k.id, ...k.lease, aliases: [] });
    else out.pooledKeys.push(k.id);
  }
  // Every List call through the SDK's own paginators (in each kind's sweep): they read all pages.
  const kinds = resourceKinds()
    .filter(({ resource }) => resource.realAccount?.sweep)
    .reverse();
  const tagged: { swept: Swept; id: string; tags?: Readonly<Record<string, string>> }[] = [];
  for (const { service, resource } of kinds) {
    const client = clientOf(c, service.name);
    if (!client) continue;
    const swept: Swept = { kind: resource.kind, plural: resource.plural, ids: [] };
    found.push(swept);
    for await (const r of resource.realAccount!.sweep!(client, { prefix: SWEEP_PREFIX, tagKey: TAG_KEY, pooled })) {
      // On a pooled key a run holds: left alone with it.
      const holder = r.on === undefined ? undefined : out.inUse.find((k) => k.id === r.on);
      if (holder) holder.aliases.push(r.id);
      else tagged.push({ swept, id: r.id, ...(r.tags ? { tags: r.tags } : {}) });
    }
  }
  // A run whose lease (run-lease.ts: a queue tagged with it) has not expired is live: its resources are left alone.
  for (const { tags } of tagged) {
    const lease = parseLease(tags?.[LEASE_TAG_KEY]);
    const run = tags?.[TAG_KEY];
    if (run !== undefined && lease && lease.expiresAt > Date.now() && !out.liveRuns.some((r) => r.run === run))
      out.liveRuns.push({ run, expiresAt: lease.expiresAt, resources: [] });
  }
  for (const { swept, id, tags } of tagged) {
    const live = out.liveRuns.find((r) => r.run === tags?.[TAG_KEY]);
    if (live) live.resources.push(id);
    else swept.ids.push(id);
  }
  if (opts.delete) {
    const attempt = async (resource: string, kind: KindOf, released: boolean, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (e) {
        if (kind.resource.cleanup?.gone(normalizeError(kind.service.name, e)?.code, { released })) return; // gone meanwhile
        out.failures.push({ resource, reason: `${(e as Error).name}: ${(e as Error).message}`.replace(/\s+/g, ' ') });
      }
    };
    // What is on a pooled key goes before the key is restored.
    for (const kind of kinds) {
      const client = clientOf(c, kind.service.name);
      for (const id of out.of(kind.resource.kind)) await attempt(id, kind, false, () => deleteResource(kind.resource.kind, client!, id));
    }
    for (const id of out.pooledKeys) {
      await attempt(`pooled key ${id}`, resourceKind(pool!.kind)!, true, async () => {
        if (await pool!.take(id)) await pool!.release(id);
        else out.inUse.push({ id, holder: 'a run that leased it during the sweep', expiresAt: Number.NaN, aliases: [] }); // that run restores it
      });
    }
    pool?.stop();
  }
  return out;
}
