/**
 * Deliberately wrong variants of the reference, one per clause: each breaks exactly the rule its
 * clause states, the way an emulator plausibly would, and names the deviation the clause must then
 * report. The helpers that install them are in kit.ts.
 */
import * as KMS from '@aws-sdk/client-kms';
import { MUTANTS_REUSE } from './clauses-reuse.js';
import { around, kmsError, KMS_FAILURE, md5, meta, snsError, sqsError, type Any, type Mutant } from './kit.js';
import { MUTANTS_STATE } from './clauses-state.js';
import { MUTANTS_ERRORS } from './clauses-errors.js';
import { MUTANTS_KMS } from './clauses-kms.js';
import { MUTANTS_S3 } from './clauses-s3.js';

export const MUTANTS: Mutant[] = [
  {
    clause: 'sqs.sse-sqs.enabled-by-default',
    signature: { service: 'sqs', operation: 'GetQueueAttributes', field: 'SqsManagedSseEnabled' },
    bug: 'new queues are created unencrypted',
    decorate: ({ sqs }) => around(sqs, 'CreateQueue', (i, next) => next({ ...i, Attributes: { SqsManagedSseEnabled: 'false', ...i.Attributes } })),
  },
  {
    clause: 'sqs.sse-kms.mutual-exclusion-is-rejected',
    signature: { service: 'sqs', operation: 'SetQueueAttributes', expected: ['InvalidAttributeName'], observed: 'success' },
    bug: 'the mutual-exclusion error is missing: SSE-SQS is silently dropped',
    decorate: ({ sqs }) => {
      const strip = (i: Any, next: Any) =>
        next({
          ...i,
          Attributes: Object.fromEntries(Object.entries(i.Attributes ?? {}).filter(([k]) => k !== 'SqsManagedSseEnabled' || !i.Attributes.KmsMasterKeyId)),
        });
      around(sqs, 'CreateQueue', strip);
      around(sqs, 'SetQueueAttributes', strip);
    },
  },
  {
    clause: 'sqs.sse-kms.setting-a-key-clears-sqs-managed-sse',
    signature: { service: 'sqs', operation: 'GetQueueAttributes', field: 'SqsManagedSseEnabled' },
    bug: 'SqsManagedSseEnabled keeps reading "true" after a KMS key is set',
    decorate: ({ sqs }) =>
      around(sqs, 'GetQueueAttributes', async (i, next) => {
        const out = await next(i);
        if (out.Attributes?.KmsMasterKeyId) out.Attributes.SqsManagedSseEnabled = 'true';
        return out;
      }),
  },
  {
    clause: 'sqs.sse-kms.empty-key-leaves-queue-unencrypted',
    signature: { service: 'sqs', operation: 'GetQueueAttributes', field: 'SqsManagedSseEnabled' },
    bug: 'clearing the key falls back to SSE-SQS',
    decorate: ({ sqs }) =>
      around(sqs, 'SetQueueAttributes', (i, next) =>
        next(i.Attributes?.KmsMasterKeyId === '' ? { ...i, Attributes: { ...i.Attributes, SqsManagedSseEnabled: 'true' } } : i),
      ),
  },
  {
    clause: 'sqs.sse-kms.key-id-echoed-verbatim-and-unvalidated',
    signature: { service: 'sqs', operation: 'GetQueueAttributes', field: 'KmsMasterKeyId' },
    bug: 'KmsMasterKeyId is normalised to a key ARN',
    decorate: ({ sqs }) =>
      around(sqs, 'GetQueueAttributes', async (i, next) => {
        const out = await next(i);
        const id = out.Attributes?.KmsMasterKeyId;
        if (id && !id.startsWith('arn:')) out.Attributes.KmsMasterKeyId = `arn:aws:kms:us-east-1:123456789012:key/${id}`;
        return out;
      }),
  },
  {
    clause: 'sqs.sse-kms.reuse-period-range',
    signature: { service: 'sqs', operation: 'SetQueueAttributes', expected: ['InvalidAttributeValue'], observed: 'success' },
    bug: 'any reuse period is accepted (clamped silently)',
    decorate: ({ sqs }) =>
      around(sqs, 'SetQueueAttributes', (i, next) => {
        const v = i.Attributes?.KmsDataKeyReusePeriodSeconds;
        if (v === undefined) return next(i);
        return next({ ...i, Attributes: { ...i.Attributes, KmsDataKeyReusePeriodSeconds: String(Math.min(86_400, Math.max(60, Number(v) | 0))) } });
      }),
  },
  {
    clause: 'sqs.sse-kms.reuse-period-shown-only-with-kms',
    signature: { service: 'sqs', operation: 'GetQueueAttributes', field: 'KmsDataKeyReusePeriodSeconds' },
    bug: 'KmsDataKeyReusePeriodSeconds is always returned',
    decorate: ({ sqs }) =>
      around(sqs, 'GetQueueAttributes', async (i, next) => {
        const out = await next(i);
        out.Attributes = { KmsDataKeyReusePeriodSeconds: '300', ...out.Attributes };
        return out;
      }),
  },
  {
    clause: 'sqs.transparency.body-attributes-and-md5-round-trip',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['success'], observed: 'SDK.ChecksumMismatch' },
    bug: 'consumers of SSE-KMS queues receive ciphertext ("garbled" bodies, seed claim S1)',
    decorate: ({ sqs, model }) =>
      around(sqs, 'ReceiveMessage', async (i, next) => {
        const out = await next(i);
        if (model.sqs.queue(i.QueueUrl).sse.mode === 'sse-kms') for (const m of out.Messages ?? []) m.Body = Buffer.from(m.Body).toString('base64');
        return out;
      }),
  },
  {
    clause: 'sqs.sse-kms.send-fails-when-key-unusable',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'SendMessage ignores the key state',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          if (KMS_FAILURE.test(e.name)) return { MessageId: 'fake', MD5OfMessageBody: md5(i.MessageBody) };
          throw e;
        }),
      ),
  },
  {
    clause: 'sqs.sse-kms.send-fails-when-key-deleted',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.NotFound'], observed: 'success' },
    bug: 'a deleted key is still usable for SendMessage',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'KmsNotFound') return { MessageId: 'fake', MD5OfMessageBody: md5(i.MessageBody) };
          throw e;
        }),
      ),
  },
  {
    clause: 'sqs.sse-kms.receive-fails-while-message-key-unusable',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'ReceiveMessage ignores the state of the key that sealed the message',
    decorate: ({ sqs }) =>
      around(sqs, 'ReceiveMessage', (i, next) =>
        next(i).catch((e) => {
          if (KMS_FAILURE.test(e.name)) return {};
          throw e;
        }),
      ),
  },
  {
    clause: 'sqs.backlog.backlog-stays-receivable-after-sse-enabled',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['success'], observed: 'KMS.AccessDenied' },
    bug: 'enabling SSE-KMS re-seals the backlog under the new key',
    decorate: ({ sqs, model }) =>
      around(sqs, 'SetQueueAttributes', async (i, next) => {
        const out = await next(i);
        const key = i.Attributes?.KmsMasterKeyId;
        if (key)
          for (const m of model.sqs.queue(i.QueueUrl).store.all())
            m.envelope = { kind: 'sse-kms', keyInput: key, keyArn: key, dataKeyBlob: new Uint8Array([0]) };
        return out;
      }),
  },
  {
    clause: 'sqs.at-rest.only-kms-sealed-bodies-are-hidden',
    signature: { service: 'sqs', operation: 'SendMessage', field: 'bodies at rest' },
    bug: 'a queue keeps sealing with its old key after SSE-KMS is turned off',
    decorate: ({ sqs, model }) =>
      around(sqs, 'SendMessage', async (i, next) => {
        const q = model.sqs.queue(i.QueueUrl);
        const before = q.sse.mode;
        const wasKms = (q as Any).__wasKms as string | undefined;
        if (before !== 'sse-kms' && wasKms) q.sse = { mode: 'sse-kms', kmsMasterKeyId: wasKms, reusePeriodSeconds: q.sse.reusePeriodSeconds };
        try {
          return await next(i);
        } finally {
          if (q.sse.mode === 'sse-kms') (q as Any).__wasKms = q.sse.kmsMasterKeyId;
          if (before !== 'sse-kms' && wasKms) q.sse = { ...q.sse, mode: before };
        }
      }),
  },
  {
    clause: 'sqs.at-rest.message-attributes-are-never-sealed',
    signature: { service: 'sqs', operation: 'SendMessage', field: 'attributes at rest' },
    bug: 'the attributes of a message on an SSE-KMS queue are sealed with its body',
    decorate: ({ model }) => {
      const inspect = model.sqs.inspect.bind(model.sqs);
      model.sqs.inspect = (url: string) => inspect(url).map((m) => (m.encryption === 'sse-kms' ? { ...m, messageAttributes: undefined } : m));
    },
  },
  {
    clause: 'sqs.sse-kms.cached-data-key-window',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'a cached data key never expires after its key is disabled',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'KmsDisabled') return { MessageId: 'cached', MD5OfMessageBody: md5(i.MessageBody) };
          throw e;
        }),
      ),
  },
  {
    clause: 'sqs.limits.message-size-limit-ignores-encryption',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['success'], observed: 'InvalidParameterValue' },
    bug: 'encryption overhead counts against the size limit on encrypted queues',
    decorate: ({ sqs, model }) =>
      around(sqs, 'SendMessage', (i, next) => {
        const q = model.sqs.queue(i.QueueUrl);
        if (q.sse.mode !== 'none' && Buffer.byteLength(i.MessageBody) > Number(q.attrs.MaximumMessageSize) - 64)
          throw sqsError('InvalidParameterValue', 'Message must be shorter than the limit minus overhead');
        return next(i);
      }),
  },
  {
    clause: 'sqs.queues.create-queue-is-idempotent-for-sse-attributes',
    signature: { service: 'sqs', operation: 'CreateQueue', expected: ['QueueNameExists'], observed: 'success' },
    bug: 'CreateQueue ignores differing SSE attributes of an existing queue',
    decorate: ({ sqs, model }) =>
      around(sqs, 'CreateQueue', (i, next) => next([...model.sqs.queues.values()].some((q) => q.name === i.QueueName) ? { QueueName: i.QueueName } : i)),
  },
  {
    clause: 'kms.key-state.cancel-deletion-leaves-key-disabled',
    signature: { service: 'kms', operation: 'DescribeKey', field: 'KeyState' },
    bug: 'CancelKeyDeletion re-enables the key',
    decorate: ({ kms, model }) =>
      around(kms, 'CancelKeyDeletion', async (i, next) => {
        const out = await next(i);
        for (const k of model.kms.keys.values()) if (k.keyId === i.KeyId || k.arn === i.KeyId) k.state = 'Enabled';
        return out;
      }),
  },
  {
    clause: 'kms.key-state.pending-window-is-7-to-30-days',
    signature: { service: 'kms', operation: 'ScheduleKeyDeletion', expected: ['KMS.Validation'], observed: 'success' },
    bug: 'the waiting period accepts the API model range 1-365',
    decorate: ({ kms }) =>
      around(kms, 'ScheduleKeyDeletion', (i, next) => next({ ...i, PendingWindowInDays: Math.min(30, Math.max(7, i.PendingWindowInDays)) })),
  },
  {
    clause: 'kms.key-state.crypto-refused-by-key-state',
    signature: { service: 'kms', operation: 'GenerateDataKey', expected: ['KMS.InvalidState'], observed: 'KMS.Disabled' },
    bug: 'a key pending deletion is reported as disabled',
    decorate: ({ kms }) => {
      for (const op of ['GenerateDataKey', 'Encrypt'])
        around(kms, op, (i, next) =>
          next(i).catch((e) => {
            throw e.name === 'KMSInvalidStateException' ? new KMS.DisabledException({ $metadata: meta, message: e.message }) : e;
          }),
        );
    },
  },
  {
    clause: 'kms.key-identifiers.all-forms-name-the-same-key',
    signature: { service: 'kms', operation: 'GenerateDataKey', expected: ['success'], observed: 'KMS.NotFound' },
    bug: 'alias ARNs are not accepted',
    decorate: ({ kms }) =>
      around(kms, 'GenerateDataKey', (i, next) => {
        if (/^arn:.*:alias\//.test(i.KeyId)) throw new KMS.NotFoundException({ $metadata: meta, message: `Invalid keyId ${i.KeyId}` });
        return next(i);
      }),
  },
  {
    clause: 'kms.key-identifiers.unknown-keys-are-not-found',
    signature: { service: 'kms', operation: 'Encrypt', expected: ['KMS.NotFound'], observed: 'KMS.Validation' },
    bug: 'malformed key identifiers are answered with ValidationException',
    decorate: ({ kms }) =>
      around(kms, 'Encrypt', (i, next) =>
        next(i).catch((e) => {
          throw /Invalid keyId/.test(e.message) ? kmsError('ValidationException', e.message) : e;
        }),
      ),
  },
  {
    clause: 'kms.aliases.alias-name-rules',
    signature: { rule: 'reserved', service: 'kms', operation: 'CreateAlias', expected: ['*'], observed: 'success' },
    bug: 'the reserved alias/aws/ prefix can be used',
    decorate: ({ kms }) => around(kms, 'CreateAlias', (i, next) => (i.AliasName.startsWith('alias/aws/') ? Promise.resolve({}) : next(i))),
  },
  {
    clause: 'kms.encrypt.plaintext-limit-4096-bytes',
    signature: { service: 'kms', operation: 'Encrypt', expected: ['KMS.Validation'], observed: 'success' },
    bug: 'Encrypt accepts up to 8,192 bytes',
    decorate: ({ kms }) => around(kms, 'Encrypt', (i, next) => next({ ...i, Plaintext: i.Plaintext.subarray(0, 4096) })),
  },
  {
    clause: 'kms.aws-managed-keys.cannot-be-disabled',
    signature: { service: 'kms', operation: 'DisableKey', expected: ['*'], observed: 'success' },
    bug: 'AWS managed keys can be disabled like customer keys',
    decorate: ({ kms, model }) => {
      for (const op of ['DisableKey', 'ScheduleKeyDeletion'])
        around(kms, op, async (i, next) => {
          const key = [...model.kms.keys.values()].find((k) => k.keyId === i.KeyId);
          if (key?.keyManager === 'AWS') {
            key.state = op === 'DisableKey' ? 'Disabled' : 'PendingDeletion';
            return {};
          }
          return next(i);
        });
    },
  },
  {
    clause: 'sns.sse.kms-master-key-id-echoed-and-removed',
    signature: { service: 'sns', operation: 'GetTopicAttributes', field: 'KmsMasterKeyId' },
    bug: 'a cleared KmsMasterKeyId reads back as ""',
    decorate: ({ sns }) =>
      around(sns, 'GetTopicAttributes', async (i, next) => {
        const out = await next(i);
        out.Attributes = { KmsMasterKeyId: '', ...out.Attributes };
        return out;
      }),
  },
  {
    clause: 'sns.sse.publish-fails-when-key-unusable',
    signature: { service: 'sns', operation: 'Publish', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'Publish ignores the key state',
    decorate: ({ sns }) =>
      around(sns, 'Publish', (i, next) =>
        next(i).catch((e) => {
          if (KMS_FAILURE.test(e.name)) return { MessageId: 'fake' };
          throw e;
        }),
      ),
  },
  {
    clause: 'sns.sse.key-checked-at-publish-not-configure',
    signature: { service: 'sns', operation: 'SetTopicAttributes', expected: ['success'], observed: 'InvalidParameter' },
    bug: 'the key is validated when the topic is configured',
    decorate: ({ sns, model }) => {
      const check = (i: Any, next: Any, id: string | undefined) => {
        if (id && model.kms.wouldFail(id, 'kms:DescribeKey', { caller: 'arn:aws:iam::123456789012:root' })?.name === 'NotFoundException')
          throw snsError('InvalidParameterException', 'Invalid parameter: KmsMasterKeyId');
        return next(i);
      };
      around(sns, 'CreateTopic', (i, next) => check(i, next, i.Attributes?.KmsMasterKeyId));
      around(sns, 'SetTopicAttributes', (i, next) => check(i, next, i.AttributeName === 'KmsMasterKeyId' ? i.AttributeValue : undefined));
    },
  },
  {
    clause: 'sns.sse.publish-batch-fails-as-a-whole',
    signature: { service: 'sns', operation: 'PublishBatch', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'KMS failures are reported per batch entry',
    decorate: ({ sns }) =>
      around(sns, 'PublishBatch', (i, next) =>
        next(i).catch((e) => {
          if (!KMS_FAILURE.test(e.name)) throw e;
          return { Successful: [], Failed: i.PublishBatchRequestEntries.map((x: Any) => ({ Id: x.Id, Code: e.name, SenderFault: true, Message: e.message })) };
        }),
      ),
  },
  {
    clause: 'sns.limits.message-size-limit-ignores-encryption',
    signature: { service: 'sns', operation: 'Publish', expected: ['success'], observed: 'InvalidParameter' },
    bug: 'encryption overhead counts against the size limit on encrypted topics',
    decorate: ({ sns, model }) =>
      around(sns, 'Publish', (i, next) => {
        if (model.sns.topic(i.TopicArn).attrs.KmsMasterKeyId && Buffer.byteLength(i.Message) > 262_144 - 64)
          throw snsError('InvalidParameterException', 'Invalid parameter: Message too long');
        return next(i);
      }),
  },
  {
    clause: 'sns.fifo.encrypted-fifo-topic-delivers-once-unchanged',
    signature: { service: 'sns', operation: 'CreateTopic', expected: ['success'], observed: 'InvalidParameter' },
    bug: 'FIFO topics refuse server-side encryption',
    decorate: ({ sns }) =>
      around(sns, 'CreateTopic', (i, next) => {
        if (i.Attributes?.FifoTopic === 'true' && i.Attributes?.KmsMasterKeyId)
          throw snsError('InvalidParameterException', 'Invalid parameter: KmsMasterKeyId is not supported for FIFO topics');
        return next(i);
      }),
  },
  {
    clause: 'sns.fifo.fifo-flag-fixed-at-creation',
    signature: { rule: 'standard-topic', service: 'sns', operation: 'SetTopicAttributes', expected: ['InvalidParameter'], observed: 'success' },
    bug: 'SetTopicAttributes takes FifoTopic and silently ignores it',
    decorate: ({ sns }) => around(sns, 'SetTopicAttributes', (i, next) => (i.AttributeName === 'FifoTopic' ? Promise.resolve({}) : next(i))),
  },
  {
    clause: 'sns-to-sqs.fifo-topic-delivers-to-standard-queue',
    signature: { service: 'sns', operation: 'Subscribe', expected: ['success'], observed: 'InvalidParameter' },
    bug: 'a FIFO topic takes FIFO queues only (the SNS guide before standard queues were allowed)',
    decorate: ({ sns }) =>
      around(sns, 'Subscribe', (i, next) => {
        if (i.TopicArn.endsWith('.fifo') && !String(i.Endpoint).endsWith('.fifo'))
          throw snsError('InvalidParameterException', 'Invalid parameter: Endpoint Reason: Please use FIFO SQS queue');
        return next(i);
      }),
  },
  {
    clause: 'sns-to-sqs.fifo-topic-envelope-is-unsigned',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'signature fields' },
    bug: "a FIFO topic's notifications are signed like a standard topic's",
    decorate: ({ model }) => {
      const deliver = model.sqs.deliverFromSns.bind(model.sqs);
      model.sqs.deliverFromSns = (arn, input) => {
        let env: Any;
        try {
          env = JSON.parse(input.MessageBody);
        } catch {
          return deliver(arn, input); // a raw delivery
        }
        if (env?.Type !== 'Notification' || env.SequenceNumber === undefined) return deliver(arn, input);
        const signed = { ...env, SignatureVersion: '1', Signature: 'signed', SigningCertURL: 'https://sns.us-east-1.amazonaws.com/cert.pem' };
        return deliver(arn, { ...input, MessageBody: JSON.stringify(signed) });
      };
    },
  },
  {
    clause: 'sns-to-sqs.encrypted-topic-delivers-plaintext',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'Body' },
    bug: 'subscribers of an encrypted topic receive the stored ciphertext',
    decorate: ({ model }) => {
      const deliver = model.sqs.deliverFromSns.bind(model.sqs);
      model.sqs.deliverFromSns = (arn, input) => deliver(arn, { ...input, MessageBody: Buffer.from(input.MessageBody).toString('base64') });
    },
  },
  {
    clause: 'sns-to-sqs.queue-key-must-allow-sns',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'Bodies' },
    bug: 'SNS delivers into encrypted queues whatever their key policy allows (as moto does)',
    decorate: ({ model }) => {
      model.sqs.deliverFromSns = (arn, input) =>
        model.sqs.sendMessage({ caller: 'arn:aws:iam::123456789012:root' }, { ...input, QueueUrl: model.sqs.queueByArn(arn)!.url });
    },
  },
  {
    clause: 'sns-to-sqs.filter-policy-works-on-encrypted-topic',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'Bodies' },
    bug: 'filter policies are ignored on encrypted topics',
    decorate: ({ sns }) =>
      around(sns, 'Subscribe', (i, next) => {
        const { FilterPolicy: _dropped, ...rest } = i.Attributes ?? {};
        return next({ ...i, Attributes: rest });
      }),
  },
  {
    clause: 'model-based.sse-lifecycle',
    signature: { service: 'sns', operation: 'Publish', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'Publish ignores the key state',
    decorate: ({ sns }) =>
      around(sns, 'Publish', (i, next) =>
        next(i).catch((e) => {
          if (KMS_FAILURE.test(e.name)) return { MessageId: 'fake' };
          throw e;
        }),
      ),
  },
  {
    clause: 'sns.topics.create-topic-again-with-a-different-key-fails',
    signature: { rule: 'other-key', service: 'sns', operation: 'CreateTopic', expected: ['InvalidParameter'], observed: 'success' },
    bug: 'CreateTopic on an existing name ignores the attributes it is given and returns the ARN',
    decorate: ({ sns }) =>
      around(sns, 'CreateTopic', (i, next) =>
        next(i).catch((e) => {
          if (/already exists with different attributes/.test(e.message)) return next({ ...i, Attributes: {} });
          throw e;
        }),
      ),
  },
  {
    clause: 'sns-to-sqs.subscribe-again-with-different-attributes-fails',
    signature: { rule: 'different-attributes', service: 'sns', operation: 'Subscribe', expected: ['InvalidParameter'], observed: 'success' },
    bug: 'Subscribe of an endpoint already subscribed ignores the attributes it is given',
    decorate: ({ sns }) =>
      around(sns, 'Subscribe', (i, next) =>
        next(i).catch((e) => {
          if (/already exists with different attributes/.test(e.message)) return next({ ...i, Attributes: {} });
          throw e;
        }),
      ),
  },
  {
    clause: 'sns.limits.maximum-message-size-range',
    signature: { rule: 'out-of-range', service: 'sns', operation: 'CreateTopic', expected: ['InvalidParameter'], observed: 'success' },
    bug: 'MaximumMessageSize outside 1,024..1,048,576 is silently dropped instead of refused',
    decorate: ({ sns }) => {
      const outOfRange = (v: string) => /^\d+$/.test(v) && (+v < 1024 || +v > 1_048_576);
      around(sns, 'CreateTopic', (i, next) => {
        const { MaximumMessageSize: m, ...rest } = i.Attributes ?? {};
        return next(m !== undefined && outOfRange(m) ? { ...i, Attributes: rest } : i);
      });
      around(sns, 'SetTopicAttributes', (i, next) =>
        i.AttributeName === 'MaximumMessageSize' && outOfRange(i.AttributeValue) ? Promise.resolve({}) : next(i),
      );
    },
  },
  {
    clause: 'sns.limits.publish-checks-the-topic-maximum-message-size',
    signature: { rule: 'body-over-limit', service: 'sns', operation: 'Publish', expected: ['InvalidParameter'], observed: 'success' },
    bug: "Publish checks the default 256 KiB, not the topic's own MaximumMessageSize",
    decorate: ({ sns }) =>
      around(sns, 'Publish', (i, next) =>
        next(i).catch((e) => {
          if (/Message too long/.test(e.message) && Buffer.byteLength(i.Message) <= 262_144 && !i.MessageAttributes) return { MessageId: 'fake' };
          throw e;
        }),
      ),
  },
  {
    clause: 'sns.sse.aws-managed-key-exists-after-publish',
    signature: { service: 'kms', operation: 'DescribeKey', field: 'KeyManager' },
    bug: 'alias/aws/sns resolves to a customer managed key',
    decorate: ({ kms }) =>
      around(kms, 'DescribeKey', async (i, next) => {
        const out = await next(i);
        return i.KeyId === 'alias/aws/sns' ? { ...out, KeyMetadata: { ...out.KeyMetadata, KeyManager: 'CUSTOMER' } } : out;
      }),
  },
  {
    clause: 'kms.encryption-context.decrypt-needs-the-same-context',
    signature: { rule: 'value-changed', service: 'kms', operation: 'Decrypt', expected: ['KMS.InvalidCiphertext'], observed: 'success' },
    bug: 'Decrypt ignores the encryption context',
    decorate: ({ kms }) => {
      around(kms, 'Encrypt', (i, next) => next({ ...i, EncryptionContext: undefined }));
      around(kms, 'Decrypt', (i, next) => next({ ...i, EncryptionContext: undefined }));
    },
  },
  {
    clause: 'kms.key-state.refusals-answer-http-400',
    signature: { rule: 'Disabled', service: 'kms', operation: 'GenerateDataKey', field: 'HTTP status' },
    bug: "KMS refusals use the API model's status codes (409, 404)",
    decorate: ({ kms }) =>
      around(kms, 'GenerateDataKey', (i, next) =>
        next(i).catch((e) => {
          const status = e.name === 'NotFoundException' ? 404 : e.name === 'DisabledException' || e.name === 'KMSInvalidStateException' ? 409 : undefined;
          if (status) e.$metadata = { ...e.$metadata, httpStatusCode: status };
          throw e;
        }),
      ),
  },
  ...MUTANTS_REUSE,
  ...MUTANTS_STATE,
  ...MUTANTS_ERRORS,
  ...MUTANTS_KMS,
  ...MUTANTS_S3,
];
