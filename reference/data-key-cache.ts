/**
 * Data keys cached by SNS and SQS, per resource and principal (SNS-12, SQS-9): a principal reuses
 * a data key until its reuse period ends; data keys are never shared between principals.
 */
export interface CachedDataKey {
  /** The `KmsMasterKeyId` string the data key was obtained for (a change of it misses the cache). */
  keyInput: string;
  keyArn: string;
  ciphertextBlob: Uint8Array;
  expiresAt: number;
}

export class DataKeyCache {
  readonly #entries = new Map<string, CachedDataKey>();

  /** A still-valid entry (`now < expiresAt`), or undefined. */
  get(resource: string, principal: string, keyInput: string, now: number): CachedDataKey | undefined {
    const e = this.#entries.get(`${resource}\n${principal}\n${keyInput}`);
    // Stryker disable next-line EqualityOperator: MC-recreated
    return e && now < e.expiresAt ? e : undefined;
  }

  set(resource: string, principal: string, entry: CachedDataKey): void {
    this.#entries.set(`${resource}\n${principal}\n${entry.keyInput}`, entry);
  }

  /** Forget everything cached for a resource (the resource was deleted). */
  // Stryker disable next-line BlockStatement: MC-recreated
  dropResource(resource: string): void {
    // Stryker disable next-line MethodExpression,StringLiteral,CallExpression,ConditionalExpression: MC-recreated
    for (const k of this.#entries.keys()) if (k.startsWith(`${resource}\n`)) this.#entries.delete(k);
  }
}
