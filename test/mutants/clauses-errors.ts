/**
 * Mutants for the clauses of the error-codes and encryption-scope batch (branch clauses-errors):
 * each breaks exactly the rule its clause states, the way an emulator plausibly would.
 */
import { around, KMS_FAILURE, md5, snsError, type Any, type Mutant } from './kit.js';

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
  {
    clause: 'sqs.sse-kms.key-usage-that-cannot-make-data-keys-refuses-send',
    signature: 'sqs:SendMessage expected KMS.InvalidKeyUsage, observed success',
    bug: 'the emulator seals with any key, whatever its key usage or spec',
    decorate: ({ sqs }) => around(sqs, 'SendMessage', (i, next) => next(i).catch((e) => {
      if (e.name === 'KmsInvalidKeyUsage') return { MessageId: 'any-key', MD5OfMessageBody: md5(i.MessageBody) };
      throw e;
    })),
  },
  {
    clause: 'sqs.sse-kms.send-message-batch-kms-failure',
    signature: 'sqs:SendMessageBatch expected KMS.Disabled, observed success',
    bug: 'KMS failures are reported per batch entry',
    decorate: ({ sqs }) => around(sqs, 'SendMessageBatch', (i, next) => next(i).catch((e) => {
      if (!KMS_FAILURE.test(e.name)) throw e;
      return { Successful: [], Failed: i.Entries.map((x: Any) => ({ Id: x.Id, Code: e.name, SenderFault: true, Message: e.message })) };
    })),
  },
  {
    clause: 'sns.sse.publish-fails-after-key-deleted',
    signature: 'sns:Publish expected KMS.NotFound, observed KMS.InvalidState',
    bug: 'keys are never deleted: after the waiting period they stay pending deletion (as in moto)',
    decorate: ({ sns }) => around(sns, 'Publish', (i, next) => next(i).catch((e) => {
      throw e.name === 'KMSNotFoundException' ? snsError('KMSInvalidStateException', 'key is pending deletion') : e;
    })),
  },
  {
    clause: 'sqs.sse-kms.receive-fails-after-key-deleted',
    signature: 'sqs:ReceiveMessage expected KMS.NotFound or KMS.AccessDenied, observed success',
    bug: 'messages stay readable after their key is deleted (the emulator keeps plaintext)',
    decorate: ({ sqs, model }) => around(sqs, 'ReceiveMessage', async (i, next) => {
      const deleted = (arn: string) => {
        const key = model.kms.keys.get(arn);
        return !key || (key.deletionDate !== undefined && key.deletionDate <= model.clock.now());
      };
      for (const m of model.sqs.queue(i.QueueUrl).store.all()) if (m.envelope.kind === 'sse-kms' && deleted(m.envelope.keyArn)) m.envelope = { kind: 'plaintext' };
      return next(i);
    }),
  },
];
