/**
 * Mutants for the clauses of the error-codes and encryption-scope batch (branch clauses-errors):
 * each breaks exactly the rule its clause states, the way an emulator plausibly would.
 */
import { around, md5, type Any, type Mutant } from './kit.js';

/** A key policy with its Deny statements removed: what an evaluator that only looks for Allows sees. */
function withoutDenies(policy: string | undefined): string | undefined {
  if (policy === undefined) return undefined;
  const doc = JSON.parse(policy);
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return JSON.stringify({ ...doc, Statement: list.filter((st: Any) => st.Effect !== 'Deny') });
}

export const MUTANTS_ERRORS: Mutant[] = [
  {
    clause: 'sqs.sse-kms.key-policy-deny-refuses-send',
    signature: 'sqs:SendMessage expected KMS.AccessDenied, observed success',
    bug: 'SQS calls KMS as itself, so a producer the key policy denies can still send',
    decorate: ({ sqs }) => around(sqs, 'SendMessage', (i, next) => next(i).catch((e) => {
      if (e.name === 'KmsAccessDenied') return { MessageId: 'as-service', MD5OfMessageBody: md5(i.MessageBody) };
      throw e;
    })),
  },
  {
    clause: 'sqs.sse-kms.key-policy-deny-refuses-receive',
    signature: 'sqs:ReceiveMessage expected KMS.AccessDenied, observed success',
    bug: 'explicit Deny statements in key policies are ignored',
    decorate: ({ kms }) => around(kms, 'CreateKey', (i, next) => next({ ...i, Policy: withoutDenies(i.Policy) })),
  },
  {
    clause: 'sns.sse.key-policy-deny-refuses-publish',
    signature: 'sns:Publish expected KMS.AccessDenied, observed success',
    bug: 'explicit Deny statements in key policies are ignored',
    decorate: ({ kms }) => around(kms, 'CreateKey', (i, next) => next({ ...i, Policy: withoutDenies(i.Policy) })),
  },
];
