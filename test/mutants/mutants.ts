/**
 * Deliberately wrong variants of the reference, one per clause: each breaks exactly the rule its
 * clause states, the way an emulator plausibly would. They are installed around the model (SDK
 * middleware or a wrapped model method), so the model itself stays free of test hooks.
 */
import * as KMS from '@aws-sdk/client-kms';
import * as SNS from '@aws-sdk/client-sns';
import * as SQS from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import type { ReferenceClients } from '../../reference/index.js';
import type { ReferenceModel } from '../../reference/model.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
type Client = { middlewareStack: { add: (mw: Any, o: Any) => void } };

let n = 0;
/** Wraps one operation of a client, inside the SDK's own checks (MD5 validation still applies). */
function around(client: Client, op: string, fn: (input: Any, next: (input?: Any) => Promise<Any>, model?: ReferenceModel) => Promise<Any>): void {
  client.middlewareStack.add(
    (next: Any, context: Any) => async (args: Any) => {
      if (context.commandName !== `${op}Command`) return next(args);
      const output = await fn(args.input, async (input = args.input) => (await next({ ...args, input })).output);
      return { output, response: {} };
    },
    { step: 'initialize', priority: 'low', name: `mutant-${op}-${++n}` },
  );
}

const meta = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 };
const sqsError = (name: string, message: string) => new SQS.SQSServiceException({ name, $fault: 'client', $metadata: meta, message });
const snsError = (name: string, message: string) => new SNS.SNSServiceException({ name, $fault: 'client', $metadata: meta, message });
const kmsError = (name: string, message: string) => new KMS.KMSServiceException({ name, $fault: 'client', $metadata: meta, message });
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const KMS_FAILURE = /^(Kms|KMS)/;

export interface Mutant {
  clause: string;
  /** The wrong behaviour, in the words of a bug report. */
  bug: string;
  decorate: (c: ReferenceClients) => void;
}

export const MUTANTS: Mutant[] = [
  {
    clause: 'sqs.sse-sqs.enabled-by-default',
    bug: 'new queues are created unencrypted',
    decorate: ({ sqs }) => around(sqs, 'CreateQueue', (i, next) => next({ ...i, Attributes: { SqsManagedSseEnabled: 'false', ...i.Attributes } })),
  },
  {
    clause: 'sqs.sse-kms.mutual-exclusion-is-rejected',
    bug: 'the mutual-exclusion error is missing: SSE-SQS is silently dropped',
    decorate: ({ sqs }) => {
      const strip = (i: Any, next: Any) => next({ ...i, Attributes: Object.fromEntries(Object.entries(i.Attributes ?? {}).filter(([k]) => k !== 'SqsManagedSseEnabled' || !i.Attributes.KmsMasterKeyId)) });
      around(sqs, 'CreateQueue', strip);
      around(sqs, 'SetQueueAttributes', strip);
    },
  },
  {
    clause: 'sqs.sse-kms.setting-a-key-clears-sqs-managed-sse',
    bug: 'SqsManagedSseEnabled keeps reading "true" after a KMS key is set',
    decorate: ({ sqs }) => around(sqs, 'GetQueueAttributes', async (i, next) => {
      const out = await next(i);
      if (out.Attributes?.KmsMasterKeyId) out.Attributes.SqsManagedSseEnabled = 'true';
      return out;
    }),
  },
  {
    clause: 'sqs.sse-kms.empty-key-leaves-queue-unencrypted',
    bug: 'clearing the key falls back to SSE-SQS',
    decorate: ({ sqs }) => around(sqs, 'SetQueueAttributes', (i, next) => next(i.Attributes?.KmsMasterKeyId === '' ? { ...i, Attributes: { ...i.Attributes, SqsManagedSseEnabled: 'true' } } : i)),
  },
  {
    clause: 'sqs.sse-kms.key-id-echoed-verbatim-and-unvalidated',
    bug: 'KmsMasterKeyId is normalised to a key ARN',
    decorate: ({ sqs }) => around(sqs, 'GetQueueAttributes', async (i, next) => {
      const out = await next(i);
      const id = out.Attributes?.KmsMasterKeyId;
      if (id && !id.startsWith('arn:')) out.Attributes.KmsMasterKeyId = `arn:aws:kms:us-east-1:123456789012:key/${id}`;
      return out;
    }),
  },
  {
    clause: 'sqs.sse-kms.reuse-period-range',
    bug: 'any reuse period is accepted (clamped silently)',
    decorate: ({ sqs }) => around(sqs, 'SetQueueAttributes', (i, next) => {
      const v = i.Attributes?.KmsDataKeyReusePeriodSeconds;
      if (v === undefined) return next(i);
      return next({ ...i, Attributes: { ...i.Attributes, KmsDataKeyReusePeriodSeconds: String(Math.min(86_400, Math.max(60, Number(v) | 0))) } });
    }),
  },
  {
    clause: 'sqs.sse-kms.reuse-period-shown-only-with-kms',
    bug: 'KmsDataKeyReusePeriodSeconds is always returned',
    decorate: ({ sqs }) => around(sqs, 'GetQueueAttributes', async (i, next) => {
      const out = await next(i);
      out.Attributes = { KmsDataKeyReusePeriodSeconds: '300', ...out.Attributes };
      return out;
    }),
  },
  {
    clause: 'sqs.transparency.body-attributes-and-md5-round-trip',
    bug: 'consumers of SSE-KMS queues receive ciphertext ("garbled" bodies, seed claim S1)',
    decorate: ({ sqs, model }) => around(sqs, 'ReceiveMessage', async (i, next) => {
      const out = await next(i);
      if (model.sqs.queue(i.QueueUrl).sse.mode === 'sse-kms') for (const m of out.Messages ?? []) m.Body = Buffer.from(m.Body).toString('base64');
      return out;
    }),
  },
  {
    clause: 'sqs.sse-kms.send-fails-when-key-unusable',
    bug: 'SendMessage ignores the key state',
    decorate: ({ sqs }) => around(sqs, 'SendMessage', (i, next) => next(i).catch((e) => {
      if (KMS_FAILURE.test(e.name)) return { MessageId: 'fake', MD5OfMessageBody: md5(i.MessageBody) };
      throw e;
    })),
  },
  {
    clause: 'sqs.sse-kms.send-fails-when-key-deleted',
    bug: 'a deleted key is still usable for SendMessage',
    decorate: ({ sqs }) => around(sqs, 'SendMessage', (i, next) => next(i).catch((e) => {
      if (e.name === 'KmsNotFound') return { MessageId: 'fake', MD5OfMessageBody: md5(i.MessageBody) };
      throw e;
    })),
  },
  {
    clause: 'sqs.sse-kms.receive-fails-while-message-key-unusable',
    bug: 'ReceiveMessage ignores the state of the key that sealed the message',
    decorate: ({ sqs }) => around(sqs, 'ReceiveMessage', (i, next) => next(i).catch((e) => {
      if (KMS_FAILURE.test(e.name)) return {};
      throw e;
    })),
  },
  {
    clause: 'sqs.backlog.backlog-stays-receivable-after-sse-enabled',
    bug: 'enabling SSE-KMS re-seals the backlog under the new key',
    decorate: ({ sqs, model }) => around(sqs, 'SetQueueAttributes', async (i, next) => {
      const out = await next(i);
      const key = i.Attributes?.KmsMasterKeyId;
      if (key) for (const m of model.sqs.queue(i.QueueUrl).store.all()) m.envelope = { kind: 'sse-kms', keyInput: key, keyArn: key, dataKeyBlob: new Uint8Array([0]) };
      return out;
    }),
  },
  {
    clause: 'sqs.at-rest.only-kms-sealed-bodies-are-hidden',
    bug: 'a queue keeps sealing with its old key after SSE-KMS is turned off',
    decorate: ({ sqs, model }) => around(sqs, 'SendMessage', async (i, next) => {
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
    clause: 'sqs.sse-kms.cached-data-key-window',
    bug: 'a cached data key never expires after its key is disabled',
    decorate: ({ sqs }) => around(sqs, 'SendMessage', (i, next) => next(i).catch((e) => {
      if (e.name === 'KmsDisabled') return { MessageId: 'cached', MD5OfMessageBody: md5(i.MessageBody) };
      throw e;
    })),
  },
  {
    clause: 'sqs.limits.message-size-limit-ignores-encryption',
    bug: 'encryption overhead counts against the size limit on encrypted queues',
    decorate: ({ sqs, model }) => around(sqs, 'SendMessage', (i, next) => {
      const q = model.sqs.queue(i.QueueUrl);
      if (q.sse.mode !== 'none' && Buffer.byteLength(i.MessageBody) > Number(q.attrs.MaximumMessageSize) - 64) throw sqsError('InvalidParameterValue', 'Message must be shorter than the limit minus overhead');
      return next(i);
    }),
  },
  {
    clause: 'sqs.queues.create-queue-is-idempotent-for-sse-attributes',
    bug: 'CreateQueue ignores differing SSE attributes of an existing queue',
    decorate: ({ sqs, model }) => around(sqs, 'CreateQueue', (i, next) => next([...model.sqs.queues.values()].some((q) => q.name === i.QueueName) ? { QueueName: i.QueueName } : i)),
  },
  {
    clause: 'kms.key-state.cancel-deletion-leaves-key-disabled',
    bug: 'CancelKeyDeletion re-enables the key',
    decorate: ({ kms, model }) => around(kms, 'CancelKeyDeletion', async (i, next) => {
      const out = await next(i);
      for (const k of model.kms.keys.values()) if (k.keyId === i.KeyId || k.arn === i.KeyId) k.state = 'Enabled';
      return out;
    }),
  },
  {
    clause: 'kms.key-state.pending-window-is-7-to-30-days',
    bug: 'the waiting period accepts the API model range 1-365',
    decorate: ({ kms }) => around(kms, 'ScheduleKeyDeletion', (i, next) => next({ ...i, PendingWindowInDays: Math.min(30, Math.max(7, i.PendingWindowInDays)) })),
  },
  {
    clause: 'kms.key-state.crypto-refused-by-key-state',
    bug: 'a key pending deletion is reported as disabled',
    decorate: ({ kms }) => {
      for (const op of ['GenerateDataKey', 'Encrypt']) around(kms, op, (i, next) => next(i).catch((e) => {
        throw e.name === 'KMSInvalidStateException' ? new KMS.DisabledException({ $metadata: meta, message: e.message }) : e;
      }));
    },
  },
  {
    clause: 'kms.key-identifiers.all-forms-name-the-same-key',
    bug: 'alias ARNs are not accepted',
    decorate: ({ kms }) => around(kms, 'GenerateDataKey', (i, next) => {
      if (/^arn:.*:alias\//.test(i.KeyId)) throw new KMS.NotFoundException({ $metadata: meta, message: `Invalid keyId ${i.KeyId}` });
      return next(i);
    }),
  },
  {
    clause: 'kms.key-identifiers.unknown-keys-are-not-found',
    bug: 'malformed key identifiers are answered with ValidationException',
    decorate: ({ kms }) => around(kms, 'Encrypt', (i, next) => next(i).catch((e) => {
      throw /Invalid keyId/.test(e.message) ? kmsError('ValidationException', e.message) : e;
    })),
  },
  {
    clause: 'kms.aliases.alias-name-rules',
    bug: 'the reserved alias/aws/ prefix can be used',
    decorate: ({ kms }) => around(kms, 'CreateAlias', (i, next) => (i.AliasName.startsWith('alias/aws/') ? Promise.resolve({}) : next(i))),
  },
  {
    clause: 'kms.encrypt.plaintext-limit-4096-bytes',
    bug: 'Encrypt accepts up to 8,192 bytes',
    decorate: ({ kms }) => around(kms, 'Encrypt', (i, next) => next({ ...i, Plaintext: i.Plaintext.subarray(0, 4096) })),
  },
  {
    clause: 'kms.aws-managed-keys.cannot-be-disabled',
    bug: 'AWS managed keys can be disabled like customer keys',
    decorate: ({ kms, model }) => {
      for (const op of ['DisableKey', 'ScheduleKeyDeletion']) around(kms, op, async (i, next) => {
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
    bug: 'a cleared KmsMasterKeyId reads back as ""',
    decorate: ({ sns }) => around(sns, 'GetTopicAttributes', async (i, next) => {
      const out = await next(i);
      out.Attributes = { KmsMasterKeyId: '', ...out.Attributes };
      return out;
    }),
  },
  {
    clause: 'sns.sse.publish-fails-when-key-unusable',
    bug: 'Publish ignores the key state',
    decorate: ({ sns }) => around(sns, 'Publish', (i, next) => next(i).catch((e) => {
      if (KMS_FAILURE.test(e.name)) return { MessageId: 'fake' };
      throw e;
    })),
  },
  {
    clause: 'sns.sse.key-checked-at-publish-not-configure',
    bug: 'the key is validated when the topic is configured',
    decorate: ({ sns, model }) => {
      const check = (i: Any, next: Any, id: string | undefined) => {
        if (id && model.kms.wouldFail(id, 'kms:DescribeKey', { caller: 'arn:aws:iam::123456789012:root' })?.name === 'NotFoundException') throw snsError('InvalidParameterException', 'Invalid parameter: KmsMasterKeyId');
        return next(i);
      };
      around(sns, 'CreateTopic', (i, next) => check(i, next, i.Attributes?.KmsMasterKeyId));
      around(sns, 'SetTopicAttributes', (i, next) => check(i, next, i.AttributeName === 'KmsMasterKeyId' ? i.AttributeValue : undefined));
    },
  },
  {
    clause: 'sns.sse.publish-batch-fails-as-a-whole',
    bug: 'KMS failures are reported per batch entry',
    decorate: ({ sns }) => around(sns, 'PublishBatch', (i, next) => next(i).catch((e) => {
      if (!KMS_FAILURE.test(e.name)) throw e;
      return { Successful: [], Failed: i.PublishBatchRequestEntries.map((x: Any) => ({ Id: x.Id, Code: e.name, SenderFault: true, Message: e.message })) };
    })),
  },
  {
    clause: 'sns.limits.message-size-limit-ignores-encryption',
    bug: 'encryption overhead counts against the size limit on encrypted topics',
    decorate: ({ sns, model }) => around(sns, 'Publish', (i, next) => {
      if (model.sns.topic(i.TopicArn).attrs.KmsMasterKeyId && Buffer.byteLength(i.Message) > 262_144 - 64) throw snsError('InvalidParameterException', 'Invalid parameter: Message too long');
      return next(i);
    }),
  },
  {
    clause: 'sns.fifo.encrypted-fifo-topic-delivers-once-unchanged',
    bug: 'FIFO topics refuse server-side encryption',
    decorate: ({ sns }) => around(sns, 'CreateTopic', (i, next) => {
      if (i.Attributes?.FifoTopic === 'true' && i.Attributes?.KmsMasterKeyId) throw snsError('InvalidParameterException', 'Invalid parameter: KmsMasterKeyId is not supported for FIFO topics');
      return next(i);
    }),
  },
  {
    clause: 'sns-to-sqs.encrypted-topic-delivers-plaintext',
    bug: 'subscribers of an encrypted topic receive the stored ciphertext',
    decorate: ({ model }) => {
      const deliver = model.sqs.deliverFromSns.bind(model.sqs);
      model.sqs.deliverFromSns = (arn, input) => deliver(arn, { ...input, MessageBody: Buffer.from(input.MessageBody).toString('base64') });
    },
  },
  {
    clause: 'sns-to-sqs.queue-key-must-allow-sns',
    bug: 'SNS delivers into encrypted queues whatever their key policy allows (as moto does)',
    decorate: ({ model }) => {
      model.sqs.deliverFromSns = (arn, input) => model.sqs.sendMessage({ caller: 'arn:aws:iam::123456789012:root' }, { ...input, QueueUrl: model.sqs.queueByArn(arn)!.url });
    },
  },
  {
    clause: 'sns-to-sqs.filter-policy-works-on-encrypted-topic',
    bug: 'filter policies are ignored on encrypted topics',
    decorate: ({ sns }) => around(sns, 'Subscribe', (i, next) => {
      const { FilterPolicy: _dropped, ...rest } = i.Attributes ?? {};
      return next({ ...i, Attributes: rest });
    }),
  },
  {
    clause: 'model-based.sse-lifecycle',
    bug: 'Publish ignores the key state',
    decorate: ({ sns }) => around(sns, 'Publish', (i, next) => next(i).catch((e) => {
      if (KMS_FAILURE.test(e.name)) return { MessageId: 'fake' };
      throw e;
    })),
  },
];
