/**
 * What a scenario created, in order, by resource kind (src/services/) and the identifier it is deleted by; and the
 * cleanup that deletes it all afterwards, newest first.
 */
import { abbreviate } from './abbreviate.js';
import { faultOf, isReset, isUnreachable, normalizeError } from './errors/normalize.js';
import type { Leftover } from './report.js';
import { withRetries } from './retry.js';
import { clientOf, deleteResource, resourceKind } from './services/registry.js';
import type { Target } from './target.js';

/**
 * What a scenario's cleanup could not delete, and why: `notAttempted` when the target had stopped answering first,
 * `refused` when the service answered the delete with an error that is no fault (a 4xx: its deterministic answer,
 * such as a reserved alias a wrong target let the clause create), else a fault (5xx, throttling, no answer).
 */
export interface CleanupLeftover extends Leftover {
  notAttempted?: boolean;
  refused?: boolean;
}

export class ResourceLedger {
  readonly #created: { kind: string; id: string }[] = [];

  has(kind: string, id: string): boolean {
    return this.#created.some((c) => c.kind === kind && c.id === id);
  }

  add(kind: string, id: string): void {
    this.#created.push({ kind, id });
  }

  /**
   * Deletes what was created, without recording steps; keys are scheduled for deletion. Each delete goes through
   * the retry policy of steps (src/retry.ts), and since a delete is idempotent it is also retried after a 5xx or a
   * dropped connection (a delete that acted before its answer was lost then finds its resource gone). What still
   * fails is returned with its reason (a resource that is already gone is not one).
   *
   * A delete that times out or is refused means the target stopped answering (`unreachable`): the rest is not
   * attempted, since each delete would wait out its own timeout (30 s), and neither is anything when the target was
   * `gone` before; only pooled keys are still given back (a real account would pay for a new key otherwise). Such
   * leftovers say so (`notAttempted`).
   */
  async cleanup(target: Target, gone: boolean): Promise<{ leftovers: CleanupLeftover[]; unreachable: boolean }> {
    const c = target.clients(0);
    const leftovers: CleanupLeftover[] = [];
    let unreachable = false;
    for (const r of [...this.#created].reverse()) {
      const { service, resource } = resourceKind(r.kind)!;
      const cleanup = resource.cleanup!;
      const release = cleanup.releasable ? target.releaseKey : undefined;
      if ((gone || unreachable) && !release) {
        leftovers.push({ kind: r.kind, id: r.id, reason: 'not attempted: the target stopped answering', notAttempted: true });
        continue;
      }
      const done = await withRetries(
        () => (release ? release.call(target, r.id) : deleteResource(r.kind, clientOf(c, service.name)!, r.id)),
        (e) => {
          const n = normalizeError(service.name, e);
          return n ? faultOf(n) !== undefined : isReset(e);
        },
      );
      if (done.ok) continue;
      const e = done.error;
      const n = normalizeError(service.name, e);
      // The resource may already be gone, or in a state the clause put it in (a key pending deletion).
      if (cleanup.gone(n?.code, { released: release !== undefined })) continue;
      if (isUnreachable(e) && !isReset(e)) unreachable = true;
      const attempts = done.attempts > 1 ? ` (after ${done.attempts} attempts)` : '';
      leftovers.push({
        kind: r.kind,
        id: r.id,
        reason: abbreviate(`${(e as Error).name}: ${(e as Error).message}${attempts}`.replace(/\s+/g, ' ')),
        ...(n && !faultOf(n) ? { refused: true } : {}),
      });
    }
    return { leftovers, unreachable };
  }
}
