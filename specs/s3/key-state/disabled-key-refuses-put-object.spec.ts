/**
 * A write that needs a data key from a customer managed KMS key that is disabled or pending deletion fails:
 * PutObject answers KMS.DisabledException or KMS.KMSInvalidStateException, whether the key is named by the write's
 * headers or by the bucket's default encryption (S3 checks no key when the default is set). Whether anything was
 * stored is not asserted (AWS does not say); the HTTP status is not compared.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { unusableStateArb } from '../../../src/arbitraries/keys.js';
import { kmsAlgorithmArb, objectKeyArb, s3KeyFormArb } from '../../../src/arbitraries/objects.js';
import { errorForState, makeUnusable } from '../../../src/steps.js';
import { createBucket, encryptionFields, keyFor, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.key-state.disabled-key-refuses-put-object',
  title: 'PutObject under a KMS key that is disabled or pending deletion fails with KMS.Disabled or KMS.InvalidState',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-9', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
    { fact: 'S3-4', url: PAGES.s3SseByDefault, evidence: 'DOC' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-kms', 'key-state', 'key-identifiers'],
  generates: 'Disabled / PendingDeletion × aws:kms or aws:kms:dsse × key by ID, ARN or alias name × via headers or the bucket default × object keys',
  arbitrary: fc.record({
    state: unusableStateArb,
    type: kmsAlgorithmArb,
    form: s3KeyFormArb,
    via: fc.constantFrom('headers' as const, 'default' as const),
    key: objectKeyArb,
  }),
  check: async (s, { state, type, form, via, key: objectKey }) => {
    // Arrange: the key is unusable before the bucket default names it, or the write does
    const bucket = await createBucket(s);
    const encryption = { type, key: 'own' as const };
    const { key, id } = await keyFor(s, encryption, form);
    await makeUnusable(s, key!, state);
    if (via === 'default') await setBucketDefault(s, bucket, encryption, id);
    // Act, Assert
    const headers = via === 'headers' ? encryptionFields(encryption, id) : {};
    await s.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: 'refused', ...headers }), { expect: fails(errorForState(state)) });
  },
});
