/**
 * Mutants for the clauses of the error-codes and encryption-scope batch (branch clauses-errors):
 * each breaks exactly the rule its clause states, the way an emulator plausibly would.
 */
import { around, KMS_FAILURE, md5, snsError, type Any, type Mutant } from './kit.js';

/** A key policy with its Deny statements removed: what an evaluator that only looks for Allows sees. */
function withoutDenies(policy: string): string {
  const doc = JSON.parse(policy);
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return JSON.stringify({ ...doc, Statement: list.filter((st: Any) => st.Effect !== 'Deny') });
}

export const MUTANTS_ERRORS: Mutant[] = [
  {
    clause: 'sqs.sse-kms.key-policy-deny-refuses-send',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.AccessDenied'], observed: 'success' },
    bug: 'SQS calls KMS as itself, so a producer the key policy denies can still send',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'KmsAccessDenied') return { MessageId: 'as-service', MD5OfMessageBody: md5(i.MessageBody) };
          throw e;
        }),
      ),
  },
  {
    clause: 'sqs.sse-kms.key-policy-deny-refuses-receive',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['KMS.AccessDenied'], observed: 'success' },
    bug: 'explicit Deny statements in key policies are ignored',
    decorate: ({ kms }) => around(kms, 'PutKeyPolicy', (i, next) => next({ ...i, Policy: withoutDenies(i.Policy) })),
  },
  {
    clause: 'sns.sse.key-policy-deny-refuses-publish',
    signature: { service: 'sns', operation: 'Publish', expected: ['KMS.AccessDenied'], observed: 'success' },
    bug: 'explicit Deny statements in key policies are ignored',
    decorate: ({ kms }) => around(kms, 'PutKeyPolicy', (i, next) => next({ ...i, Policy: withoutDenies(i.Policy) })),
  },
  {
    clause: 'sqs.sse-kms.key-usage-that-cannot-make-data-keys-refuses-send',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.InvalidKeyUsage'], observed: 'success' },
    bug: 'the emulator seals with any key, whatever its key usage or spec',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'KmsInvalidKeyUsage') return { MessageId: 'any-key', MD5OfMessageBody: md5(i.MessageBody) };
          throw e;
        }),
      ),
  },
  {
    clause: 'sqs.sse-kms.send-message-batch-kms-failure',
    signature: { service: 'sqs', operation: 'SendMessageBatch', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'KMS failures are reported per batch entry',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessageBatch', (i, next) =>
        next(i).catch((e) => {
          if (!KMS_FAILURE.test(e.name)) throw e;
          return { Successful: [], Failed: i.Entries.map((x: Any) => ({ Id: x.Id, Code: e.name, SenderFault: true, Message: e.message })) };
        }),
      ),
  },
  {
    clause: 'sns.sse.publish-fails-after-key-deleted',
    signature: { service: 'sns', operation: 'Publish', expected: ['KMS.NotFound'], observed: 'KMS.InvalidState' },
    bug: 'keys are never deleted: after the waiting period they stay pending deletion (as in moto)',
    decorate: ({ sns }) =>
      around(sns, 'Publish', (i, next) =>
        next(i).catch((e) => {
          throw e.name === 'KMSNotFoundException' ? snsError('KMSInvalidStateException', 'key is pending deletion') : e;
        }),
      ),
  },
  {
    clause: 'sqs.sse-kms.receive-fails-after-key-deleted',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['KMS.NotFound', 'KMS.AccessDenied'], observed: 'success' },
    bug: 'messages stay readable after their key is deleted (the emulator keeps plaintext)',
    decorate: ({ sqs, model }) =>
      around(sqs, 'ReceiveMessage', async (i, next) => {
        const deleted = (arn: string) => {
          const key = model.kms.keys.get(arn);
          return !key || (key.deletionDate !== undefined && key.deletionDate <= model.clock.now());
        };
        for (const m of model.sqs.queue(i.QueueUrl).store.all())
          if (m.envelope.kind === 'sse-kms' && deleted(m.envelope.keyArn)) m.envelope = { kind: 'plaintext' };
        return next(i);
      }),
  },
  {
    clause: 'sqs.transparency.system-attributes-on-encrypted-queue',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'SenderId' },
    bug: 'system attributes are stored inside the sealed envelope, so SSE-KMS queues return none',
    decorate: ({ sqs, model }) =>
      around(sqs, 'ReceiveMessage', async (i, next) => {
        const out = await next(i);
        if (model.sqs.queue(i.QueueUrl).sse.mode === 'sse-kms') for (const m of out.Messages ?? []) delete m.Attributes;
        return out;
      }),
  },
  {
    clause: 'sqs.transparency.sent-timestamp-is-the-send-time',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'SentTimestamp' },
    bug: 'SentTimestamp is stamped when the message is received, not when it was sent (goaws does this)',
    decorate: ({ sqs, model }) =>
      around(sqs, 'ReceiveMessage', async (i, next) => {
        const out = await next(i);
        for (const m of out.Messages ?? []) if (m.Attributes?.SentTimestamp) m.Attributes.SentTimestamp = String(model.clock.now());
        return out;
      }),
  },
  {
    clause: 'sqs.transparency.batch-send-and-receive-round-trip',
    signature: { service: 'sqs', operation: 'SendMessageBatch', field: 'MD5OfMessageAttributes' },
    bug: 'SendMessageBatch drops the message attributes of entries sent to SSE-KMS queues',
    decorate: ({ sqs, model }) =>
      around(sqs, 'SendMessageBatch', (i, next) => {
        if (model.sqs.queue(i.QueueUrl).sse.mode !== 'sse-kms') return next(i);
        return next({ ...i, Entries: i.Entries.map(({ MessageAttributes: _dropped, ...e }: Any) => e) });
      }),
  },
  {
    clause: 'sqs.transparency.md5-of-message-attributes-on-encrypted-queue',
    signature: { service: 'sqs', operation: 'SendMessage', field: 'MD5OfMessageAttributes' },
    bug: 'SendMessage on SSE-KMS queues answers without MD5OfMessageAttributes',
    decorate: ({ sqs, model }) =>
      around(sqs, 'SendMessage', async (i, next) => {
        const out = await next(i);
        if (model.sqs.queue(i.QueueUrl).sse.mode === 'sse-kms') delete out.MD5OfMessageAttributes;
        return out;
      }),
  },
  {
    clause: 'sqs.at-rest.sealed-body-is-not-plaintext-at-rest',
    signature: { service: 'sqs', operation: 'SendMessage', field: 'plaintext at rest' },
    bug: 'KMS-sealed messages are flagged sealed but the plaintext body is stored beside the ciphertext',
    decorate: ({ model }) => {
      const inspect = model.sqs.inspect.bind(model.sqs);
      model.sqs.inspect = (url) => {
        const bodies = new Map([...model.sqs.queue(url).store.all()].map((m) => [m.messageId, m.body]));
        return inspect(url).map((m) => ({ ...m, body: m.body ?? bodies.get(m.messageId) }));
      };
    },
  },
  {
    clause: 'sns-to-sqs.enveloped-delivery-into-sse-kms-queue',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'MessageId' },
    bug: 'the notification envelope carries a fresh id instead of the MessageId Publish returned',
    decorate: ({ model }) => {
      const deliver = model.sqs.deliverFromSns.bind(model.sqs);
      model.sqs.deliverFromSns = (arn, input) => {
        let body = input.MessageBody;
        try {
          const env = JSON.parse(body);
          if (env?.Type === 'Notification') body = JSON.stringify({ ...env, MessageId: `delivery-${env.MessageId}` });
        } catch {
          // raw delivery: left as is
        }
        return deliver(arn, { ...input, MessageBody: body });
      };
    },
  },
  {
    clause: 'sns-to-sqs.refused-delivery-goes-to-dead-letter-queue',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'Messages' },
    bug: 'subscription RedrivePolicy is ignored: refused deliveries are dropped (the arrangement alone is six steps)',
    maxSteps: 6,
    decorate: ({ sns }) =>
      around(sns, 'Subscribe', (i, next) => {
        const { RedrivePolicy: _ignored, ...rest } = i.Attributes ?? {};
        return next({ ...i, Attributes: rest });
      }),
  },
  {
    clause: 'sqs.sse-kms.kms-refusal-carries-query-code',
    signature: { rule: 'Disabled', service: 'sqs', operation: 'SendMessage', field: 'query-compatible error code' },
    bug: 'SQS errors carry only the JSON shape name: no x-amzn-query-error header, so query-protocol clients see no KMS.DisabledException',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          if (KMS_FAILURE.test(e.name)) {
            delete e.Code;
            delete e.Error;
          }
          throw e;
        }),
      ),
  },
  {
    clause: 'kms.key-policy.malformed-policy-refused',
    signature: { service: 'kms', operation: 'PutKeyPolicy', expected: ['KMS.MalformedPolicyDocument'], observed: 'success' },
    bug: 'PutKeyPolicy accepts any text and ignores what it cannot parse',
    decorate: ({ kms }) =>
      around(kms, 'PutKeyPolicy', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'MalformedPolicyDocumentException') return {};
          throw e;
        }),
      ),
  },
  {
    clause: 'kms.key-policy.default-policy-lets-the-account-use-iam',
    signature: { service: 'kms', operation: 'GetKeyPolicy', field: 'default key policy' },
    bug: 'the default key policy lets every principal use the key (Principal "*"), not only the owning account',
    decorate: ({ kms }) =>
      around(kms, 'GetKeyPolicy', async (i, next) => {
        const out = await next(i);
        const doc = JSON.parse(out.Policy);
        doc.Statement[0].Principal = { AWS: '*' };
        return { ...out, Policy: JSON.stringify(doc) };
      }),
  },
  {
    clause: 'kms.aws-managed-keys.cannot-be-used-directly',
    signature: { service: 'kms', operation: 'Encrypt', expected: ['*'], observed: 'success' },
    bug: 'AWS managed keys work like customer managed keys: the account encrypts with them directly',
    decorate: ({ kms }) =>
      around(kms, 'Encrypt', (i, next) =>
        next(i).catch((e) => {
          if (e.name !== 'AccessDeniedException') throw e;
          return { CiphertextBlob: new Uint8Array([1, 2, 3]), KeyId: String(i.KeyId), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
        }),
      ),
  },
];
