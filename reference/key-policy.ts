/**
 * A deliberately small evaluator of KMS key policies: which principals may call which KMS actions
 * on a key. It understands Effect, Principal (AWS account/ARN/"*", Service), Action with `*` and `?`
 * wildcards, and the condition keys requests from SQS and SNS carry (KMS-29): `kms:CallerAccount`,
 * `kms:ViaService` and `kms:EncryptionContext:<key>`, under the IAM string operators (StringEquals,
 * StringNotEquals, their IgnoreCase forms, StringLike, StringNotLike, each also with IfExists).
 * Explicit Deny wins; no matching Allow means no permission from the policy (grants may still give
 * one: reference/kms.ts).
 *
 * Not modelled: IAM policies (a statement naming the account root is taken as "every principal of
 * that account", as if IAM allowed them), NotAction/NotPrincipal, set operators (ForAnyValue,
 * ForAllValues), other operators and other condition keys (a condition the evaluator cannot read
 * never holds: it fails closed).
 */
import { parseArn, principalAccount } from './ids.js';

export interface CallContext {
  /** Who calls KMS: an IAM principal ARN, or a service principal such as `sns.amazonaws.com`. */
  caller: string;
  /** Set when an AWS service (SQS, SNS) calls KMS on the caller's behalf. */
  viaService?: 'sqs' | 'sns' | 's3';
  /** The encryption context of the request (KMS-12), for `kms:EncryptionContext:<key>` conditions. */
  encryptionContext?: Record<string, string>;
}

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function defaultKeyPolicy(account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}

/** The fixed policy of an AWS managed key (`alias/aws/sqs`, `alias/aws/sns`): usable only through that service by principals of the account (KMS-8, SQS-10, SNS-16). */
export function awsManagedKeyPolicy(account: string, region: string, service: 'sqs' | 'sns' | 's3'): string {
  return JSON.stringify({
    // Stryker disable next-line StringLiteral: MC-managed-key
    Version: '2012-10-17',
    // Stryker disable next-line StringLiteral: MC-managed-key
    Id: `auto-${service}-2`,
    Statement: [
      {
        // Stryker disable next-line StringLiteral,MethodExpression: MC-managed-key
        Sid: `Allow access through ${service.toUpperCase()} for all principals in the account that are authorized to use ${service.toUpperCase()}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          // Stryker disable next-line StringLiteral: MC-managed-key
          'kms:Encrypt',
          'kms:Decrypt',
          // Stryker disable next-line StringLiteral: MC-managed-key
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          // Stryker disable next-line StringLiteral: MC-managed-key
          'kms:CreateGrant',
          // Stryker disable next-line StringLiteral: MC-managed-key
          'kms:DescribeKey',
        ],
        // Stryker disable next-line StringLiteral: EQ-unread
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
      },
      {
        // Stryker disable next-line StringLiteral: MC-managed-key
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: [
          'kms:Describe*',
          'kms:Get*',
          // Stryker disable next-line StringLiteral: MC-managed-key
          'kms:List*',
          // Stryker disable next-line StringLiteral: MC-managed-key
          'kms:RevokeGrant',
        ],
        // Stryker disable next-line StringLiteral: EQ-unread
        Resource: '*',
      },
    ],
  });
}

/** Returns an error message if the document is not a policy this evaluator can read, else undefined. */
export function checkPolicyDocument(doc: string): string | undefined {
  let parsed: unknown;
  try {
    // Stryker disable BlockStatement: MSG
    parsed = JSON.parse(doc);
  } catch {
    // Stryker disable next-line StringLiteral: MSG
    return 'The policy is not valid JSON.';
  }
  // Stryker restore BlockStatement
  const stmts = statementsOf(parsed);
  // Stryker disable next-line all: MC-policy-check
  if (!stmts || stmts.length === 0) return 'The policy must contain at least one Statement.';
  // Stryker disable next-line BlockStatement: MC-policy-check
  for (const s of stmts) {
    // Stryker disable next-line all: MC-policy-check
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return 'Each Statement needs Effect "Allow" or "Deny".';
    // Stryker disable next-line all: MC-policy-check
    if (s.Principal === undefined) return 'Each Statement needs a Principal.';
    // Stryker disable next-line all: MC-policy-check
    if (s.Action === undefined) return 'Each Statement needs an Action.';
  }
  return undefined;
}

function statementsOf(parsed: unknown): Statement[] | undefined {
  // JSON null has no members; other values that are not objects have no Statement.
  const st = (parsed as { Statement?: unknown } | null)?.Statement;
  if (Array.isArray(st)) return st as Statement[];
  if (typeof st === 'object' && st !== null) return [st as Statement];
  return undefined;
}

// Stryker disable next-line ConditionalExpression,ArrayDeclaration: EQ-same
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** Each pattern's expression, made once: a policy is read on every KMS call a data path makes. */
const GLOBS = new Map<string, RegExp>();

/**
 * A pattern with IAM's wildcards: `*` matches any run of characters, `?` exactly one. An Action
 * ignores case (IAM Action element); a StringLike value does not (IAM condition operators).
 */
function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = GLOBS.get(cacheKey);
  // Stryker disable next-line ConditionalExpression,BlockStatement: EQ-cache
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    // Stryker disable next-line CallExpression: EQ-cache
    GLOBS.set(cacheKey, re);
  }
  return re.test(value);
}

const globMatch = (pattern: string, value: string): boolean => wildcardMatch(pattern, value, true);

function principalMatches(principal: unknown, caller: string): boolean {
  if (principal === '*') return true;
  // A Principal that is neither "*" nor a map (null, a bare string) has no AWS or Service member: it names no one.
  const p = (principal ?? {}) as { AWS?: unknown; Service?: unknown };
  for (const svc of asList(p.Service)) if (svc === caller) return true;
  const callerAccount = principalAccount(caller);
  for (const a of asList(p.AWS)) {
    // Stryker disable next-line ConditionalExpression: MC-principal-star
    if (a === '*') return callerAccount !== undefined;
    if (a === caller) return true;
    // The account's root ARN, or its bare 12-digit id, names every principal of that account.
    const arn = parseArn(a);
    const account = arn?.service === 'iam' && arn.resource === 'root' ? arn.account : a;
    if (account === callerAccount) return true;
  }
  return false;
}

/** The value of a condition key in the request, or undefined when the request has none (IAM condition keys ignore case, KMS-29). */
function requestValue(key: string, ctx: CallContext, region: string): string | undefined {
  const k = key.toLowerCase();
  if (k === 'kms:calleraccount') return principalAccount(ctx.caller);
  if (k === 'kms:viaservice') return ctx.viaService ? `${ctx.viaService}.${region}.amazonaws.com` : undefined;
  if (k.startsWith(CONTEXT_PREFIX)) {
    // The context key in the condition key ignores case too; the value is compared as the operator says.
    const wanted = k.slice(CONTEXT_PREFIX.length);
    const entry = Object.entries(ctx.encryptionContext ?? {}).find(([name]) => name.toLowerCase() === wanted);
    return entry?.[1];
  }
  return undefined;
}

const CONTEXT_PREFIX = 'kms:encryptioncontext:';

/** The IAM string operators: how one request value is compared with one policy value, and whether the operator is negated. */
const STRING_OPERATORS: Record<string, { test: (actual: string, expected: string) => boolean; negated: boolean }> = {
  StringEquals: { test: (a, e) => a === e, negated: false },
  StringNotEquals: { test: (a, e) => a === e, negated: true },
  StringEqualsIgnoreCase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: true },
  StringLike: { test: (a, e) => wildcardMatch(e, a, false), negated: false },
  StringNotLike: { test: (a, e) => wildcardMatch(e, a, false), negated: true },
};

/**
 * One Condition block, as IAM evaluates it: every operator and every key in it must hold (AND); a
 * key holds when the request's value matches any of the policy's values (OR), or, for a negated
 * operator, matches none of them. A key absent from the request makes a plain operator fail and a
 * negated one hold; `…IfExists` holds when the key is absent.
 */
function conditionsHold(cond: Statement['Condition'], ctx: CallContext, region: string): boolean {
  if (!cond) return true;
  for (const [name, entries] of Object.entries(cond)) {
    const ifExists = name.endsWith('IfExists');
    const op = STRING_OPERATORS[ifExists ? name.slice(0, -'IfExists'.length) : name];
    if (!op) return false; // operators this evaluator does not read never match: fail closed
    for (const [key, expected] of Object.entries(entries)) {
      const actual = requestValue(key, ctx, region);
      if (actual === undefined) {
        if (ifExists || op.negated) continue;
        return false;
      }
      const any = asList(expected).some((e) => op.test(actual, e));
      if (any === op.negated) return false;
    }
  }
  return true;
}

/** Each stored policy document's statements, parsed once (null: not JSON, which no stored policy is). */
const PARSED = new Map<string, Statement[] | undefined | null>();

function parsedPolicy(policy: string): Statement[] | undefined | null {
  // Stryker disable next-line ConditionalExpression: EQ-cache
  if (PARSED.has(policy)) return PARSED.get(policy);
  let stmts: Statement[] | undefined | null;
  try {
    // Stryker disable BlockStatement,BooleanLiteral: EQ-unreachable
    stmts = statementsOf(JSON.parse(policy));
  } catch {
    stmts = null;
  }
  // Stryker restore BlockStatement,BooleanLiteral
  // Stryker disable next-line ConditionalExpression,BlockStatement,EqualityOperator,CallExpression: EQ-cache
  if (PARSED.size > 1_000) PARSED.clear(); // bounded: policies are few, but a long-lived fake must not grow
  // Stryker disable next-line CallExpression: EQ-cache
  PARSED.set(policy, stmts);
  return stmts;
}

/**
 * What this policy says of `ctx.caller` performing `action` (e.g. `kms:GenerateDataKey`): an
 * explicit `deny`, an `allow`, or `none` (no statement applies; a grant may still allow it).
 */
export function policyDecision(policy: string, action: string, ctx: CallContext, region: string): 'allow' | 'deny' | 'none' {
  const stmts = parsedPolicy(policy);
  // Stryker disable next-line ConditionalExpression,StringLiteral: EQ-unreachable
  if (stmts === null) return 'none';
  let allowed = false;
  // Stryker disable next-line ArrayDeclaration: EQ-same
  for (const s of stmts ?? []) {
    if (!principalMatches(s.Principal, ctx.caller)) continue;
    if (!asList(s.Action).some((a) => globMatch(a, action))) continue;
    if (!conditionsHold(s.Condition, ctx, region)) continue;
    if (s.Effect === 'Deny') return 'deny';
    // Stryker disable next-line ConditionalExpression: EQ-unreachable
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed ? 'allow' : 'none';
}

/** May `ctx.caller` perform `action` under this policy alone? */
export const policyAllows = (policy: string, action: string, ctx: CallContext, region: string): boolean =>
  policyDecision(policy, action, ctx, region) === 'allow';

/** Does this principal element (`{"AWS": …}` or `"*"`) name the caller? Grants name their grantee this way (KMS-25). */
export const principalNames = (principal: unknown, caller: string): boolean => principalMatches(principal, caller);
