/**
 * Mutants for the data-key reuse bounds and the SSE-SQS configuration clauses: each breaks the
 * rule of its clause the way an emulator plausibly would, and names the deviation it must cause.
 */
import type { ReferenceModel } from '../../reference/model.js';
import { around, sqsError, type Any, type Mutant } from './kit.js';

/** Per model: the principal that last sent to each queue (a cache shared by all principals). */
const lastSender = new WeakMap<ReferenceModel, Map<string, string>>();

/** Runs `fn` with every disabled key enabled for the duration: a cache that never goes back to KMS. */
async function asIfEnabled<T>(model: ReferenceModel, fn: () => Promise<T>): Promise<T> {
  const disabled = [...model.kms.keys.values()].filter((k) => k.state === 'Disabled');
  for (const k of disabled) k.state = 'Enabled';
  try {
    return await fn();
  } finally {
    for (const k of disabled) k.state = 'Disabled';
  }
}

export const MUTANTS_REUSE: Mutant[] = [
  {
    clause: 'sqs.sse-kms.cached-data-key-window-on-receive',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'a consumer that has received keeps its decryption data key for ever',
    // Key, queue, send, warm-up receive, disable, receive: the rule needs a consumer that has decrypted.
    maxSteps: 6,
    decorate: ({ sqs, model }) => {
      const warm = new Set<string>();
      around(sqs, 'ReceiveMessage', async (i, next) => {
        try {
          const out = await next(i);
          if (out.Messages?.length) warm.add(i.QueueUrl);
          return out;
        } catch (e) {
          if ((e as Any).name !== 'KmsDisabled' || !warm.has(i.QueueUrl)) throw e;
          return asIfEnabled(model, () => next(i));
        }
      });
    },
  },
  {
    clause: 'sqs.sse-kms.cold-principal-fails-while-another-is-warm',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'data keys are cached per queue and shared by every principal',
    decorate: ({ sqs, model, principal }) =>
      around(sqs, 'SendMessage', async (i, next) => {
        const senders = lastSender.get(model) ?? new Map<string, string>();
        lastSender.set(model, senders);
        try {
          const out = await next(i);
          senders.set(i.QueueUrl, principal);
          return out;
        } catch (e) {
          const other = senders.get(i.QueueUrl);
          if (!/^Kms/.test((e as Any).name) || !other || other === principal) throw e;
          return model.sqs.sendMessage({ caller: other }, i); // served from the other principal's data key
        }
      }),
  },
  {
    clause: 'sqs.sse-kms.reuse-period-range-on-create-queue',
    signature: { rule: 'below-60', service: 'sqs', operation: 'CreateQueue', expected: ['InvalidAttributeValue'], observed: 'success' },
    bug: 'CreateQueue does not check the reuse period (only SetQueueAttributes does)',
    decorate: ({ sqs }) =>
      around(sqs, 'CreateQueue', (i, next) => {
        const v = i.Attributes?.KmsDataKeyReusePeriodSeconds;
        if (v === undefined || (/^\d+$/.test(v) && +v >= 60 && +v <= 86_400)) return next(i);
        const { KmsDataKeyReusePeriodSeconds: _ignored, ...rest } = i.Attributes;
        return next({ ...i, Attributes: rest });
      }),
  },
  {
    clause: 'sqs.sse-kms.reuse-period-must-be-an-integer-on-create-queue',
    signature: { rule: 'not-an-integer', service: 'sqs', operation: 'CreateQueue', expected: ['InvalidAttributeValue'], observed: 'success' },
    bug: 'CreateQueue truncates a decimal reuse period and drops one it cannot parse',
    decorate: ({ sqs }) =>
      around(sqs, 'CreateQueue', (i, next) => {
        const v = i.Attributes?.KmsDataKeyReusePeriodSeconds;
        if (v === undefined || /^-?\d+$/.test(v)) return next(i);
        const { KmsDataKeyReusePeriodSeconds: _ignored, ...rest } = i.Attributes;
        return next({ ...i, Attributes: rest });
      }),
  },
  {
    clause: 'sns.sse.data-key-reused-at-most-five-minutes',
    signature: { service: 'sns', operation: 'Publish', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'a publisher keeps its data key for ever once it has published',
    decorate: ({ sns, model }) => {
      const warm = new Set<string>();
      around(sns, 'Publish', async (i, next) => {
        try {
          const out = await next(i);
          warm.add(i.TopicArn);
          return out;
        } catch (e) {
          if ((e as Any).name !== 'KMSDisabledException' || !warm.has(i.TopicArn)) throw e;
          return asIfEnabled(model, () => next(i));
        }
      });
    },
  },
  {
    clause: 'sqs.sse-sqs.set-queue-attributes-turns-on-sse-sqs',
    signature: { rule: 'from-unencrypted', service: 'sqs', operation: 'GetQueueAttributes', field: 'SqsManagedSseEnabled' },
    bug: 'SqsManagedSseEnabled is honoured at CreateQueue only; SetQueueAttributes ignores it',
    decorate: ({ sqs }) =>
      around(sqs, 'SetQueueAttributes', (i, next) => {
        const { SqsManagedSseEnabled: _ignored, ...rest } = i.Attributes ?? {};
        return next({ ...i, Attributes: rest });
      }),
  },
  {
    clause: 'sqs.sse-sqs.switch-from-sse-kms-to-sse-sqs',
    signature: { service: 'sqs', operation: 'SetQueueAttributes', expected: ['success'], observed: 'InvalidAttributeName' },
    bug: 'mutual exclusion is checked on the presence of KmsMasterKeyId, so clearing the key while enabling SSE-SQS is refused',
    decorate: ({ sqs }) =>
      around(sqs, 'SetQueueAttributes', (i, next) => {
        if (i.Attributes && 'KmsMasterKeyId' in i.Attributes && i.Attributes.SqsManagedSseEnabled === 'true') {
          throw sqsError('InvalidAttributeName', 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.');
        }
        return next(i);
      }),
  },
];
