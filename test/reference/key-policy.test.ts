/**
 * The key-policy evaluator against the IAM policy language (clause-independent, issue 14).
 *
 * Why not a clause: how a policy names actions (case, `*` and `?`), principals (root ARN, bare
 * account id, service principals, `"*"`), statements (one object or an array) and conditions
 * (several values, keys absent from the request) is the generic IAM policy grammar and evaluation
 * logic, not encryption. The clauses state the SSE consequences (an explicit Deny refuses a send,
 * a receive or a publish; the default key policy; AWS managed keys used only through their service);
 * these examples hold the evaluator to the grammar those clauses rely on.
 */
import { describe, expect, it } from 'vitest';
import { awsManagedKeyPolicy, checkPolicyDocument, policyAllows, policyDecision } from '../../reference/key-policy.js';

const REGION = 'us-east-1';
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:role/bob';
const EVE = 'arn:aws:iam::444455556666:user/eve';
const SNS = 'sns.amazonaws.com';

const policy = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Principal: unknown, Action: unknown, Condition?: unknown) => ({ Effect: 'Allow', Principal, Action, ...(Condition ? { Condition } : {}) });
const allows = (doc: string, action: string, caller: string, viaService?: 'sqs' | 'sns') =>
  policyAllows(doc, action, { caller, ...(viaService ? { viaService } : {}) }, REGION);

describe('Action', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
  it('ignores case in the prefix and the action name', () => {
    expect(allows(policy(allow('*', 'KMS:generatedatakey')), 'kms:GenerateDataKey', ALICE)).toBe(true);
  });

  it('reads * as any run of characters and ? as exactly one', () => {
    const doc = policy(allow('*', ['kms:Generate*', 'kms:?ecrypt']));
    expect(allows(doc, 'kms:GenerateDataKey', ALICE)).toBe(true);
    expect(allows(doc, 'kms:GenerateDataKeyWithoutPlaintext', ALICE)).toBe(true);
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(true);
    expect(allows(doc, 'kms:ReEncrypt', ALICE)).toBe(false);
    expect(allows(policy(allow('*', 'kms:GenerateDataKey?')), 'kms:GenerateDataKey', ALICE)).toBe(false);
  });

  it('matches the whole name, and no other character is a wildcard', () => {
    expect(allows(policy(allow('*', 'kms:GenerateDataKey')), 'kms:GenerateDataKeyWithoutPlaintext', ALICE)).toBe(false);
    expect(allows(policy(allow('*', 'GenerateDataKey')), 'kms:GenerateDataKey', ALICE)).toBe(false);
    expect(allows(policy(allow('*', 'kms:Decrypt.')), 'kms:Decrypt', ALICE)).toBe(false);
    expect(allows(policy(allow('*', 'kms:Decryp.')), 'kms:Decrypt', ALICE)).toBe(false);
  });
});

describe('Principal', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
  it('"*" names everyone, service principals included', () => {
    const doc = policy(allow('*', 'kms:Decrypt'));
    for (const caller of [ALICE, EVE, SNS]) expect(allows(doc, 'kms:Decrypt', caller)).toBe(true);
  });

  it('{"AWS": "*"} names the principals of every account', () => {
    const doc = policy(allow({ AWS: '*' }, 'kms:Decrypt'));
    for (const caller of [ALICE, EVE]) expect(allows(doc, 'kms:Decrypt', caller)).toBe(true);
  });

  it('a user or role ARN names that principal only', () => {
    const doc = policy(allow({ AWS: [ALICE] }, 'kms:Decrypt'));
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(true);
    for (const caller of [BOB, EVE, SNS]) expect(allows(doc, 'kms:Decrypt', caller)).toBe(false);
  });

  it('the account root ARN, in any partition, or the bare account id names every principal of that account', () => {
    for (const account of ['arn:aws:iam::111122223333:root', '111122223333']) {
      const doc = policy(allow({ AWS: account }, 'kms:Decrypt'));
      for (const caller of [ALICE, BOB]) expect(allows(doc, 'kms:Decrypt', caller)).toBe(true);
      for (const caller of [EVE, SNS]) expect(allows(doc, 'kms:Decrypt', caller)).toBe(false);
    }
    const china = policy(allow({ AWS: 'arn:aws-cn:iam::111122223333:root' }, 'kms:Decrypt'));
    expect(allows(china, 'kms:Decrypt', 'arn:aws-cn:iam::111122223333:user/alice')).toBe(true);
  });

  it('only the IAM root ARN names the account: another resource called root does not', () => {
    const doc = policy(allow({ AWS: 'arn:aws:sqs:us-east-1:111122223333:root' }, 'kms:Decrypt'));
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(false);
  });

  it('a service principal names that service only', () => {
    const doc = policy(allow({ Service: SNS }, 'kms:Decrypt'));
    expect(allows(doc, 'kms:Decrypt', SNS)).toBe(true);
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(false);
  });

  it('a null Principal names no one', () => {
    expect(allows(policy(allow(null, 'kms:Decrypt')), 'kms:Decrypt', ALICE)).toBe(false);
  });
});

describe('Statement and Effect', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html (a single statement or an array)
  it('reads a single statement object as a one-statement list', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: allow('*', 'kms:Decrypt') });
    expect(checkPolicyDocument(doc)).toBeUndefined();
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(true);
  });

  // https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html (MalformedPolicyDocumentException)
  it('refuses JSON that is not a policy object, or whose Statement is not a statement', () => {
    for (const doc of ['null', '42', '"text"', '[]', '{"Statement":null}', '{"Statement":"text"}']) {
      expect(checkPolicyDocument(doc), doc).toEqual(expect.any(String));
    }
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('an explicit Deny overrides any Allow; without an Allow the request is denied', () => {
    const doc = policy(allow('*', 'kms:*'), { Effect: 'Deny', Principal: { AWS: BOB }, Action: 'kms:Decrypt' });
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(true);
    expect(allows(doc, 'kms:Decrypt', BOB)).toBe(false);
    expect(allows(doc, 'kms:Encrypt', BOB)).toBe(true);
    expect(allows(policy(allow({ AWS: ALICE }, 'kms:Decrypt')), 'kms:Encrypt', ALICE)).toBe(false);
  });

  // https://docs.aws.amazon.com/kms/latest/developerguide/grants.html: a grant allows what the key policy does not deny
  it('tells an explicit Deny from a policy that says nothing of the request, which a grant may still allow', () => {
    const doc = policy(allow({ AWS: ALICE }, 'kms:Decrypt'), { Effect: 'Deny', Principal: { AWS: BOB }, Action: 'kms:Decrypt' });
    expect(policyDecision(doc, 'kms:Decrypt', { caller: ALICE }, REGION)).toBe('allow');
    expect(policyDecision(doc, 'kms:Decrypt', { caller: BOB }, REGION)).toBe('deny');
    expect(policyDecision(doc, 'kms:Decrypt', { caller: EVE }, REGION)).toBe('none');
  });
});

describe('Condition', () => {
  // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html (kms:CallerAccount, kms:ViaService)
  it('the policy of an AWS managed key lets principals of its account use it only through its service, in its Region', () => {
    const sqsKey = awsManagedKeyPolicy('111122223333', REGION, 'sqs');
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      expect(allows(sqsKey, action, ALICE, 'sqs')).toBe(true);
      expect(allows(sqsKey, action, ALICE)).toBe(false);
      expect(allows(sqsKey, action, ALICE, 'sns')).toBe(false);
      expect(allows(sqsKey, action, EVE, 'sqs')).toBe(false);
      expect(allows(awsManagedKeyPolicy('111122223333', 'eu-west-1', 'sqs'), action, ALICE, 'sqs')).toBe(false);
    }
    // The account may read the key's metadata and policy directly (KMS-8).
    expect(allows(sqsKey, 'kms:DescribeKey', ALICE)).toBe(true);
    expect(allows(sqsKey, 'kms:GetKeyPolicy', ALICE)).toBe(true);
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
  it('a condition with several values holds when any of them matches', () => {
    const doc = policy(allow('*', 'kms:Decrypt', { StringEquals: { 'kms:CallerAccount': ['444455556666', '111122223333'] } }));
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(true);
  });

  it('a condition on a key absent from the request does not hold', () => {
    // kms:GrantIsForAWSResource is in the request context of grant operations only.
    const doc = policy(allow('*', 'kms:Decrypt', { StringEquals: { 'kms:GrantIsForAWSResource': 'sqs.us-east-1.amazonaws.com' } }));
    expect(allows(doc, 'kms:Decrypt', ALICE, 'sqs')).toBe(false);
  });

  it('a condition with an operator that is not an IAM condition operator never holds', () => {
    const doc = policy(allow('*', 'kms:Decrypt', { NoSuchOperator: { 'kms:CallerAccount': '111122223333' } }));
    expect(allows(doc, 'kms:Decrypt', ALICE)).toBe(false);
  });
});

describe('Condition operators and the keys SQS and SNS requests carry (KMS-29)', () => {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
  // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
  const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:orders';
  const viaSqs = { caller: ALICE, viaService: 'sqs' as const, encryptionContext: { 'aws:sqs:arn': QUEUE } };
  const holds = (Condition: unknown, ctx: Parameters<typeof policyAllows>[2] = viaSqs) =>
    policyAllows(policy(allow('*', 'kms:Decrypt', Condition)), 'kms:Decrypt', ctx, REGION);

  it('reads kms:ViaService as the service and Region that called, and a direct call has none', () => {
    expect(holds({ StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } })).toBe(true);
    expect(holds({ StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } })).toBe(false);
    expect(holds({ StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } }, { caller: ALICE })).toBe(false);
  });

  it('reads kms:EncryptionContext:<key> from the request, the key without regard to case, the value as the operator says', () => {
    expect(holds({ StringEquals: { 'kms:EncryptionContext:aws:sqs:arn': QUEUE } })).toBe(true);
    expect(holds({ StringEquals: { 'KMS:encryptioncontext:AWS:SQS:ARN': QUEUE } })).toBe(true);
    expect(holds({ StringEquals: { 'kms:EncryptionContext:aws:sqs:arn': QUEUE.toUpperCase() } })).toBe(false);
    expect(holds({ StringEqualsIgnoreCase: { 'kms:EncryptionContext:aws:sqs:arn': QUEUE.toUpperCase() } })).toBe(true);
    expect(holds({ StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': QUEUE } })).toBe(false);
  });

  it('StringLike takes * and ? and is case-sensitive; StringNotLike is its negation', () => {
    expect(holds({ StringLike: { 'kms:ViaService': 'sqs.*.amazonaws.com' } })).toBe(true);
    expect(holds({ StringLike: { 'kms:EncryptionContext:aws:sqs:arn': 'arn:aws:sqs:us-east-?:111122223333:*' } })).toBe(true);
    expect(holds({ StringLike: { 'kms:EncryptionContext:aws:sqs:arn': 'arn:aws:sqs:*:111122223333:ORD*' } })).toBe(false);
    expect(holds({ StringLike: { 'kms:ViaService': 'sqs.*.amazonaws.co' } })).toBe(false);
    expect(holds({ StringNotLike: { 'kms:ViaService': 'sns.*' } })).toBe(true);
    expect(holds({ StringNotLike: { 'kms:ViaService': 'sqs.*' } })).toBe(false);
  });

  it('StringEqualsIgnoreCase holds only for the same text, StringNotEqualsIgnoreCase only for other text', () => {
    expect(holds({ StringEqualsIgnoreCase: { 'kms:ViaService': 'SNS.US-EAST-1.AMAZONAWS.COM' } })).toBe(false);
    expect(holds({ StringNotEqualsIgnoreCase: { 'kms:ViaService': 'SNS.US-EAST-1.AMAZONAWS.COM' } })).toBe(true);
  });

  it('StringNotLike is case-sensitive, as StringLike is', () => {
    expect(holds({ StringNotLike: { 'kms:ViaService': 'SQS.*' } })).toBe(true);
  });

  it('* in StringLike matches any run of characters, a line break included', () => {
    const ctx = { caller: ALICE, encryptionContext: { note: 'first line\nsecond line' } };
    expect(holds({ StringLike: { 'kms:EncryptionContext:note': 'first*line' } }, ctx)).toBe(true);
  });

  it('a StringLike value is matched as itself, whichever Action patterns were read before', () => {
    // One pattern differing from another only by a leading letter must not be taken for it, case-sensitive or not.
    const ctx = { caller: ALICE, encryptionContext: { note: 'ikms:Decrypt' } };
    expect(holds({ StringLike: { 'kms:EncryptionContext:note': 'ikms:Decrypt' } }, ctx)).toBe(true);
    expect(holds({ StringLike: { 'kms:EncryptionContext:note': 'kms:Decrypt' } }, ctx)).toBe(false);
    expect(allows(policy(allow('*', 'skms:Decrypt')), 'kms:Decrypt', ALICE)).toBe(false);
  });

  it('a condition key that only resembles kms:EncryptionContext:<key> is absent from the request', () => {
    expect(holds({ StringEquals: { 'kms:EncryptionContext_aws:sqs:arn': QUEUE } })).toBe(false);
  });

  it('a negated operator holds when no value matches, and when the key is absent; IfExists holds when the key is absent', () => {
    expect(holds({ StringNotEquals: { 'kms:CallerAccount': ['444455556666', '777788889999'] } })).toBe(true);
    expect(holds({ StringNotEquals: { 'kms:CallerAccount': ['444455556666', '111122223333'] } })).toBe(false);
    expect(holds({ StringNotEqualsIgnoreCase: { 'kms:ViaService': 'SQS.US-EAST-1.AMAZONAWS.COM' } })).toBe(false);
    expect(holds({ StringNotEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } }, { caller: ALICE })).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } }, { caller: ALICE })).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } })).toBe(false);
  });

  it('every key of a block and every operator must hold', () => {
    const both = { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com', 'kms:CallerAccount': '111122223333' } };
    expect(holds(both)).toBe(true);
    expect(holds({ ...both, StringLike: { 'kms:EncryptionContext:aws:sqs:arn': '*:other' } })).toBe(false);
    expect(holds({ StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com', 'kms:CallerAccount': '444455556666' } })).toBe(false);
  });

  it('a Deny whose condition does not hold denies nothing', () => {
    const doc = policy(allow('*', 'kms:*'), {
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:Decrypt',
      Condition: { StringNotEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
    });
    expect(policyAllows(doc, 'kms:Decrypt', viaSqs, REGION)).toBe(true);
    expect(policyAllows(doc, 'kms:Decrypt', { caller: ALICE }, REGION)).toBe(false);
  });
});
