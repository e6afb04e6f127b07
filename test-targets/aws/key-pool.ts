/**
 * KMS keys on a real account cost money and cannot be deleted sooner than 7 days, so the suite
 * keeps a small pool of keys tagged `sse-conformance:pool`, reused across runs. A scenario's
 * CreateKey leases one exclusively; when the scenario ends the key is restored: deletion
 * cancelled, enabled, default policy back.
 */
import {
  CancelKeyDeletionCommand, CreateKeyCommand, DescribeKeyCommand, EnableKeyCommand, ListKeysCommand,
  ListResourceTagsCommand, PutKeyPolicyCommand, type KeyMetadata, type KMSClient,
} from '@aws-sdk/client-kms';
import { POOL_TAG_KEY } from './safety.js';

export class KeyPoolExhausted extends Error {
  override readonly name = 'KeyPoolExhausted';
}

export class KeyPool {
  readonly #kms: KMSClient;
  readonly #max: number;
  readonly #account: string;
  #free: string[] | undefined;
  readonly #leased = new Set<string>();
  /** Keys this run had to create (each costs money until deleted). */
  created = 0;

  constructor(kms: KMSClient, opts: { max: number; account: string }) {
    this.#kms = kms;
    this.#max = opts.max;
    this.#account = opts.account;
  }

  /** Finds the pool's keys: customer keys tagged as pool members. */
  async load(): Promise<string[]> {
    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const page = await this.#kms.send(new ListKeysCommand({ ...(marker ? { Marker: marker } : {}) }));
      for (const k of page.Keys ?? []) {
        const tags = await this.#kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId! })).catch(() => ({ Tags: [] }));
        if (tags.Tags?.some((t) => t.TagKey === POOL_TAG_KEY)) ids.push(k.KeyId!);
      }
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    this.#free = ids.filter((id) => !this.#leased.has(id));
    return ids;
  }

  async lease(): Promise<KeyMetadata> {
    if (!this.#free) await this.load();
    const id = this.#free!.shift();
    if (id) {
      this.#leased.add(id);
      await this.restore(id);
      return (await this.#kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    }
    if (this.#leased.size >= this.#max) throw new KeyPoolExhausted(`all ${this.#max} pooled keys are leased; raise the pool size or lower concurrency`);
    const { KeyMetadata } = await this.#kms.send(new CreateKeyCommand({ Description: 'sse-conformance key pool (reused across runs)', Tags: [{ TagKey: POOL_TAG_KEY, TagValue: 'true' }] }));
    this.created++;
    this.#leased.add(KeyMetadata!.KeyId!);
    return KeyMetadata!;
  }

  /** Puts a pooled key back into its neutral state, whatever the scenario did to it. */
  async restore(id: string): Promise<void> {
    const { KeyMetadata } = await this.#kms.send(new DescribeKeyCommand({ KeyId: id }));
    if (KeyMetadata?.KeyState === 'PendingDeletion') await this.#kms.send(new CancelKeyDeletionCommand({ KeyId: id }));
    if (KeyMetadata?.KeyState !== 'Enabled') await this.#kms.send(new EnableKeyCommand({ KeyId: id }));
    const policy = { Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${this.#account}:root` }, Action: 'kms:*', Resource: '*' }] };
    await this.#kms.send(new PutKeyPolicyCommand({ KeyId: id, PolicyName: 'default', Policy: JSON.stringify(policy) }));
  }

  async release(id: string): Promise<void> {
    if (!this.#leased.has(id)) return;
    await this.restore(id);
    this.#leased.delete(id);
    this.#free?.push(id);
  }
}
