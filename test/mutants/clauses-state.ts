/**
 * Mutants for the clauses of the key-state, persistence and backlog batch: each breaks exactly the
 * rule its clause states, the way an emulator plausibly would, and names the deviation the clause
 * must then report.
 */
import type { ReferenceModel } from '../../reference/model.js';
import { around, sqsError, snsError, type Any, type Mutant } from './kit.js';

const keyOf = (model: ReferenceModel, keyId: string) => [...model.kms.keys.values()].find((k) => k.keyId === keyId || k.arn === keyId);

/** The SQS spelling of a KMS refusal (SQS-11). */
const SQS_SPELLING: Record<string, string> = {
  DisabledException: 'KmsDisabled',
  KMSInvalidStateException: 'KmsInvalidState',
  NotFoundException: 'KmsNotFound',
  AccessDeniedException: 'KmsAccessDenied',
};

/**
 * A service that remembers a key was disabled and keeps refusing it after EnableKey (a negative
 * cache never re-checked): every key DisableKey was called on stays refused for `refuse`.
 */
function stickyDisable(kms: Any, model: ReferenceModel): Set<string> {
  const disabled = new Set<string>();
  around(kms, 'DisableKey', async (i, next) => {
    const out = await next(i);
    const key = keyOf(model, i.KeyId);
    if (key) for (const id of [key.keyId, key.arn]) disabled.add(id);
    return out;
  });
  return disabled;
}

/** Keys ScheduleKeyDeletion was ever called on (a service that remembers a key was pending deletion). */
function everScheduled(kms: Any, model: ReferenceModel): Set<string> {
  const scheduled = new Set<string>();
  around(kms, 'ScheduleKeyDeletion', async (i, next) => {
    const out = await next(i);
    const key = keyOf(model, i.KeyId);
    if (key) for (const id of [key.keyId, key.arn]) scheduled.add(id);
    return out;
  });
  return scheduled;
}

export const MUTANTS_STATE: Mutant[] = [
  {
    clause: 'kms.key-state.cancel-deletion-requires-pending-deletion',
    signature: { service: 'kms', operation: 'CancelKeyDeletion', expected: ['KMS.InvalidState'], observed: 'success' },
    bug: 'CancelKeyDeletion on a key that is not pending deletion succeeds and disables it',
    decorate: ({ kms, model }) =>
      around(kms, 'CancelKeyDeletion', (i, next) => {
        const key = keyOf(model, i.KeyId);
        if (!key || key.state === 'PendingDeletion') return next(i);
        key.state = 'Disabled';
        return Promise.resolve({ KeyId: key.arn });
      }),
  },
  {
    clause: 'kms.key-state.enable-and-disable-refused-while-pending-deletion',
    signature: { rule: 'EnableKey', service: 'kms', operation: 'EnableKey', expected: ['KMS.InvalidState'], observed: 'success' },
    bug: 'EnableKey on a key pending deletion enables it (and drops the deletion)',
    decorate: ({ kms, model }) =>
      around(kms, 'EnableKey', (i, next) => {
        const key = keyOf(model, i.KeyId);
        if (key?.state !== 'PendingDeletion') return next(i);
        key.state = 'Enabled';
        delete key.deletionDate;
        delete key.pendingWindowInDays;
        return Promise.resolve({});
      }),
  },
  {
    clause: 'kms.key-state.schedule-deletion-twice-refused',
    signature: { service: 'kms', operation: 'ScheduleKeyDeletion', expected: ['KMS.InvalidState'], observed: 'success' },
    bug: 'a second ScheduleKeyDeletion restarts the waiting period',
    decorate: ({ kms, model }) =>
      around(kms, 'ScheduleKeyDeletion', (i, next) => {
        const key = keyOf(model, i.KeyId);
        if (key?.state === 'PendingDeletion') key.state = 'Disabled';
        return next(i);
      }),
  },
  {
    clause: 'kms.aliases.duplicate-alias-refused',
    signature: { service: 'kms', operation: 'CreateAlias', expected: ['KMS.AlreadyExists'], observed: 'success' },
    bug: 'CreateAlias with an existing name re-points the alias (an upsert)',
    decorate: ({ kms, model }) =>
      around(kms, 'CreateAlias', (i, next) => {
        const alias = [...model.kms.aliases.values()].find((a) => a.name === i.AliasName);
        if (!alias) return next(i);
        alias.targetKeyId = keyOf(model, i.TargetKeyId)?.keyId ?? i.TargetKeyId;
        return Promise.resolve({});
      }),
  },
  {
    clause: 'kms.key-state.external-key-starts-pending-import',
    signature: { rule: 'use', service: 'kms', operation: 'CreateKey', field: 'KeyState' },
    bug: 'a key created with Origin EXTERNAL gets key material anyway and starts Enabled',
    decorate: ({ kms, model }) =>
      around(kms, 'CreateKey', async (i, next) => {
        const out = await next(i);
        if (i.Origin === 'EXTERNAL') {
          keyOf(model, out.KeyMetadata.KeyId)!.state = 'Enabled';
          out.KeyMetadata = { ...out.KeyMetadata, KeyState: 'Enabled', Enabled: true };
        }
        return out;
      }),
  },
  {
    clause: 'sqs.sse-kms.pending-import-key-refuses-send',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.InvalidState'], observed: 'KMS.Disabled' },
    bug: 'a key pending import is reported as disabled',
    decorate: ({ sqs }) =>
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          throw e.name === 'KmsInvalidState' && /pending import/.test(e.message) ? sqsError('KmsDisabled', e.message.replace('pending import', 'disabled')) : e;
        }),
      ),
  },
  {
    clause: 'sns.sse.pending-import-key-refuses-publish',
    signature: { service: 'sns', operation: 'Publish', expected: ['KMS.InvalidState'], observed: 'success' },
    bug: 'Publish accepts messages for a topic whose key is pending import',
    decorate: ({ sns }) =>
      around(sns, 'Publish', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'KMSInvalidStateException' && /pending import/.test(e.message)) return { MessageId: 'fake' };
          throw e;
        }),
      ),
  },
  {
    clause: 'sqs.sse-kms.reenabled-key-restores-send-and-receive',
    signature: { rule: 'sent-after-enable', service: 'sqs', operation: 'SendMessage', expected: ['success'], observed: 'KMS.Disabled' },
    bug: 'SQS keeps refusing a key once it was disabled, even after EnableKey',
    decorate: ({ kms, sqs, model }) => {
      const disabled = stickyDisable(kms, model);
      around(sqs, 'SendMessage', (i, next) => {
        const id = model.sqs.queue(i.QueueUrl).sse.kmsMasterKeyId;
        if (id !== undefined && disabled.has(id)) throw sqsError('KmsDisabled', `${id} is disabled.`);
        return next(i);
      });
    },
  },
  {
    clause: 'sns.sse.reenabled-key-restores-publish',
    signature: { service: 'sns', operation: 'Publish', expected: ['success'], observed: 'KMS.Disabled' },
    bug: 'SNS keeps refusing a key once it was disabled, even after EnableKey',
    decorate: ({ kms, sns, model }) => {
      const disabled = stickyDisable(kms, model);
      around(sns, 'Publish', (i, next) => {
        const id = model.sns.topic(i.TopicArn).attrs.KmsMasterKeyId;
        if (id !== undefined && disabled.has(id)) throw snsError('KMSDisabledException', `${id} is disabled.`);
        return next(i);
      });
    },
  },
  {
    clause: 'sqs.persistence.sealed-messages-stay-receivable-after-sse-off',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['success'], observed: 'SDK.ChecksumMismatch' },
    bug: 'after SSE is turned off, sealed messages are handed out as stored (ciphertext)',
    decorate: ({ sqs, model }) =>
      around(sqs, 'ReceiveMessage', async (i, next) => {
        const q = model.sqs.queue(i.QueueUrl);
        const sealed = new Set([...q.store.all()].filter((m) => m.envelope.kind === 'sse-kms').map((m) => m.messageId));
        const out = await next(i);
        if (q.sse.mode !== 'sse-kms') for (const m of out.Messages ?? []) if (sealed.has(m.MessageId)) m.Body = Buffer.from(m.Body).toString('base64');
        return out;
      }),
  },
  {
    clause: 'sqs.persistence.new-messages-need-no-key-after-sse-off',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['success'], observed: 'KMS.Disabled' },
    bug: 'a queue keeps sealing new messages with its old key after SSE-KMS is turned off',
    decorate: ({ sqs, model }) => {
      const previous = new Map<string, string>();
      around(sqs, 'SetQueueAttributes', (i, next) => {
        const q = model.sqs.queue(i.QueueUrl);
        if (q.sse.mode === 'sse-kms' && i.Attributes?.KmsMasterKeyId === '') previous.set(q.url, q.sse.kmsMasterKeyId!);
        return next(i);
      });
      around(sqs, 'SendMessage', async (i, next) => {
        const q = model.sqs.queue(i.QueueUrl);
        const old = previous.get(q.url);
        if (q.sse.mode !== 'none' || old === undefined) return next(i);
        q.sse = { ...q.sse, mode: 'sse-kms', kmsMasterKeyId: old };
        try {
          return await next(i);
        } finally {
          q.sse = { ...q.sse, mode: 'none', kmsMasterKeyId: undefined };
        }
      });
    },
  },
  {
    clause: 'sqs.persistence.old-messages-need-old-key-after-key-change',
    signature: { rule: 'new-key-unusable', service: 'sqs', operation: 'ReceiveMessage', expected: ['success'], observed: 'KMS.NotFound' },
    bug: "ReceiveMessage opens every message with the queue's current key, not the key that sealed it",
    decorate: ({ sqs, model }) =>
      around(sqs, 'ReceiveMessage', (i, next) => {
        const q = model.sqs.queue(i.QueueUrl);
        if (q.sse.mode === 'sse-kms') {
          const refusal = model.kms.wouldFail(q.sse.kmsMasterKeyId!, 'kms:Decrypt', { caller: `arn:aws:iam::${q.account}:root`, account: q.account });
          if (refusal) throw sqsError(SQS_SPELLING[refusal.name] ?? 'KmsAccessDenied', refusal.message);
        }
        return next(i);
      }),
  },
  {
    clause: 'sqs.backlog.fifo-backlog-stays-receivable-after-sse-enabled',
    signature: { service: 'sqs', operation: 'ReceiveMessage', field: 'MessageDeduplicationId' },
    bug: 'enabling SSE-KMS on a FIFO queue rewrites its backlog and drops the deduplication IDs',
    decorate: ({ sqs, model }) =>
      around(sqs, 'SetQueueAttributes', async (i, next) => {
        const out = await next(i);
        const q = model.sqs.queue(i.QueueUrl);
        if (q.fifo && i.Attributes?.KmsMasterKeyId) for (const m of q.store.all()) delete m.dedupId;
        return out;
      }),
  },
  {
    clause: 'kms.aliases.alias-cannot-target-key-pending-deletion',
    signature: { rule: 'create-to-pending', service: 'kms', operation: 'CreateAlias', expected: ['KMS.InvalidState'], observed: 'success' },
    bug: 'aliases can be created for, and pointed at, keys pending deletion',
    decorate: ({ kms, model }) => {
      for (const op of ['CreateAlias', 'UpdateAlias'])
        around(kms, op, async (i, next) => {
          const key = keyOf(model, i.TargetKeyId);
          if (key?.state !== 'PendingDeletion') return next(i);
          key.state = 'Disabled';
          try {
            return await next(i);
          } finally {
            key.state = 'PendingDeletion';
          }
        });
    },
  },
  {
    clause: 'sqs.sse-kms.cancelled-deletion-key-refuses-send',
    signature: { service: 'sqs', operation: 'SendMessage', expected: ['KMS.Disabled'], observed: 'KMS.InvalidState' },
    bug: 'SQS keeps reporting a key as pending deletion after its deletion was cancelled',
    decorate: ({ kms, sqs, model }) => {
      const scheduled = everScheduled(kms, model);
      around(sqs, 'SendMessage', (i, next) =>
        next(i).catch((e) => {
          const id = model.sqs.queue(i.QueueUrl).sse.kmsMasterKeyId;
          throw e.name === 'KmsDisabled' && id !== undefined && scheduled.has(id) ? sqsError('KmsInvalidState', `${id} is pending deletion.`) : e;
        }),
      );
    },
  },
  {
    clause: 'sns.sse.cancelled-deletion-key-refuses-publish',
    signature: { service: 'sns', operation: 'Publish', expected: ['KMS.Disabled'], observed: 'KMS.InvalidState' },
    bug: 'SNS keeps reporting a key as pending deletion after its deletion was cancelled',
    decorate: ({ kms, sns, model }) => {
      const scheduled = everScheduled(kms, model);
      around(sns, 'Publish', (i, next) =>
        next(i).catch((e) => {
          const id = model.sns.topic(i.TopicArn).attrs.KmsMasterKeyId;
          throw e.name === 'KMSDisabledException' && id !== undefined && scheduled.has(id)
            ? snsError('KMSInvalidStateException', `${id} is pending deletion.`)
            : e;
        }),
      );
    },
  },
];
