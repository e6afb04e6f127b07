/**
 * Mutants for the clauses of KMS's own refusals and of KMS as SSE uses it (issue 23 §3): key usage,
 * Decrypt's KeyId, CreateKey's defaults, grants, the AWS managed key DescribeKey creates, rotation,
 * multi-Region keys, key-policy conditions and refusal messages. Each breaks exactly the rule its
 * clause states, the way an emulator plausibly would, and names the deviation the clause must report.
 */
import * as KMS from '@aws-sdk/client-kms';
import type { ReferenceModel } from '../../reference/model.js';
import { around, meta, snsError, type Any, type Mutant } from './kit.js';

const keyOf = (model: ReferenceModel, keyId: string) => [...model.kms.keys.values()].find((k) => k.keyId === keyId || k.arn === keyId);

/** Key policies stored without their Condition blocks: every conditional statement applies always. */
function conditionsIgnored(kms: Any): void {
  around(kms, 'PutKeyPolicy', (i, next) => {
    const doc = JSON.parse(i.Policy);
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return next({ ...i, Policy: JSON.stringify({ ...doc, Statement: statements.map(({ Condition: _c, ...st }: Any) => st) }) });
  });
}

/** Requests that run with no grant of the model visible: the key policy alone decides. */
function grantsIgnored(client: Any, op: string, model: ReferenceModel): void {
  around(client, op, async (i, next) => {
    const saved = [...model.kms.grants];
    model.kms.grants.clear();
    try {
      return await next(i);
    } finally {
      for (const [id, g] of saved) model.kms.grants.set(id, g);
    }
  });
}

/** On-demand rotation that throws the earlier key material away. */
function rotationForgetsMaterial(kms: Any, model: ReferenceModel): void {
  around(kms, 'RotateKeyOnDemand', async (i, next) => {
    const out = await next(i);
    const key = keyOf(model, i.KeyId)!;
    for (let v = 0; v < key.materials.length - 1; v++) delete key.materials[v];
    return out;
  });
}

export const MUTANTS_KMS: Mutant[] = [
  {
    clause: 'kms.key-usage.encrypt-and-data-keys-need-encrypt-decrypt',
    signature: { rule: 'Encrypt', service: 'kms', operation: 'Encrypt', expected: ['KMS.InvalidKeyUsage'], observed: 'success' },
    bug: "Encrypt does not check the key's usage and encrypts with an HMAC or signing key",
    decorate: ({ kms, model }) =>
      around(kms, 'Encrypt', (i, next) => {
        const key = keyOf(model, i.KeyId);
        if (!key || key.keyUsage === 'ENCRYPT_DECRYPT') return next(i);
        return Promise.resolve({ CiphertextBlob: new Uint8Array([1, 2, 3]), KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      }),
  },
  {
    clause: 'kms.decrypt.key-id-must-name-the-encrypting-key',
    signature: { rule: 'another-key', service: 'kms', operation: 'Decrypt', expected: ['KMS.IncorrectKey'], observed: 'success' },
    bug: 'Decrypt ignores the KeyId it is given and decrypts with the key the ciphertext names',
    decorate: ({ kms }) => around(kms, 'Decrypt', (i, next) => next({ ...i, KeyId: undefined })),
  },
  {
    clause: 'kms.create-key.defaults',
    signature: { rule: 'CustomerMasterKeySpec', service: 'kms', operation: 'CreateKey', field: 'CustomerMasterKeySpec' },
    bug: 'CreateKey leaves the deprecated CustomerMasterKeySpec out of its answer',
    decorate: ({ kms }) =>
      around(kms, 'CreateKey', async (i, next) => {
        const out = await next(i);
        const { CustomerMasterKeySpec: _dropped, ...rest } = out.KeyMetadata;
        return { ...out, KeyMetadata: rest };
      }),
  },
  {
    clause: 'kms.grants.create-list-retire-revoke',
    signature: { rule: 'revoked', service: 'kms', operation: 'ListGrants', field: 'Grants' },
    bug: 'RevokeGrant answers success and leaves the grant in place',
    decorate: ({ kms }) => around(kms, 'RevokeGrant', () => Promise.resolve({})),
  },
  {
    clause: 'kms.grants.refusals-by-key-state-and-unknown-ids',
    signature: { rule: 'create-on-disabled', service: 'kms', operation: 'CreateGrant', expected: ['KMS.Disabled'], observed: 'success' },
    bug: 'CreateGrant ignores the key state and grants on a disabled key',
    decorate: ({ kms, model }) =>
      around(kms, 'CreateGrant', async (i, next) => {
        const key = keyOf(model, i.KeyId);
        if (key?.state !== 'Disabled') return next(i);
        key.state = 'Enabled';
        try {
          return await next(i);
        } finally {
          key.state = 'Disabled';
        }
      }),
  },
  {
    clause: 'kms.grants.grant-token-works-at-once',
    signature: { rule: 'made-up-token', service: 'kms', operation: 'GenerateDataKey', expected: ['KMS.InvalidGrantToken'], observed: 'success' },
    bug: 'grant tokens are not checked: a made-up one is accepted',
    decorate: ({ kms }) => around(kms, 'GenerateDataKey', (i, next) => next({ ...i, GrantTokens: undefined })),
  },
  {
    clause: 'sqs.sse-kms.grant-lets-a-principal-send',
    signature: { rule: 'with-grant', service: 'sqs', operation: 'SendMessage', expected: ['success'], observed: 'KMS.AccessDenied' },
    bug: "SQS's KMS requests are authorised by the key policy alone: grants are ignored",
    decorate: ({ sqs, model }) => grantsIgnored(sqs, 'SendMessage', model),
  },
  {
    clause: 'sns.sse.grant-lets-a-principal-publish',
    signature: { rule: 'with-grant', service: 'sns', operation: 'Publish', expected: ['success'], observed: 'KMS.AccessDenied' },
    bug: "SNS's KMS requests are authorised by the key policy alone: grants are ignored",
    decorate: ({ sns, model }) => grantsIgnored(sns, 'Publish', model),
  },
  {
    clause: 'kms.aws-managed-keys.describe-key-creates-the-managed-key',
    signature: { rule: 'alias-name', service: 'kms', operation: 'DescribeKey', expected: ['success'], observed: 'KMS.NotFound' },
    bug: 'DescribeKey of a predefined AWS alias that has no key yet answers NotFound instead of creating the key',
    decorate: ({ kms, model }) =>
      around(kms, 'DescribeKey', (i, next) => {
        const name = String(i.KeyId).replace(/^arn:[^:]+:kms:[^:]*:[^:]*:/, '');
        const exists = [...model.kms.aliases.values()].some((a) => a.name === name && a.targetKeyId);
        if (!name.startsWith('alias/aws/') || exists) return next(i);
        return Promise.reject(new KMS.NotFoundException({ $metadata: meta, message: `Alias ${name} is not found.` }));
      }),
  },
  {
    clause: 'kms.rotation.earlier-material-still-decrypts',
    signature: { rule: 'on-demand', service: 'kms', operation: 'Decrypt', expected: ['success'], observed: 'KMS.InvalidCiphertext' },
    bug: 'on-demand rotation replaces the key material, so ciphertexts made before it no longer decrypt',
    decorate: ({ kms, model }) => rotationForgetsMaterial(kms, model),
  },
  {
    clause: 'sqs.sse-kms.messages-survive-key-rotation',
    signature: { service: 'sqs', operation: 'ReceiveMessage', expected: ['success'], observed: 'KMS.AccessDenied' },
    bug: 'on-demand rotation replaces the key material, so messages sealed before it cannot be received',
    // Send, rotate, send again, receive: the receive that fails is the sixth call.
    maxSteps: 6,
    decorate: ({ kms, model }) => rotationForgetsMaterial(kms, model),
  },
  {
    clause: 'sqs.sse-kms.multi-region-key-works-as-queue-key',
    signature: { rule: 'mrk-key', service: 'kms', operation: 'CreateKey', field: 'KeyId, MultiRegion' },
    bug: 'CreateKey ignores MultiRegion and makes a single-Region key',
    decorate: ({ kms }) => around(kms, 'CreateKey', (i, next) => next({ ...i, MultiRegion: undefined })),
  },
  {
    clause: 'sns.sse.multi-region-key-works-as-topic-key',
    signature: { rule: 'publish-delivers', service: 'sns', operation: 'Publish', expected: ['success'], observed: 'KMS.NotFound' },
    bug: 'SNS does not find a multi-Region (mrk-) topic key',
    decorate: ({ sns, model }) =>
      around(sns, 'Publish', (i, next) => {
        const keyId = model.sns.topic(i.TopicArn).attrs.KmsMasterKeyId ?? '';
        if (!/(^|\/)mrk-/.test(keyId)) return next(i);
        return Promise.reject(snsError('KMSNotFoundException', `Key ${keyId} does not exist`));
      }),
  },
  {
    clause: 'sqs.sse-kms.key-policy-conditions-apply-to-send',
    signature: { rule: 'via-service-of-sns', service: 'sqs', operation: 'SendMessage', expected: ['KMS.AccessDenied'], observed: 'success' },
    bug: 'key policy conditions are ignored: a conditional Allow always applies',
    decorate: ({ kms }) => conditionsIgnored(kms),
  },
  {
    clause: 'sqs.sse-kms.encryption-context-names-the-queue',
    signature: { rule: 'this-queue', service: 'sqs', operation: 'SendMessage', expected: ['success'], observed: 'KMS.AccessDenied' },
    bug: 'SQS calls KMS without an encryption context, so no aws:sqs:arn condition can match',
    decorate: ({ model }) => {
      const kms = model.kms as Any;
      if (kms.contextless) return; // the decorator runs once per principal's clients
      kms.contextless = true;
      const generateDataKey = kms.generateDataKey.bind(kms);
      const decrypt = kms.decrypt.bind(kms);
      const strip = (ctx: Any) => (ctx.viaService === 'sqs' ? { ...ctx, encryptionContext: {} } : ctx);
      kms.generateDataKey = (ctx: Any, keyId: string, opts: Any = {}) =>
        generateDataKey(strip(ctx), keyId, ctx.viaService === 'sqs' ? { ...opts, EncryptionContext: undefined } : opts);
      kms.decrypt = (ctx: Any, blob: Uint8Array, opts: Any = {}) =>
        decrypt(strip(ctx), blob, ctx.viaService === 'sqs' ? { ...opts, EncryptionContext: undefined } : opts);
    },
  },
  {
    clause: 'sns.sse.key-policy-conditions-apply-to-publish',
    signature: { rule: 'via-service-of-sqs', service: 'sns', operation: 'Publish', expected: ['KMS.AccessDenied'], observed: 'success' },
    bug: 'key policy conditions are ignored: a conditional Allow always applies',
    decorate: ({ kms }) => conditionsIgnored(kms),
  },
  {
    clause: 'kms.messages.key-state-refusal-names-the-key',
    signature: { rule: 'Disabled', service: 'kms', operation: 'GenerateDataKey', field: 'message' },
    bug: 'the refusal of a disabled key does not name the key',
    decorate: ({ kms }) =>
      around(kms, 'GenerateDataKey', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'DisabledException') e.message = 'Key is disabled.';
          throw e;
        }),
      ),
  },
  {
    clause: 'kms.messages.key-refusal-texts',
    signature: { rule: 'malformed-key-id', service: 'kms', operation: 'DescribeKey', field: 'message' },
    bug: 'NotFound says the key does not exist even when the key ID is malformed',
    decorate: ({ kms }) =>
      around(kms, 'DescribeKey', (i, next) =>
        next(i).catch((e) => {
          if (e.name === 'NotFoundException') e.message = `Key '${i.KeyId}' does not exist`;
          throw e;
        }),
      ),
  },
];
