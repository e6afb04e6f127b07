/**
 * Mutants for the data-key reuse bounds and the SSE-SQS configuration clauses: each breaks the
 * rule of its clause the way an emulator plausibly would, and names the deviation it must cause.
 */
import { around, sqsError, type Mutant } from './kit.js';

export const MUTANTS_REUSE: Mutant[] = [
  {
    clause: 'sqs.sse-kms.reuse-period-range-on-create-queue',
    signature: '[below-60] sqs:CreateQueue expected InvalidAttributeValue, observed success',
    bug: 'CreateQueue does not check the reuse period (only SetQueueAttributes does)',
    decorate: ({ sqs }) => around(sqs, 'CreateQueue', (i, next) => {
      const v = i.Attributes?.KmsDataKeyReusePeriodSeconds;
      if (v === undefined || (/^\d+$/.test(v) && +v >= 60 && +v <= 86_400)) return next(i);
      const { KmsDataKeyReusePeriodSeconds: _ignored, ...rest } = i.Attributes;
      return next({ ...i, Attributes: rest });
    }),
  },
  {
    clause: 'sqs.sse-sqs.set-queue-attributes-turns-on-sse-sqs',
    signature: 'sqs:GetQueueAttributes SqsManagedSseEnabled differs',
    bug: 'SqsManagedSseEnabled is honoured at CreateQueue only; SetQueueAttributes ignores it',
    decorate: ({ sqs }) => around(sqs, 'SetQueueAttributes', (i, next) => {
      const { SqsManagedSseEnabled: _ignored, ...rest } = i.Attributes ?? {};
      return next({ ...i, Attributes: rest });
    }),
  },
  {
    clause: 'sqs.sse-sqs.switch-from-sse-kms-to-sse-sqs',
    signature: 'sqs:SetQueueAttributes expected success, observed InvalidAttributeName',
    bug: 'mutual exclusion is checked on the presence of KmsMasterKeyId, so clearing the key while enabling SSE-SQS is refused',
    decorate: ({ sqs }) => around(sqs, 'SetQueueAttributes', (i, next) => {
      if (i.Attributes && 'KmsMasterKeyId' in i.Attributes && i.Attributes.SqsManagedSseEnabled === 'true') {
        throw sqsError('InvalidAttributeName', 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.');
      }
      return next(i);
    }),
  },
];
