/**
 * A deliberately small evaluator of KMS key policies: which principals may call which KMS actions
 * on a key. It understands Effect, Principal (AWS account/ARN/"*", Service), Action with `*` and `?`
 * wildcards, and the two condition keys AWS managed keys use (`kms:CallerAccount`,
 * `kms:ViaService`, with StringEquals). Explicit Deny wins; no matching Allow means deny.
 *
 * Not modelled: IAM policies (a statement naming the account root is taken as "every principal of
 * that account", as if IAM allowed them), grants, NotAction/NotPrincipal, other condition keys.
 */
import { parseArn, principalAccount } from './ids.js';

export interface CallContext {
  /** Who calls KMS: an IAM principal ARN, or a service principal such as `sns.amazonaws.com`. */
  caller: string;
  /** Set when an AWS service (SQS, SNS) calls KMS on the caller's behalf. */
  viaService?: 'sqs' | 'sns';
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
export function awsManagedKeyPolicy(account: string, region: string, service: 'sqs' | 'sns'): string {
  return JSON.stringify({
    // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); the model's Version is a choice no SQS or SNS answer depends on
    Version: '2012-10-17',
    // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); the model's Id is a choice no SQS or SNS answer depends on
    Id: `auto-${service}-2`,
    Statement: [
      {
        // Stryker disable next-line StringLiteral,MethodExpression: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); the model's Sid is a label that no evaluation reads
        Sid: `Allow access through ${service.toUpperCase()} for all principals in the account that are authorized to use ${service.toUpperCase()}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); no SQS or SNS call and no KMS operation the model implements evaluates this action against it, so only the text GetKeyPolicy returns changes
          'kms:Encrypt',
          'kms:Decrypt',
          // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); no SQS or SNS call and no KMS operation the model implements evaluates this action against it, so only the text GetKeyPolicy returns changes
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); no SQS or SNS call and no KMS operation the model implements evaluates this action against it, so only the text GetKeyPolicy returns changes
          'kms:CreateGrant',
          // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); no SQS or SNS call and no KMS operation the model implements evaluates this action against it, so only the text GetKeyPolicy returns changes
          'kms:DescribeKey',
        ],
        // Stryker disable next-line StringLiteral: equivalent: the evaluator never reads Resource (in a key policy it is always the key itself), so no answer changes
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
      },
      {
        // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); the model's Sid is a label that no evaluation reads
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: [
          'kms:Describe*',
          'kms:Get*',
          // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); no SQS or SNS call and no KMS operation the model implements evaluates this action against it, so only the text GetKeyPolicy returns changes
          'kms:List*',
          // Stryker disable next-line StringLiteral: model-choice: AWS shows the policy of an AWS managed key (GetKeyPolicy) but documents no text for it (KMS-8); no SQS or SNS call and no KMS operation the model implements evaluates this action against it, so only the text GetKeyPolicy returns changes
          'kms:RevokeGrant',
        ],
        // Stryker disable next-line StringLiteral: equivalent: the evaluator never reads Resource (in a key policy it is always the key itself), so no answer changes
        Resource: '*',
      },
    ],
  });
}

/** Returns an error message if the document is not a policy this evaluator can read, else undefined. */
export function checkPolicyDocument(doc: string): string | undefined {
  let parsed: unknown;
  try {
    // Stryker disable BlockStatement: message: without the catch branch below, text that is not JSON falls through to the "at least one Statement" refusal, the same MalformedPolicyDocumentException with another message
    parsed = JSON.parse(doc);
  } catch {
    // Stryker disable next-line StringLiteral: message: the text of MalformedPolicyDocumentException; clauses compare codes only
    return 'The policy is not valid JSON.';
  }
  // Stryker restore BlockStatement
  const stmts = statementsOf(parsed);
  // Stryker disable next-line all: model-choice: which semantic faults PutKeyPolicy refuses is not documented (KMS-17); the model refuses a policy without statements
  if (!stmts || stmts.length === 0) return 'The policy must contain at least one Statement.';
  // Stryker disable next-line BlockStatement: model-choice: which semantic faults PutKeyPolicy refuses is not documented (KMS-17); the model checks each statement for Effect, Principal and Action
  for (const s of stmts) {
    // Stryker disable next-line all: model-choice: which semantic faults PutKeyPolicy refuses is not documented (KMS-17); the model refuses a statement without Effect
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return 'Each Statement needs Effect "Allow" or "Deny".';
    // Stryker disable next-line all: model-choice: which semantic faults PutKeyPolicy refuses is not documented (KMS-17); the model refuses a statement without Principal
    if (s.Principal === undefined) return 'Each Statement needs a Principal.';
    // Stryker disable next-line all: model-choice: which semantic faults PutKeyPolicy refuses is not documented (KMS-17); the model refuses a statement without Action
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

// Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent: an absent element read as ["undefined"] or ["Stryker was here"] matches no caller ARN, service principal, kms: action or condition value the model produces
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** An Action pattern: `*` matches any run of characters, `?` exactly one; case is ignored (IAM Action element). */
function globMatch(pattern: string, value: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i').test(value);
}

function principalMatches(principal: unknown, caller: string): boolean {
  if (principal === '*') return true;
  // A Principal that is neither "*" nor a map (null, a bare string) has no AWS or Service member: it names no one.
  const p = (principal ?? {}) as { AWS?: unknown; Service?: unknown };
  for (const svc of asList(p.Service)) if (svc === caller) return true;
  const callerAccount = principalAccount(caller);
  for (const a of asList(p.AWS)) {
    // Stryker disable next-line ConditionalExpression: model-choice: whether {"AWS": "*"} also names a service principal such as sns.amazonaws.com is not documented (SNS-16); the model lets it name principals of AWS accounts only
    if (a === '*') return callerAccount !== undefined;
    if (a === caller) return true;
    // The account's root ARN, or its bare 12-digit id, names every principal of that account.
    const arn = parseArn(a);
    const account = arn?.service === 'iam' && arn.resource === 'root' ? arn.account : a;
    if (account === callerAccount) return true;
  }
  return false;
}

function conditionsHold(cond: Statement['Condition'], ctx: CallContext, region: string): boolean {
  if (!cond) return true;
  for (const [op, entries] of Object.entries(cond)) {
    if (op !== 'StringEquals') return false; // unknown operators never match: fail closed
    for (const [key, expected] of Object.entries(entries)) {
      const actual =
        key === 'kms:CallerAccount'
          ? principalAccount(ctx.caller)
          : key === 'kms:ViaService'
            ? ctx.viaService
              ? `${ctx.viaService}.${region}.amazonaws.com`
              : undefined
            : undefined;
      // Stryker disable next-line ConditionalExpression: equivalent: asList yields strings only, so an undefined actual value is never included and the second test refuses it alike
      if (actual === undefined || !asList(expected).includes(actual)) return false;
    }
  }
  return true;
}

/** May `ctx.caller` perform `action` (e.g. `kms:GenerateDataKey`) under this policy? */
export function policyAllows(policy: string, action: string, ctx: CallContext, region: string): boolean {
  let stmts: Statement[] | undefined;
  try {
    // Stryker disable BlockStatement,BooleanLiteral: equivalent: every stored policy is JSON (checkPolicyDocument at CreateKey and PutKeyPolicy, or built by the model), so the catch branch below never runs
    stmts = statementsOf(JSON.parse(policy));
  } catch {
    return false;
  }
  // Stryker restore BlockStatement,BooleanLiteral
  let allowed = false;
  // Stryker disable next-line ArrayDeclaration: equivalent: a string in place of a statement has no Principal, so it matches no caller
  for (const s of stmts ?? []) {
    if (!principalMatches(s.Principal, ctx.caller)) continue;
    if (!asList(s.Action).some((a) => globMatch(a, action))) continue;
    if (!conditionsHold(s.Condition, ctx, region)) continue;
    if (s.Effect === 'Deny') return false;
    // Stryker disable next-line ConditionalExpression: equivalent: checkPolicyDocument admits only Effect Allow or Deny, and a Deny has returned above
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
