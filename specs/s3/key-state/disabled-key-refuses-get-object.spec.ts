/**
 * An object stored under a customer managed KMS key cannot be read while that key is disabled or pending deletion:
 * GetObject fails with KMS.DisabledException or KMS.KMSInvalidStateException, whether the key came from the write's
 * headers or the bucket's default. (The HTTP status, 400 where recorded, is not compared.)
 */
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { UNUSABLE_KEY_CASES, unusableKeyCaseArb } from '../../../src/arbitraries/objects.js';
import { errorForState, makeUnusable } from '../../../src/steps.js';
import { createBucket, encryptionFields, getObjectRefused, keyFor, putObject, setBucketDefault } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.key-state.disabled-key-refuses-get-object',
  title: 'GetObject of an object whose KMS key is disabled or pending deletion fails with KMS.Disabled or KMS.InvalidState',
  level: 'MUST',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-9', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['s3', 'sse-kms', 'key-state', 'key-identifiers'],
  generates:
    'Disabled / PendingDeletion × aws:kms or aws:kms:dsse × key by ID, ARN or alias name × via headers or the bucket default (all 24, each once on every seed)',
  arbitrary: unusableKeyCaseArb,
  // The 24 combinations once each, on every seed: which deviation a target shows depends on the combination.
  examples: [...UNUSABLE_KEY_CASES],
  maxRuns: 0,
  scenario: async (s, { state, type, form, via, key: objectKey }) => {
    // Arrange: an object sealed under the clause's own key, which then becomes unusable
    const bucket = await createBucket(s);
    const encryption = { type, key: 'own' as const };
    const { key, id } = await keyFor(s, encryption, form);
    if (via === 'default') await setBucketDefault(s, bucket, encryption, id);
    await putObject(s, bucket, objectKey, 'sealed', via === 'headers' ? encryptionFields(encryption, id) : {});
    await makeUnusable(s, key!, state);
    // Act, Assert (a GetObject that wrongly succeeds has its body read all the same, so that its connection is freed)
    await getObjectRefused(s, { Bucket: bucket, Key: objectKey }, errorForState(state));
  },
});
