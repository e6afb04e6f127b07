/**
 * Mutants for the clauses of the key-state, persistence and backlog batch: each breaks exactly the
 * rule its clause states, the way an emulator plausibly would, and names the deviation the clause
 * must then report.
 */
import type { ReferenceModel } from '../../reference/model.js';
import { around, type Mutant } from './kit.js';

const keyOf = (model: ReferenceModel, keyId: string) => [...model.kms.keys.values()].find((k) => k.keyId === keyId || k.arn === keyId);

export const MUTANTS_STATE: Mutant[] = [
  {
    clause: 'kms.key-state.cancel-deletion-requires-pending-deletion',
    signature: 'kms:CancelKeyDeletion expected KMS.InvalidState, observed success',
    bug: 'CancelKeyDeletion on a key that is not pending deletion succeeds and disables it',
    decorate: ({ kms, model }) => around(kms, 'CancelKeyDeletion', (i, next) => {
      const key = keyOf(model, i.KeyId);
      if (!key || key.state === 'PendingDeletion') return next(i);
      key.state = 'Disabled';
      return Promise.resolve({ KeyId: key.arn });
    }),
  },
  {
    clause: 'kms.key-state.enable-and-disable-refused-while-pending-deletion',
    signature: '[EnableKey] kms:EnableKey expected KMS.InvalidState, observed success',
    bug: 'EnableKey on a key pending deletion enables it (and drops the deletion)',
    decorate: ({ kms, model }) => around(kms, 'EnableKey', (i, next) => {
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
    signature: 'kms:ScheduleKeyDeletion expected KMS.InvalidState, observed success',
    bug: 'a second ScheduleKeyDeletion restarts the waiting period',
    decorate: ({ kms, model }) => around(kms, 'ScheduleKeyDeletion', (i, next) => {
      const key = keyOf(model, i.KeyId);
      if (key?.state === 'PendingDeletion') key.state = 'Disabled';
      return next(i);
    }),
  },
  {
    clause: 'kms.aliases.duplicate-alias-refused',
    signature: 'kms:CreateAlias expected KMS.AlreadyExists, observed success',
    bug: 'CreateAlias with an existing name re-points the alias (an upsert)',
    decorate: ({ kms, model }) => around(kms, 'CreateAlias', (i, next) => {
      const alias = [...model.kms.aliases.values()].find((a) => a.name === i.AliasName);
      if (!alias) return next(i);
      alias.targetKeyId = keyOf(model, i.TargetKeyId)?.keyId ?? i.TargetKeyId;
      return Promise.resolve({});
    }),
  },
  {
    clause: 'kms.key-state.external-key-starts-pending-import',
    signature: '[use] kms:CreateKey KeyState differs',
    bug: 'a key created with Origin EXTERNAL gets key material anyway and starts Enabled',
    decorate: ({ kms, model }) => around(kms, 'CreateKey', async (i, next) => {
      const out = await next(i);
      if (i.Origin === 'EXTERNAL') {
        keyOf(model, out.KeyMetadata.KeyId)!.state = 'Enabled';
        out.KeyMetadata = { ...out.KeyMetadata, KeyState: 'Enabled', Enabled: true };
      }
      return out;
    }),
  },
];
