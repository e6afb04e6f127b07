/**
 * A write that needs a data key from a customer managed KMS key that is disabled or pending deletion fails:
 * PutObject answers KMS.DisabledException or KMS.KMSInvalidStateException, whether the key is named by the write's
 * headers or by the bucket's default encryption (S3 checks no key when the default is set). Whether anything was
 * stored is not asserted (AWS does not say); the HTTP status is not compared.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { UNUSABLE_KEY_CASES, unusableKeyCaseArb } from '../../../src/arbitraries/objects.js';
import { errorForState } from '../../../src/steps.js';
import { unusableKeyForWrite } from '../../../src/steps/s3.js';

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
  generates:
    'Disabled / PendingDeletion × aws:kms or aws:kms:dsse × key by ID, ARN or alias name × via headers or the bucket default (all 24, each once on every seed)',
  arbitrary: unusableKeyCaseArb,
  // The 24 combinations once each, on every seed: which deviation a target shows depends on the combination.
  examples: [...UNUSABLE_KEY_CASES],
  maxRuns: 0,
  scenario: async (s, c) => {
    // Arrange: the key is unusable before the bucket default names it, or the write does
    const { bucket, headers } = await unusableKeyForWrite(s, c);
    // Act, Assert
    await s.send(new PutObjectCommand({ Bucket: bucket, Key: c.key, Body: 'refused', ...headers }), { expect: fails(errorForState(c.state)) });
  },
});
