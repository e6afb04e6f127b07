/**
 * The KMS part of the reference model: keys and their state machine, aliases, key policies, the
 * cryptographic operations SNS and SQS rely on, and a ledger of every request made.
 * Fact numbers (KMS-n) refer to specs/facts.md.
 *
 * Cryptography is not real: a ciphertext blob is an opaque, deterministic record naming the key
 * that sealed it; it opens only through `decrypt`, only while that key is usable.
 */
import { createHash } from 'node:crypto';
import type { VirtualClock } from './clock.js';
import { DAY } from './clock.js';
import { kmsError, ModelError } from './errors.js';
import { type IdSource, MRK_RE, parseArn, principalAccount, UUID_RE } from './ids.js';
import { awsManagedKeyPolicy, checkPolicyDocument, defaultKeyPolicy, policyDecision, principalNames, type CallContext } from './key-policy.js';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport';
export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC';

export interface KmsKey {
  keyId: string;
  arn: string;
  account: string;
  state: KeyState;
  keyManager: 'CUSTOMER' | 'AWS';
  keyUsage: KeyUsage;
  keySpec: string;
  origin: 'AWS_KMS' | 'EXTERNAL';
  description: string;
  creationDate: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  multiRegion: boolean;
  policy: string;
  /**
   * Every version of the key's material, oldest first, by the time it was made: rotation adds one and
   * removes none, and a ciphertext names the version that sealed it (KMS-27). A key without material
   * (Origin EXTERNAL) has none.
   */
  materials: number[];
  /** Automatic rotation, while enabled (KMS-27, API_EnableKeyRotation). */
  rotation?: { periodInDays: number; nextRotationDate: number };
  /** On-demand rotations made so far (at most 25, API_RotateKeyOnDemand). */
  onDemandRotations: number;
}

/** A grant (KMS-23): lets its grantee call the listed operations on one key, beside the key policy (KMS-25). */
export interface KmsGrant {
  grantId: string;
  keyArn: string;
  name?: string;
  creationDate: number;
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  retiringPrincipal?: string;
  retiringServicePrincipal?: string;
  /** The account of the principal that created the grant, which may always retire it. */
  issuingAccount: string;
  operations: string[];
  constraints?: { EncryptionContextSubset?: Record<string, string>; EncryptionContextEquals?: Record<string, string>; SourceArn?: string };
}

export interface CreateGrantInput {
  KeyId: string;
  GranteePrincipal?: string;
  GranteeServicePrincipal?: string;
  RetiringPrincipal?: string;
  RetiringServicePrincipal?: string;
  Operations?: string[];
  Constraints?: KmsGrant['constraints'];
  GrantTokens?: string[];
  Name?: string;
}

export interface KmsAlias {
  name: string;
  arn: string;
  account: string;
  targetKeyId?: string;
  creationDate: number;
  lastUpdatedDate: number;
}

export interface KmsCall extends CallContext {
  /** Account in which short key identifiers (key ID, alias name) resolve; default: the caller's. */
  account?: string;
  /** For the ledger: the topic or queue ARN on whose behalf a service called KMS. */
  resource?: string;
  /** Grant tokens sent with the request (KMS-24): each must be one CreateGrant returned. */
  grantTokens?: string[];
}

export interface LedgerEntry {
  at: number;
  operation: string;
  caller: string;
  viaService?: 'sqs' | 'sns' | 's3';
  resource?: string;
  keyInput?: string;
  /** The key ARN the request resolved to, when it resolved. */
  keyArn?: string;
  ok: boolean;
  error?: string;
}

/** AWS managed key aliases that exist (without a key) in every account until first use (SNS-8, KMS-7). */
export const PREDEFINED_AWS_ALIASES = ['alias/aws/sns', 'alias/aws/sqs'] as const;
/**
 * AWS managed keys a service creates on its first use (SNS-8, S3-3): the predefined ones, and `alias/aws/s3`, which
 * the model does not list before that (no clause reads ListAliases for it).
 */
const MANAGED_ON_FIRST_USE: readonly string[] = [...PREDEFINED_AWS_ALIASES, 'alias/aws/s3'];
const ENCRYPT_MAX_BYTES = 4096; // KMS-5, symmetric keys
const DATA_KEY_BYTES = new Map([
  ['AES_256', 32],
  ['AES_128', 16],
]); // KMS-5
// Stryker disable next-line StringLiteral: EQ-opaque
const BLOB_PREFIX = 'sse-ref-v1:';
/** A key ID: a UUID, or mrk- and 32 hex digits for a multi-Region key (KMS-6); it decides which NotFound message a request gets (KMS-30). */
const isKeyId = (id: string): boolean => UUID_RE.test(id) || MRK_RE.test(id);
/** A grant ID: 64 hexadecimal digits (API_RetireGrant GrantId). */
// Stryker disable next-line Regex: MC-error
const GRANT_ID_RE = /^[0-9a-f]{64}$/;
/** The operations a grant may allow, by the kind of key (KMS-23; grants.html, Grant operations). */
const GRANT_OPERATIONS = {
  symmetric: [
    'Decrypt',
    'Encrypt',
    'GenerateDataKey',
    'GenerateDataKeyWithoutPlaintext',
    'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext',
    'ReEncryptFrom',
    'ReEncryptTo',
    'CreateGrant',
    'DescribeKey',
    'RetireGrant',
  ],
  hmac: ['GenerateMac', 'VerifyMac', 'CreateGrant', 'DescribeKey', 'RetireGrant'],
  sign: ['Sign', 'Verify', 'GetPublicKey', 'CreateGrant', 'DescribeKey', 'RetireGrant'],
  asymmetricEncrypt: ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey', 'CreateGrant', 'DescribeKey', 'RetireGrant'],
} as const;
const ON_DEMAND_ROTATIONS_MAX = 25; // API_RotateKeyOnDemand

export interface DataKey {
  plaintext: Uint8Array;
  ciphertextBlob: Uint8Array;
  keyArn: string;
}

export class KmsModel {
  readonly keys = new Map<string, KmsKey>(); // by key ARN
  readonly aliases = new Map<string, KmsAlias>(); // by alias ARN
  readonly grants = new Map<string, KmsGrant>(); // by grant ID
  /** Every grant token CreateGrant returned, and the grant it stands for (KMS-24). */
  readonly #grantTokens = new Map<string, string>();
  readonly ledger: LedgerEntry[] = [];
  readonly #clock: VirtualClock;
  readonly #ids: IdSource;
  readonly region: string;

  constructor(clock: VirtualClock, ids: IdSource, region: string) {
    this.#clock = clock;
    this.#ids = ids;
    this.region = region;
  }

  // ---------------------------------------------------------------- key lifecycle (KMS-1, KMS-2, KMS-4)

  createKey(
    ctx: KmsCall,
    input: { Description?: string; KeyUsage?: string; KeySpec?: string; Origin?: string; Policy?: string; MultiRegion?: boolean } = {},
  ): KmsKey {
    return this.#record('CreateKey', ctx, undefined, () => {
      const account = this.#accountOf(ctx);
      const keyUsage = (input.KeyUsage ?? 'ENCRYPT_DECRYPT') as KeyUsage;
      if (!['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC'].includes(keyUsage)) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          `1 validation error detected: Value '${keyUsage}' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]`,
        );
      }
      // API_CreateKey: KeySpec defaults to SYMMETRIC_DEFAULT, which is an encryption key spec; HMAC and signing keys need their own.
      const keySpec = input.KeySpec ?? 'SYMMETRIC_DEFAULT';
      if (keySpec === 'SYMMETRIC_DEFAULT' && keyUsage !== 'ENCRYPT_DECRYPT') {
        // Stryker disable next-line StringLiteral: MSG
        throw kmsError('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec SYMMETRIC_DEFAULT`);
      }
      if (input.Policy !== undefined) {
        const problem = checkPolicyDocument(input.Policy);
        if (problem) throw kmsError('MalformedPolicyDocumentException', problem);
      }
      if (input.Description !== undefined && input.Description.length > 8192) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192",
        );
      }
      const multiRegion = input.MultiRegion === true;
      const keyId = multiRegion ? `mrk-${this.#ids.uuid(1).replace(/-/g, '')}` : this.#ids.uuid();
      const origin = input.Origin === 'EXTERNAL' ? 'EXTERNAL' : 'AWS_KMS';
      const key: KmsKey = {
        keyId,
        arn: `arn:aws:kms:${this.region}:${account}:key/${keyId}`,
        account,
        state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
        keyManager: 'CUSTOMER',
        keyUsage,
        keySpec,
        origin,
        description: input.Description ?? '',
        creationDate: this.#clock.now(),
        multiRegion,
        policy: input.Policy ?? defaultKeyPolicy(account),
        // A key of origin EXTERNAL stays pending import (the model imports no material): no request reads its material.
        materials:
          // Stryker disable next-line StringLiteral: EQ-unread
          origin === 'EXTERNAL'
            ? // Stryker disable next-line ArrayDeclaration: EQ-unread
              []
            : [this.#clock.now()],
        onDemandRotations: 0,
      };
      this.keys.set(key.arn, key);
      return key;
    });
  }

  describeKey(ctx: KmsCall, keyId: string): KmsKey {
    return this.#record('DescribeKey', ctx, keyId, () => {
      this.#checkGrantTokens(ctx);
      // DescribeKey on a predefined AWS alias creates the AWS managed key and points the alias at it (KMS-26, API_DescribeKey KeyId).
      const key = this.#resolve(keyId, ctx, { allowAlias: true, createManaged: true });
      this.#authorize(key, 'kms:DescribeKey', ctx);
      return key;
    });
  }

  enableKey(ctx: KmsCall, keyId: string): void {
    this.#record('EnableKey', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:EnableKey', ctx);
      if (key.state === 'PendingDeletion' || key.state === 'PendingImport') throw this.#invalidState(key);
      // KMS-27: a disabled key was not rotated; re-enabled past its rotation date, it rotates at once, then every period from now.
      // Only a disabled key can be past its date here: the sweep has just rotated an enabled one. On the date itself, the
      // next request's sweep would make the same rotation at the same moment.
      // Stryker disable next-line EqualityOperator: EQ-same
      if (key.rotation && key.rotation.nextRotationDate <= this.#clock.now()) {
        key.materials.push(this.#clock.now());
        key.rotation.nextRotationDate = this.#clock.now() + key.rotation.periodInDays * DAY;
      }
      key.state = 'Enabled';
      return key;
    });
  }

  disableKey(ctx: KmsCall, keyId: string): void {
    this.#record('DisableKey', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:DisableKey', ctx);
      if (key.state === 'PendingDeletion' || key.state === 'PendingImport') throw this.#invalidState(key);
      key.state = 'Disabled';
      return key;
    });
  }

  scheduleKeyDeletion(ctx: KmsCall, keyId: string, pendingWindowInDays = 30): KmsKey {
    return this.#record('ScheduleKeyDeletion', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:ScheduleKeyDeletion', ctx);
      // KMS-4: the model's range trait says 1-365, the service enforces 7-30.
      if (!Number.isInteger(pendingWindowInDays) || pendingWindowInDays < 7 || pendingWindowInDays > 30) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          'PendingWindowInDays must be between 7 and 30',
        );
      }
      if (key.state === 'PendingDeletion') throw this.#invalidState(key);
      key.state = 'PendingDeletion';
      key.pendingWindowInDays = pendingWindowInDays;
      key.deletionDate = this.#clock.now() + pendingWindowInDays * DAY;
      return key;
    });
  }

  cancelKeyDeletion(ctx: KmsCall, keyId: string): KmsKey {
    return this.#record('CancelKeyDeletion', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:CancelKeyDeletion', ctx);
      if (key.state !== 'PendingDeletion') {
        throw kmsError(
          'KMSInvalidStateException',
          // Stryker disable next-line StringLiteral: MSG
          `${key.arn} is not pending deletion.`,
        );
      }
      key.state = 'Disabled'; // KMS-2: back to Disabled, not Enabled
      delete key.deletionDate;
      delete key.pendingWindowInDays;
      return key;
    });
  }

  getKeyPolicy(ctx: KmsCall, keyId: string, policyName = 'default'): string {
    return this.#record('GetKeyPolicy', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:GetKeyPolicy', ctx);
      if (policyName !== 'default') {
        // Stryker disable next-line StringLiteral: MC-error
        throw kmsError('NotFoundException', `No such policy exists: ${policyName}`);
      }
      return key.policy;
    });
  }

  putKeyPolicy(ctx: KmsCall, keyId: string, policy: string, policyName = 'default'): void {
    this.#record('PutKeyPolicy', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:PutKeyPolicy', ctx);
      if (policyName !== 'default') {
        // Stryker disable next-line StringLiteral: MC-error
        throw kmsError('ValidationException', `PolicyName must be "default", got ${policyName}`);
      }
      const problem = checkPolicyDocument(policy);
      if (problem) throw kmsError('MalformedPolicyDocumentException', problem);
      // The key-state table allows PutKeyPolicy in every state, PendingDeletion included (KMS-15).
      key.policy = policy;
      return key;
    });
  }

  // ---------------------------------------------------------------- grants (KMS-23, KMS-24, KMS-25)

  createGrant(ctx: KmsCall, input: CreateGrantInput): { grantId: string; grantToken: string; keyArn: string } {
    return this.#record('CreateGrant', ctx, input.KeyId, () => {
      this.#checkGrantTokens(ctx);
      if ((input.GranteePrincipal === undefined) === (input.GranteeServicePrincipal === undefined)) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          'You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
        );
      }
      if (input.GranteeServicePrincipal !== undefined && input.Constraints?.SourceArn === undefined) {
        // Stryker disable next-line StringLiteral: MSG
        throw kmsError('ValidationException', 'A grant for a service principal needs a SourceArn constraint.');
      }
      // Operations is required (the SDK's CreateGrantRequest): the SDK face refuses a request without it before it reaches the model.
      // Stryker disable next-line ArrayDeclaration: EQ-unreachable
      const operations = input.Operations ?? [];
      if (operations.length === 0) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          "1 validation error detected: Value '[]' at 'operations' failed to satisfy constraint: Member must have length greater than or equal to 1",
        );
      }
      // API_CreateGrant KeyId: the key ID or key ARN.
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(input.KeyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:CreateGrant', ctx);
      // The key-state table: CreateGrant fails on a key that is disabled, pending deletion or pending import.
      if (key.state === 'Disabled') throw this.#disabled(key);
      if (key.state !== 'Enabled') throw this.#invalidState(key);
      const allowed: readonly string[] = GRANT_OPERATIONS[grantKind(key)];
      const unsupported = operations.filter((op) => !allowed.includes(op));
      if (unsupported.length > 0) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          `Grant operations ${unsupported.join(', ')} are not supported for key ${key.arn}.`,
        );
      }
      const grantee = input.GranteePrincipal;
      if (grantee !== undefined && !isPrincipal(grantee)) {
        // Stryker disable next-line StringLiteral: MC-error
        throw kmsError('InvalidArnException', `${grantee} is not a valid principal ARN.`);
      }
      const existing = input.Name === undefined ? undefined : [...this.grants.values()].find((g) => g.keyArn === key.arn && sameGrant(g, input));
      const grant = existing ?? this.#newGrant(key, input, operations, this.#accountOf(ctx));
      // Every CreateGrant answers a new token, even when it returns an existing grant (API_CreateGrant Name).
      const grantToken = Buffer.from(
        createHash('sha256')
          .update(
            `${grant.grantId}:${
              // Stryker disable next-line StringLiteral: EQ-opaque
              this.#ids.token('gt')
            }`,
          )
          .digest(),
      ).toString('base64url');
      this.#grantTokens.set(grantToken, grant.grantId);
      return { grantId: grant.grantId, grantToken, keyArn: key.arn };
    });
  }

  /** The key's grants, oldest first, optionally only one grant or one grantee's (API_ListGrants). */
  listGrants(ctx: KmsCall, keyId: string, filter: { GrantId?: string; GranteePrincipal?: string } = {}): KmsGrant[] {
    return this.#record('ListGrants', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:ListGrants', ctx);
      // The key-state table: ListGrants works in every state.
      if (filter.GrantId !== undefined && !GRANT_ID_RE.test(filter.GrantId)) throw invalidGrantId(filter.GrantId);
      return [...this.grants.values()].filter(
        (g) =>
          g.keyArn === key.arn &&
          (filter.GrantId === undefined || g.grantId === filter.GrantId) &&
          (filter.GranteePrincipal === undefined || g.granteePrincipal === filter.GranteePrincipal),
      );
    });
  }

  /**
   * Deletes a grant named by a grant token, or by key and grant ID (API_RetireGrant). Its retiring
   * principal, its grantee when it allows RetireGrant, and the account that created it may retire it.
   */
  retireGrant(ctx: KmsCall, input: { GrantToken?: string; KeyId?: string; GrantId?: string }): void {
    this.#record('RetireGrant', ctx, input.KeyId, () => {
      let grant: KmsGrant | undefined;
      if (input.GrantToken !== undefined) {
        const grantId = this.#grantTokens.get(input.GrantToken);
        // Stryker disable next-line StringLiteral: MSG
        if (grantId === undefined) throw kmsError('InvalidGrantTokenException', 'Grant token is not valid.');
        grant = this.grants.get(grantId);
        // Stryker disable next-line StringLiteral: MC-error
        if (!grant) throw kmsError('NotFoundException', `Grant ${grantId} does not exist.`);
      } else {
        if (input.KeyId === undefined || input.GrantId === undefined) {
          // Stryker disable next-line StringLiteral: MSG
          throw kmsError('ValidationException', 'Specify either a GrantToken, or both a KeyId and a GrantId.');
        }
        // Stryker disable next-line ObjectLiteral: EQ-same
        const key = this.#resolve(input.KeyId, ctx, { allowAlias: false });
        grant = this.#grantOf(key, input.GrantId);
      }
      const mayRetire =
        (grant.retiringPrincipal !== undefined && principalNames({ AWS: grant.retiringPrincipal }, ctx.caller)) ||
        (grant.granteePrincipal !== undefined && grant.operations.includes('RetireGrant') && principalNames({ AWS: grant.granteePrincipal }, ctx.caller)) ||
        principalAccount(ctx.caller) === grant.issuingAccount;
      if (!mayRetire) {
        throw kmsError(
          'AccessDeniedException',
          // Stryker disable next-line StringLiteral: MSG
          `User: ${ctx.caller} is not authorized to perform: kms:RetireGrant on grant ${grant.grantId}`,
        );
      }
      // The key-state table: RetireGrant works in every state.
      this.grants.delete(grant.grantId);
      return { keyArn: grant.keyArn };
    });
  }

  /** Deletes a grant of a key, for a principal the key policy allows kms:RevokeGrant (API_RevokeGrant). */
  revokeGrant(ctx: KmsCall, keyId: string, grantId: string): void {
    this.#record('RevokeGrant', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:RevokeGrant', ctx);
      // The key-state table: RevokeGrant works in every state.
      const grant = this.#grantOf(key, grantId);
      this.grants.delete(grant.grantId);
      return key;
    });
  }

  // ---------------------------------------------------------------- key rotation (KMS-27)

  enableKeyRotation(ctx: KmsCall, keyId: string, periodInDays = 365): void {
    this.#record('EnableKeyRotation', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#rotatable(keyId, 'kms:EnableKeyRotation', ctx);
      if (!Number.isInteger(periodInDays) || periodInDays < 90 || periodInDays > 2560) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          `1 validation error detected: Value '${periodInDays}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value between 90 and 2560`,
        );
      }
      key.rotation = { periodInDays, nextRotationDate: this.#clock.now() + periodInDays * DAY };
      return key;
    });
  }

  disableKeyRotation(ctx: KmsCall, keyId: string): void {
    this.#record('DisableKeyRotation', ctx, keyId, () => {
      const key = this.#rotatable(keyId, 'kms:DisableKeyRotation', ctx);
      delete key.rotation;
      return key;
    });
  }

  /** Whether automatic rotation is on; while the key is pending deletion it reads false (rotate-keys.html). */
  getKeyRotationStatus(ctx: KmsCall, keyId: string): { enabled: boolean; keyArn: string; periodInDays?: number; nextRotationDate?: number } {
    return this.#record('GetKeyRotationStatus', ctx, keyId, () => {
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(keyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:GetKeyRotationStatus', ctx);
      this.#checkRotatableKind(key);
      const rotation = key.state === 'PendingDeletion' ? undefined : key.rotation;
      return rotation
        ? { enabled: true, keyArn: key.arn, periodInDays: rotation.periodInDays, nextRotationDate: rotation.nextRotationDate }
        : { enabled: false, keyArn: key.arn };
    });
  }

  /** New key material at once; earlier material stays, so earlier ciphertexts still decrypt (KMS-27). */
  rotateKeyOnDemand(ctx: KmsCall, keyId: string): KmsKey {
    return this.#record('RotateKeyOnDemand', ctx, keyId, () => {
      const key = this.#rotatable(keyId, 'kms:RotateKeyOnDemand', ctx);
      if (key.onDemandRotations >= ON_DEMAND_ROTATIONS_MAX) {
        throw kmsError(
          'LimitExceededException',
          // Stryker disable next-line StringLiteral: MSG
          `${key.arn} has reached the limit of ${ON_DEMAND_ROTATIONS_MAX} on-demand rotations.`,
        );
      }
      key.onDemandRotations++;
      key.materials.push(this.#clock.now());
      return key;
    });
  }

  // ---------------------------------------------------------------- aliases (KMS-7)

  createAlias(ctx: KmsCall, aliasName: string, targetKeyId: string): void {
    this.#record('CreateAlias', ctx, targetKeyId, () => {
      this.#checkAliasName(aliasName);
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(targetKeyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:CreateAlias', ctx);
      // Stryker disable next-line all: EQ-unreachable
      if (key.keyManager === 'AWS') {
        // Stryker disable next-line StringLiteral: MC-error
        throw kmsError('NotAuthorizedException', 'Cannot create an alias for an AWS managed key.');
      }
      if (key.state === 'PendingDeletion') throw this.#invalidState(key);
      const arn = this.#aliasArn(key.account, aliasName);
      if (this.aliases.has(arn)) {
        throw kmsError(
          'AlreadyExistsException',
          // Stryker disable next-line StringLiteral: MSG
          `An alias with the name ${arn} already exists`,
        );
      }
      const now = this.#clock.now();
      this.aliases.set(arn, { name: aliasName, arn, account: key.account, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now });
      return key;
    });
  }

  updateAlias(ctx: KmsCall, aliasName: string, targetKeyId: string): void {
    this.#record('UpdateAlias', ctx, targetKeyId, () => {
      this.#checkAliasName(aliasName);
      // Stryker disable next-line ObjectLiteral: EQ-same
      const key = this.#resolve(targetKeyId, ctx, { allowAlias: false });
      this.#authorize(key, 'kms:UpdateAlias', ctx);
      const alias = this.aliases.get(this.#aliasArn(key.account, aliasName));
      if (!alias) {
        throw kmsError(
          'NotFoundException',
          // Stryker disable next-line StringLiteral: MSG
          `Alias ${this.#aliasArn(key.account, aliasName)} is not found.`,
        );
      }
      if (key.state === 'PendingDeletion') throw this.#invalidState(key);
      const current = alias.targetKeyId ? this.keys.get(this.#keyArn(alias.account, alias.targetKeyId)) : undefined;
      if (current && (current.keyUsage !== key.keyUsage || current.keySpec !== key.keySpec)) {
        // Stryker disable next-line StringLiteral: MC-error
        throw kmsError('ValidationException', `Alias ${alias.name} can only point to a key with the same key spec and key usage.`);
      }
      alias.targetKeyId = key.keyId;
      alias.lastUpdatedDate = this.#clock.now();
      return key;
    });
  }

  deleteAlias(ctx: KmsCall, aliasName: string): void {
    this.#record('DeleteAlias', ctx, aliasName, () => {
      if (aliasName.startsWith('alias/aws/')) {
        // Stryker disable next-line StringLiteral: MC-error
        throw kmsError('NotAuthorizedException', `${aliasName} is reserved for AWS managed keys.`);
      }
      const arn = this.#aliasArn(this.#accountOf(ctx), aliasName);
      const alias = this.aliases.get(arn);
      if (!alias) {
        throw kmsError(
          'NotFoundException',
          // Stryker disable next-line StringLiteral: MSG
          `Alias ${arn} is not found.`,
        );
      }
      this.aliases.delete(arn);
      return undefined;
    });
  }

  /** Aliases of the caller's account, including predefined AWS aliases with no target yet (KMS-7). */
  listAliases(ctx: KmsCall, keyId?: string): KmsAlias[] {
    return this.#record('ListAliases', ctx, keyId, () => {
      const account = this.#accountOf(ctx);
      let out = [...this.aliases.values()].filter((a) => a.account === account);
      for (const name of PREDEFINED_AWS_ALIASES) {
        const arn = this.#aliasArn(account, name);
        if (!this.aliases.has(arn)) out.push({ name, arn, account, creationDate: 0, lastUpdatedDate: 0 });
      }
      if (keyId !== undefined) {
        // Stryker disable next-line ObjectLiteral: EQ-same
        const key = this.#resolve(keyId, ctx, { allowAlias: false });
        out = out.filter((a) => a.targetKeyId === key.keyId);
      }
      // Stryker disable next-line all: MC-order
      return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  // ---------------------------------------------------------------- cryptographic operations (KMS-3, KMS-5, KMS-12)

  generateDataKey(ctx: KmsCall, keyId: string, opts: { KeySpec?: string; NumberOfBytes?: number; EncryptionContext?: Record<string, string> } = {}): DataKey {
    return this.#record('GenerateDataKey', ctx, keyId, () => {
      const { KeySpec, NumberOfBytes } = opts;
      if ((KeySpec === undefined) === (NumberOfBytes === undefined)) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line StringLiteral: MSG
          'Please specify either number of bytes or key spec.',
        );
      }
      const n = KeySpec === undefined ? NumberOfBytes : DATA_KEY_BYTES.get(KeySpec);
      if (!Number.isInteger(n) || n! < 1 || n! > 1024) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line all: MSG
          KeySpec === undefined
            ? // Stryker disable next-line StringLiteral: MSG
              `1 validation error detected: Value '${n}' at 'numberOfBytes' failed to satisfy constraint: Member must have value between 1 and 1024`
            : // Stryker disable next-line StringLiteral: MSG
              `1 validation error detected: Value '${KeySpec}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]`,
        );
      }
      this.#checkGrantTokens(ctx);
      const key = this.#usableKey(keyId, 'kms:GenerateDataKey', { ...ctx, encryptionContext: opts.EncryptionContext ?? {} });
      const plaintext = this.#bytes(n!);
      return { plaintext, ciphertextBlob: seal(key, plaintext, opts.EncryptionContext), keyArn: key.arn };
    });
  }

  encrypt(ctx: KmsCall, keyId: string, plaintext: Uint8Array, encryptionContext?: Record<string, string>): { ciphertextBlob: Uint8Array; keyArn: string } {
    return this.#record('Encrypt', ctx, keyId, () => {
      if (plaintext.length < 1 || plaintext.length > ENCRYPT_MAX_BYTES) {
        throw kmsError(
          'ValidationException',
          // Stryker disable next-line all: MSG
          plaintext.length < 1
            ? // Stryker disable next-line StringLiteral: MSG
              "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1"
            : // Stryker disable next-line StringLiteral: MSG
              "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
        );
      }
      this.#checkGrantTokens(ctx);
      const key = this.#usableKey(keyId, 'kms:Encrypt', { ...ctx, encryptionContext: encryptionContext ?? {} });
      return { ciphertextBlob: seal(key, plaintext, encryptionContext), keyArn: key.arn };
    });
  }

  decrypt(
    ctx: KmsCall,
    ciphertextBlob: Uint8Array,
    opts: { KeyId?: string; EncryptionContext?: Record<string, string> } = {},
  ): { plaintext: Uint8Array; keyArn: string } {
    const sealed = unseal(ciphertextBlob);
    return this.#record('Decrypt', ctx, opts.KeyId ?? sealed?.keyArn, () => {
      if (!sealed) {
        throw kmsError(
          'InvalidCiphertextException',
          // Stryker disable next-line StringLiteral: MSG
          '',
        );
      }
      this.#checkGrantTokens(ctx);
      if (opts.KeyId !== undefined) {
        // KMS-21: a KeyId that names another key than the one that sealed the ciphertext is refused.
        const named = this.#resolve(opts.KeyId, ctx, { allowAlias: true });
        if (named.arn !== sealed.keyArn)
          // KMS-30: the recorded text (it still says CMK).
          throw kmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
      }
      const key = this.#usableKey(sealed.keyArn, 'kms:Decrypt', { ...ctx, encryptionContext: opts.EncryptionContext ?? {} });
      // KMS-27: the version of the material that sealed it, which rotation keeps (no version is ever removed).
      // Stryker disable next-line ConditionalExpression,BlockStatement: EQ-unreachable
      if (key.materials[sealed.material] === undefined) {
        throw kmsError(
          // Stryker disable next-line StringLiteral: EQ-unreachable
          'InvalidCiphertextException',
          // Stryker disable next-line StringLiteral: MSG
          '',
        );
      }
      if (!contextDigest(canonicalContext(opts.EncryptionContext)).equals(sealed.context)) {
        // KMS-12
        throw kmsError(
          'InvalidCiphertextException',
          // Stryker disable next-line StringLiteral: MSG
          '',
        );
      }
      return { plaintext: sealed.plaintext, keyArn: key.arn };
    });
  }

  // ---------------------------------------------------------------- for SNS and SQS

  /**
   * What `action` on this key would fail with for this caller right now, without making (or
   * recording) a request. SNS and SQS use it to state the other outcome AWS allows while they are
   * still serving from a cached data key (KMS-9).
   */
  wouldFail(keyInput: string, action: string, ctx: KmsCall): ModelError | undefined {
    this.#sweep();
    try {
      this.#usableKey(keyInput, action, { ...ctx, dryRun: true });
      return undefined;
    } catch (e) {
      return e instanceof ModelError ? e : undefined;
    }
  }

  /**
   * The ARN of the key `keyInput` names, if `action` on it would succeed for this caller right now; undefined if it
   * would fail. Like wouldFail, it makes (and records) no request: S3 uses it to tell whether a bucket key it keeps
   * still belongs to the key a write names (S3-17).
   */
  usableKeyArn(keyInput: string, action: string, ctx: KmsCall): string | undefined {
    return this.wouldFail(keyInput, action, ctx) ? undefined : this.#resolve(keyInput, ctx, { allowAlias: true }).arn;
  }

  // ---------------------------------------------------------------- internals

  #record<T>(operation: string, ctx: KmsCall, keyInput: string | undefined, fn: () => T): T {
    this.#sweep();
    const entry: LedgerEntry = { at: this.#clock.now(), operation, caller: ctx.caller, ok: true };
    if (ctx.viaService) entry.viaService = ctx.viaService;
    if (ctx.resource) entry.resource = ctx.resource;
    if (keyInput !== undefined) entry.keyInput = keyInput;
    try {
      const out = fn();
      const r = out as { arn?: string; keyArn?: string } | undefined;
      const keyArn = r?.keyArn ?? r?.arn; // a key, a data key or a crypto result; a policy text (a string) has neither
      if (keyArn) entry.keyArn = keyArn;
      return out;
    } catch (e) {
      entry.ok = false;
      entry.error = e instanceof Error ? e.name : String(e);
      throw e;
    } finally {
      this.ledger.push(entry);
    }
  }

  /** Keys whose waiting period has ended are deleted, with all their aliases (KMS-2, KMS-4). */
  #sweep(): void {
    const now = this.#clock.now();
    for (const key of this.keys.values()) {
      // Only a key pending deletion has a deletionDate (KMS-1): scheduleKeyDeletion sets it, cancelKeyDeletion removes it.
      if ((key.deletionDate ?? Number.POSITIVE_INFINITY) <= now) {
        this.keys.delete(key.arn);
        // Key IDs are unique in the model across accounts (IdSource numbers everything), so the target alone names the key.
        for (const [arn, alias] of this.aliases) if (alias.targetKeyId === key.keyId) this.aliases.delete(arn);
        for (const [id, grant] of this.grants) if (grant.keyArn === key.arn) this.grants.delete(id);
        continue;
      }
      // Automatic rotation (KMS-27), on each date that passed while the key was enabled: a disabled key or one pending
      // deletion is not rotated (rotate-keys.html); enableKey catches up once. Every request sweeps first, so a key's
      // state has not changed since the last sweep, and the dates since then all passed in its present state.
      while (key.rotation && key.state === 'Enabled' && key.rotation.nextRotationDate <= now) {
        key.materials.push(key.rotation.nextRotationDate);
        key.rotation.nextRotationDate += key.rotation.periodInDays * DAY;
      }
    }
  }

  #accountOf(ctx: KmsCall): string {
    const account = ctx.account ?? principalAccount(ctx.caller);
    // Stryker disable next-line all: EQ-unreachable
    if (!account) throw kmsError('AccessDeniedException', `${ctx.caller} has no account to resolve key identifiers in.`);
    return account;
  }

  #keyArn(account: string, keyId: string): string {
    return `arn:aws:kms:${this.region}:${account}:key/${keyId}`;
  }

  #aliasArn(account: string, name: string): string {
    return `arn:aws:kms:${this.region}:${account}:${name}`;
  }

  /** Resolves the four identifier forms (KMS-6). Aliases only where the operation accepts them. */
  #resolve(input: string, ctx: KmsCall, opts: { allowAlias: boolean; createManaged?: boolean }): KmsKey {
    // Stryker disable next-line all: EQ-same
    if (typeof input !== 'string' || input.length < 1 || input.length > 2048) throw kmsError('NotFoundException', `Invalid keyId '${input}'`);
    const account = this.#accountOf(ctx);
    let aliasAccount: string | undefined;
    let aliasName: string | undefined;
    if (input.startsWith('alias/')) {
      aliasAccount = account;
      aliasName = input;
    } else if (input.startsWith('arn:')) {
      const arn = parseArn(input);
      if (arn?.service !== 'kms') {
        throw kmsError(
          'NotFoundException',
          // Stryker disable next-line StringLiteral: MSG
          `Invalid arn ${input}`,
        );
      }
      if (arn.region !== this.region) {
        throw kmsError(
          'NotFoundException',
          // Stryker disable next-line StringLiteral: MSG
          `Invalid arn ${arn.region}`,
        );
      }
      if (arn.resource.startsWith('alias/')) {
        aliasAccount = arn.account;
        aliasName = arn.resource;
      } else {
        // Keys are stored by key ARN: an ARN of another resource type, or with a malformed key ID, names none.
        const key = this.keys.get(input);
        if (!key) {
          if (arn.resource.startsWith('key/') && isKeyId(arn.resource.slice(4))) throw kmsError('NotFoundException', `Key '${input}' does not exist`);
          // Stryker disable next-line StringLiteral: MSG
          throw kmsError('NotFoundException', `Invalid arn ${input}`);
        }
        return key;
      }
    } else {
      // Keys are stored by key ARN: a key ID that is malformed names none.
      const arn = this.#keyArn(account, input);
      const key = this.keys.get(arn);
      if (!key) {
        // KMS-30: a well-formed key ID that names no key, and a malformed one, are told apart.
        const message = isKeyId(input) ? `Key '${arn}' does not exist` : `Invalid keyId '${input}'`;
        throw kmsError('NotFoundException', message);
      }
      return key;
    }
    // alias forms
    if (!opts.allowAlias) {
      // Stryker disable next-line StringLiteral: MC-error
      throw kmsError('NotFoundException', `Invalid keyId '${input}'`);
    }
    const arn = this.#aliasArn(aliasAccount, aliasName);
    let alias = this.aliases.get(arn);
    if (!alias && opts.createManaged && MANAGED_ON_FIRST_USE.includes(aliasName)) {
      alias = this.#createManagedKey(aliasAccount, aliasName.slice('alias/aws/'.length) as 'sns' | 'sqs' | 's3');
    }
    const key = alias?.targetKeyId ? this.keys.get(this.#keyArn(alias.account, alias.targetKeyId)) : undefined;
    if (!key) {
      throw kmsError(
        'NotFoundException',
        // Stryker disable next-line StringLiteral: MSG
        `Alias ${arn} is not found.`,
      );
    }
    return key;
  }

  /** KMS-8, KMS-26, SNS-8: the AWS managed key behind `alias/aws/<service>`, created by DescribeKey or on first use by its service. */
  #createManagedKey(account: string, service: 'sns' | 'sqs' | 's3'): KmsAlias {
    const keyId = this.#ids.uuid(2);
    const now = this.#clock.now();
    const key: KmsKey = {
      keyId,
      arn: this.#keyArn(account, keyId),
      account,
      state: 'Enabled',
      keyManager: 'AWS',
      keyUsage: 'ENCRYPT_DECRYPT',
      keySpec: 'SYMMETRIC_DEFAULT',
      origin: 'AWS_KMS',
      // Stryker disable next-line StringLiteral,MethodExpression: MC-managed-key
      description: `Default key that protects my ${service.toUpperCase()} data when no other key is defined`,
      creationDate: now,
      multiRegion: false,
      policy: awsManagedKeyPolicy(account, this.region, service),
      materials: [now],
      // KMS-8, API_EnableKeyRotation: AWS rotates the material of an AWS managed key every year. A first date at or
      // before creation only adds material versions that the next request's sweep makes at once and no answer shows.
      // Stryker disable next-line ArithmeticOperator: EQ-same
      rotation: { periodInDays: 365, nextRotationDate: now + 365 * DAY },
      onDemandRotations: 0,
    };
    this.keys.set(key.arn, key);
    const name = `alias/aws/${service}`;
    const alias: KmsAlias = { name, arn: this.#aliasArn(account, name), account, targetKeyId: keyId, creationDate: now, lastUpdatedDate: now };
    this.aliases.set(alias.arn, alias);
    return alias;
  }

  #checkAliasName(name: string): void {
    if (!name.startsWith('alias/')) {
      throw kmsError(
        'ValidationException',
        // Stryker disable next-line StringLiteral: MSG
        'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      );
    }
    if (name.length > 256) {
      throw kmsError(
        'ValidationException',
        // Stryker disable next-line StringLiteral: MSG
        "1 validation error detected: Value at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256",
      );
    }
    // The reserved prefix: the exact AWS code is not verified (specs/facts.md KMS-7).
    if (name.startsWith('alias/aws/')) {
      throw kmsError(
        'NotAuthorizedException',
        // Stryker disable next-line StringLiteral: MSG
        `${name} is reserved for AWS managed keys.`,
      );
    }
    if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name)) {
      throw kmsError(
        'InvalidAliasNameException',
        // Stryker disable next-line StringLiteral: MSG
        `Alias name ${name} is not valid.`,
      );
    }
  }

  /**
   * The key policy decides, except that where it neither allows nor explicitly denies, a grant of
   * the key to the caller for this operation allows it (KMS-25: grants are considered along with
   * key policies; an explicit Deny wins over both). SNS and SQS call with the principal they act for.
   */
  #authorize(key: KmsKey, action: string, ctx: KmsCall): void {
    const decision = policyDecision(key.policy, action, ctx, this.region);
    if (decision === 'none' && this.#grantAllows(key, action.slice('kms:'.length), ctx)) return;
    if (decision !== 'allow') {
      throw kmsError(
        'AccessDeniedException',
        // Stryker disable next-line StringLiteral: MSG
        `User: ${ctx.caller} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`,
      );
    }
  }

  #grantAllows(key: KmsKey, operation: string, ctx: KmsCall): boolean {
    for (const g of this.grants.values()) {
      if (g.keyArn !== key.arn || !g.operations.includes(operation)) continue;
      // A grant for a service principal also needs its SourceArn, which the model's requests do not carry: it allows nothing here.
      if (g.granteePrincipal === undefined || !principalNames({ AWS: g.granteePrincipal }, ctx.caller)) continue;
      if (constraintsHold(g.constraints, ctx.encryptionContext)) return true;
    }
    return false;
  }

  /** Every grant token a request carries must be one CreateGrant returned (KMS-24: InvalidGrantTokenException). */
  #checkGrantTokens(ctx: KmsCall): void {
    for (const token of ctx.grantTokens ?? []) {
      if (!this.#grantTokens.has(token)) {
        throw kmsError(
          'InvalidGrantTokenException',
          // Stryker disable next-line StringLiteral: MSG
          'Grant token is not valid.',
        );
      }
    }
  }

  #newGrant(key: KmsKey, input: CreateGrantInput, operations: string[], issuingAccount: string): KmsGrant {
    // Stryker disable next-line StringLiteral: EQ-opaque
    const grantId = createHash('sha256').update(this.#ids.token('grant')).digest('hex');
    const grant: KmsGrant = { grantId, keyArn: key.arn, creationDate: this.#clock.now(), issuingAccount, operations: [...operations] };
    if (input.Name !== undefined) grant.name = input.Name;
    if (input.GranteePrincipal !== undefined) grant.granteePrincipal = input.GranteePrincipal;
    if (input.GranteeServicePrincipal !== undefined) grant.granteeServicePrincipal = input.GranteeServicePrincipal;
    if (input.RetiringPrincipal !== undefined) grant.retiringPrincipal = input.RetiringPrincipal;
    if (input.RetiringServicePrincipal !== undefined) grant.retiringServicePrincipal = input.RetiringServicePrincipal;
    if (input.Constraints !== undefined) grant.constraints = input.Constraints;
    this.grants.set(grantId, grant);
    return grant;
  }

  /** One grant of this key: a malformed ID is InvalidGrantIdException, an unknown one NotFoundException (KMS-23). */
  #grantOf(key: KmsKey, grantId: string): KmsGrant {
    if (!GRANT_ID_RE.test(grantId)) throw invalidGrantId(grantId);
    const grant = this.grants.get(grantId);
    if (grant?.keyArn !== key.arn) {
      // Stryker disable next-line StringLiteral: MSG
      throw kmsError('NotFoundException', `Grant ${grantId} for key ${key.arn} does not exist.`);
    }
    return grant;
  }

  /**
   * A key whose automatic or on-demand rotation is asked for (KMS-27): a symmetric encryption key with
   * key material AWS KMS generated, enabled. The key-state table: disabled is DisabledException,
   * pending deletion KMSInvalidStateException, imported material UnsupportedOperationException.
   */
  #rotatable(keyId: string, action: string, ctx: KmsCall): KmsKey {
    // API_EnableKeyRotation, API_RotateKeyOnDemand KeyId: the key ID or key ARN.
    // Stryker disable next-line ObjectLiteral: EQ-same
    const key = this.#resolve(keyId, ctx, { allowAlias: false });
    this.#authorize(key, action, ctx);
    this.#checkRotatableKind(key);
    if (key.state === 'Disabled') throw this.#disabled(key);
    if (key.state !== 'Enabled') throw this.#invalidState(key);
    return key;
  }

  #checkRotatableKind(key: KmsKey): void {
    if (key.origin === 'EXTERNAL') {
      throw kmsError(
        'UnsupportedOperationException',
        // Stryker disable next-line StringLiteral: MSG
        `${key.arn} origin is EXTERNAL which is not valid for this operation.`,
      );
    }
    if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
      throw kmsError(
        'UnsupportedOperationException',
        // Stryker disable next-line StringLiteral: MSG
        `${key.arn} key spec is ${key.keySpec}, which does not support key rotation.`,
      );
    }
  }

  /** KMS-3, KMS-30: "<key ARN> is disabled." */
  #disabled(key: KmsKey): ModelError {
    return kmsError('DisabledException', `${key.arn} is disabled.`);
  }

  /** KMS-3, KMS-30: "<key ARN> is pending deletion." (and "is pending import." for a key without material). */
  #invalidState(key: KmsKey): ModelError {
    if (key.state === 'PendingDeletion') return kmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    // Stryker disable next-line all: MSG
    const what = key.state === 'PendingImport' ? 'pending import' : key.state.toLowerCase();
    return kmsError(
      'KMSInvalidStateException',
      // Stryker disable next-line StringLiteral: MSG
      `${key.arn} is ${what}.`,
    );
  }

  /** KMS-3: authorisation first, then key state, then key usage. */
  #usableKey(keyId: string, action: string, ctx: KmsCall & { dryRun?: boolean }): KmsKey {
    // DescribeKey on a predefined alias creates the AWS managed key (KMS-26); that a request SQS or SNS makes
    // through the alias does too is the model's reading of SNS-8, and whether a direct one does is not documented.
    // Stryker disable next-line ConditionalExpression: MC-managed-key
    const key = this.#resolve(keyId, ctx, { allowAlias: true, createManaged: ctx.viaService !== undefined && !ctx.dryRun });
    this.#authorize(key, action, ctx);
    if (key.state === 'Disabled') throw this.#disabled(key);
    if (key.state !== 'Enabled') throw this.#invalidState(key);
    // SYMMETRIC_DEFAULT is the symmetric encryption key spec; CreateKey gives it to no other key usage.
    if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
      // KMS-20, KMS-30: the message names the key, its usage and the operation.
      throw kmsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.keyUsage} which is not valid for ${action.slice(4)}.`);
    }
    return key;
  }

  #bytes(n: number): Uint8Array {
    // Deterministic bytes of any length from the model's own id sequence (SHAKE256 is an extendable-output hash).
    // Stryker disable next-line StringLiteral: EQ-opaque
    const seed = this.#ids.token('dk');
    return new Uint8Array(createHash('shake256', { outputLength: n }).update(seed).digest());
  }
}

/** The kind of key, as grants tell operations apart (KMS-23). */
function grantKind(key: KmsKey): keyof typeof GRANT_OPERATIONS {
  if (key.keySpec === 'SYMMETRIC_DEFAULT') return 'symmetric';
  if (key.keyUsage === 'GENERATE_VERIFY_MAC') return 'hmac';
  return key.keyUsage === 'SIGN_VERIFY' ? 'sign' : 'asymmetricEncrypt';
}

/** A grantee or retiring principal: an IAM ARN or an account ID (API_CreateGrant GranteePrincipal). */
const isPrincipal = (p: string): boolean => parseArn(p)?.service === 'iam' || /^\d{12}$/.test(p);

/** CreateGrant with a Name again, with the same parameters: the grant already made (API_CreateGrant Name). */
function sameGrant(g: KmsGrant, input: CreateGrantInput): boolean {
  return (
    g.name === input.Name &&
    g.granteePrincipal === input.GranteePrincipal &&
    g.granteeServicePrincipal === input.GranteeServicePrincipal &&
    g.retiringPrincipal === input.RetiringPrincipal &&
    g.retiringServicePrincipal === input.RetiringServicePrincipal &&
    JSON.stringify([...g.operations].sort()) === JSON.stringify([...(input.Operations ?? [])].sort()) &&
    JSON.stringify(g.constraints ?? null) === JSON.stringify(input.Constraints ?? null)
  );
}

// Stryker disable next-line StringLiteral: MSG
const invalidGrantId = (grantId: string): ModelError => kmsError('InvalidGrantIdException', `Invalid grant ID ${grantId}`);

/** A grant's encryption context constraints against the request's context (CreateGrant Constraints). */
function constraintsHold(c: KmsGrant['constraints'], ctx: Record<string, string> = {}): boolean {
  if (c?.EncryptionContextEquals && canonicalContext(c.EncryptionContextEquals) !== canonicalContext(ctx)) return false;
  for (const [k, v] of Object.entries(c?.EncryptionContextSubset ?? {})) if (ctx[k] !== v) return false;
  return true;
}

/** No encryption context and an empty one are the same set of pairs (KMS-12). */
function canonicalContext(ctx: Record<string, string> = {}): string {
  return JSON.stringify(
    Object.keys(ctx)
      .sort()
      .map((k) => [k, ctx[k]]),
  );
}

const EMPTY_CONTEXT_DIGEST = createHash('sha256').update(canonicalContext()).digest().subarray(0, 16);
// Most data keys have no encryption context: its digest is made once.
const contextDigest = (ctx: string): Buffer =>
  // Stryker disable next-line ConditionalExpression,StringLiteral: EQ-cache
  ctx === '[]'
    ? EMPTY_CONTEXT_DIGEST
    : // any other context is hashed on each call
      createHash('sha256').update(ctx).digest().subarray(0, 16);

/**
 * Blob layout: prefix, 2-byte key-ARN length, key ARN, 2-byte material version (KMS-27), 16-byte
 * context digest, plaintext. Stays under the 6,144-byte limit (KMS-5).
 */
function seal(key: KmsKey, plaintext: Uint8Array, ctx: Record<string, string> | undefined): Uint8Array {
  const arn = Buffer.from(key.arn);
  const head = Buffer.alloc(2);
  head.writeUInt16BE(arn.length);
  const version = Buffer.alloc(2);
  // The current material: the newest version (a usable key always has one).
  version.writeUInt16BE(key.materials.length - 1);
  return new Uint8Array(Buffer.concat([Buffer.from(BLOB_PREFIX), head, arn, version, contextDigest(canonicalContext(ctx)), plaintext]));
}

function unseal(blob: Uint8Array): { keyArn: string; material: number; context: Buffer; plaintext: Uint8Array } | undefined {
  const b = Buffer.from(blob);
  const p = BLOB_PREFIX.length;
  if (b.subarray(0, p).toString() !== BLOB_PREFIX) return undefined;
  // Stryker disable next-line EqualityOperator: EQ-same
  if (b.length < p + 2) return undefined;
  const n = b.readUInt16BE(p);
  // Plaintext is never empty (Encrypt and GenerateDataKey need at least 1 byte): a blob without any is truncated.
  if (b.length <= p + 4 + n + 16) return undefined;
  return {
    keyArn: b.subarray(p + 2, p + 2 + n).toString(),
    material: b.readUInt16BE(p + 2 + n),
    context: b.subarray(p + 4 + n, p + 20 + n),
    plaintext: new Uint8Array(b.subarray(p + 20 + n)),
  };
}
