/**
 * KMS keys on a real account cost money and cannot be deleted sooner than 7 days, so the suite
 * keeps a small pool of keys tagged `sse-conformance:pool`, reused across runs. A scenario's
 * CreateKey leases one exclusively; when the scenario ends the key is restored: deletion
 * cancelled, enabled, default policy back.
 *
 * A lease outlives the process that took it: it is a tag on the key itself
 * (`sse-conformance:lease` = `<holder> until <ISO time>`), renewed while it is held and removed on
 * release. Another run, or `sweep`, skips a key whose lease has not expired and treats an expired
 * (or unreadable) one as free, so a run that was killed blocks its keys only until its leases
 * expire. KMS has no conditional tag write: a taker writes its lease, waits `settleMs`, reads the
 * tag again and keeps the key only if the tag still names it (of two takers, the later writer wins
 * and the other moves on).
 */
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  ListResourceTagsCommand,
  paginateListKeys,
  PutKeyPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { LEASE_TAG_KEY, POOL_TAG_KEY } from './safety.js';

export class KeyPoolExhausted extends Error {
  override readonly name = 'KeyPoolExhausted';
}

/** Who holds a pooled key, and until when. */
export interface Lease {
  holder: string;
  expiresAt: number;
}

export interface KeyPoolOptions {
  max: number;
  account: string;
  /** Names this run in lease tags (the run id). */
  holder: string;
  /** How long a lease lasts unless renewed (default 15 minutes); it is renewed every third of that while held. */
  leaseMs?: number;
  /** How long a taker waits before reading its lease back (default 1 s: tags are eventually consistent). */
  settleMs?: number;
  now?: () => number;
}

export function leaseTagValue(l: Lease): string {
  return `${l.holder} until ${new Date(l.expiresAt).toISOString()}`;
}

/** A lease tag's value; undefined when it is not one (such a key is free). */
export function parseLease(value: string | undefined): Lease | undefined {
  const m = /^(.+) until (\S+)$/.exec(value ?? '');
  const expiresAt = m ? Date.parse(m[2]!) : NaN;
  return m && Number.isFinite(expiresAt) ? { holder: m[1]!, expiresAt } : undefined;
}

export class KeyPool {
  /** The resource kind it pools (src/services/kms.ts): a real account's run leases these instead of creating them. */
  readonly kind = 'key';
  readonly #kms: KMSClient;
  readonly #max: number;
  readonly #account: string;
  readonly #holder: string;
  readonly #leaseMs: number;
  readonly #settleMs: number;
  readonly #now: () => number;
  #ids: string[] | undefined;
  readonly #leased = new Set<string>();
  /** Keys this run is taking now (scenarios run concurrently): no two of its scenarios take the same one. */
  readonly #taking = new Set<string>();
  #renewal: ReturnType<typeof setInterval> | undefined;
  #renewing: Promise<void> | undefined;
  /** Keys this run had to create (each costs money until deleted). */
  created = 0;
  /** Renewals that failed (a lease that lapses can be taken by another run). */
  readonly renewalFailures: string[] = [];

  constructor(kms: KMSClient, opts: KeyPoolOptions) {
    this.#kms = kms;
    this.#max = opts.max;
    this.#account = opts.account;
    this.#holder = opts.holder;
    this.#leaseMs = opts.leaseMs ?? 15 * 60_000;
    this.#settleMs = opts.settleMs ?? 1000;
    this.#now = opts.now ?? Date.now;
  }

  get holder(): string {
    return this.#holder;
  }

  /** Keys this run holds a lease on now. */
  get held(): string[] {
    return [...this.#leased];
  }

  /** Finds the pool's keys: customer keys tagged as pool members. */
  async load(): Promise<string[]> {
    this.#ids = (await this.inspect()).map((k) => k.id);
    return this.#ids;
  }

  /** The pool's keys with their leases (live or expired; none when the key is free). */
  async inspect(): Promise<{ id: string; lease?: Lease }[]> {
    const keys: { id: string; lease?: Lease }[] = [];
    for await (const page of paginateListKeys({ client: this.#kms }, {})) {
      for (const k of page.Keys ?? []) {
        const tags = await this.#tags(k.KeyId!);
        if (tags?.has(POOL_TAG_KEY)) {
          const lease = parseLease(tags.get(LEASE_TAG_KEY));
          keys.push({ id: k.KeyId!, ...(lease ? { lease } : {}) });
        }
      }
    }
    return keys;
  }

  /** Whether a lease is still in force now. */
  live(lease: Lease | undefined): lease is Lease {
    return lease !== undefined && lease.expiresAt > this.#now();
  }

  async lease(): Promise<KeyMetadata> {
    if (this.#leased.size + this.#taking.size >= this.#max)
      throw new KeyPoolExhausted(`all ${this.#max} pooled keys are leased; raise the pool size or lower concurrency`);
    for (const reload of [false, true]) {
      if (reload || !this.#ids) await this.load(); // another run may have added keys to the pool
      for (const id of this.#ids!) {
        if (!this.#leased.has(id) && !this.#taking.has(id) && (await this.take(id))) {
          await this.restore(id);
          return (await this.#kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
        }
      }
    }
    const { KeyMetadata } = await this.#kms.send(
      new CreateKeyCommand({
        Description: 'sse-conformance key pool (reused across runs)',
        Tags: [
          { TagKey: POOL_TAG_KEY, TagValue: 'true' },
          { TagKey: LEASE_TAG_KEY, TagValue: this.#newLease() },
        ],
      }),
    );
    this.created++;
    this.#ids!.push(KeyMetadata!.KeyId!);
    this.#hold(KeyMetadata!.KeyId!);
    return KeyMetadata!;
  }

  /**
   * Takes the lease of one pooled key if nobody else holds it (no lease, an expired one, or ours):
   * writes it, waits, and reads it back. False when another holder has it, or wrote after us.
   */
  async take(id: string): Promise<boolean> {
    if (this.#leased.has(id) || this.#taking.has(id)) return false;
    this.#taking.add(id);
    try {
      return await this.#take(id);
    } finally {
      this.#taking.delete(id);
    }
  }

  async #take(id: string): Promise<boolean> {
    const before = parseLease((await this.#tags(id))?.get(LEASE_TAG_KEY));
    if (this.live(before) && before.holder !== this.#holder) return false;
    const mine = this.#newLease();
    await this.#kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: LEASE_TAG_KEY, TagValue: mine }] }));
    if (this.#settleMs > 0) await new Promise((r) => setTimeout(r, this.#settleMs));
    if ((await this.#tags(id))?.get(LEASE_TAG_KEY) !== mine) return false;
    this.#hold(id);
    return true;
  }

  /** Puts a pooled key back into its neutral state, whatever the scenario did to it. */
  async restore(id: string): Promise<void> {
    const { KeyMetadata } = await this.#kms.send(new DescribeKeyCommand({ KeyId: id }));
    if (KeyMetadata?.KeyState === 'PendingDeletion') await this.#kms.send(new CancelKeyDeletionCommand({ KeyId: id }));
    if (KeyMetadata?.KeyState !== 'Enabled') await this.#kms.send(new EnableKeyCommand({ KeyId: id }));
    const policy = {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${this.#account}:root` }, Action: 'kms:*', Resource: '*' },
      ],
    };
    await this.#kms.send(new PutKeyPolicyCommand({ KeyId: id, PolicyName: 'default', Policy: JSON.stringify(policy) }));
  }

  /**
   * Restores a key this run holds and gives its lease up. When the restore fails the lease is kept
   * (until it expires, no other run gets a key in an unknown state) and the error is thrown.
   */
  async release(id: string): Promise<void> {
    if (!this.#leased.has(id)) return;
    await this.restore(id);
    this.#unhold(id);
    await this.#renewing; // a renewal under way must not write the lease back after it is removed
    await this.#kms.send(new UntagResourceCommand({ KeyId: id, TagKeys: [LEASE_TAG_KEY] }));
  }

  /** Stops renewing leases (the end of a run): any still held expire on their own. */
  stop(): void {
    this.#stopRenewal();
  }

  #newLease(): string {
    return leaseTagValue({ holder: this.#holder, expiresAt: this.#now() + this.#leaseMs });
  }

  async #tags(id: string): Promise<Map<string, string> | undefined> {
    try {
      const { Tags } = await this.#kms.send(new ListResourceTagsCommand({ KeyId: id }));
      return new Map((Tags ?? []).map((t) => [t.TagKey!, t.TagValue ?? '']));
    } catch (e) {
      // Keys of other principals may refuse to show their tags: they are not the pool's.
      if ((e as Error).name === 'AccessDeniedException') return undefined;
      throw e;
    }
  }

  #hold(id: string): void {
    this.#leased.add(id);
    this.#renewal ??= setInterval(
      () => {
        this.#renewing = this.#renew();
      },
      Math.max(1, Math.floor(this.#leaseMs / 3)),
    );
    this.#renewal.unref();
  }

  #unhold(id: string): void {
    this.#leased.delete(id);
    if (this.#leased.size === 0) this.#stopRenewal();
  }

  #stopRenewal(): void {
    if (this.#renewal) clearInterval(this.#renewal);
    this.#renewal = undefined;
  }

  async #renew(): Promise<void> {
    for (const id of this.held) {
      try {
        await this.#kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: LEASE_TAG_KEY, TagValue: this.#newLease() }] }));
      } catch (e) {
        this.renewalFailures.push(`${id}: ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
  }
}
