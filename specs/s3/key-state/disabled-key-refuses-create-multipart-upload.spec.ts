/**
 * A multipart upload cannot be started under a customer managed KMS key that is disabled or pending deletion:
 * CreateMultipartUpload needs a data key from KMS, and fails as PutObject does, with KMS.DisabledException or
 * KMS.KMSInvalidStateException, whether the key is named by the request's headers (aws:kms or aws:kms:dsse) or by the
 * bucket's default. That CreateMultipartUpload (not the first part or the completion) is the call that fails is read
 * from the permissions the page lists for it; the codes are inferred from PutObject's. The HTTP status is not compared.
 */
import { CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { UNUSABLE_KEY_CASES, unusableKeyCaseArb } from '../../../src/arbitraries/objects.js';
import { errorForState } from '../../../src/steps.js';
import { unusableKeyForWrite } from '../../../src/steps/s3.js';

export const clause = defineClause({
  id: 's3.key-state.disabled-key-refuses-create-multipart-upload',
  title: 'CreateMultipartUpload under a KMS key that is disabled or pending deletion fails with KMS.Disabled or KMS.InvalidState',
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [
    { fact: 'S3-24', url: PAGES.s3CreateMultipartUpload, evidence: 'DOC' },
    { fact: 'S3-24', url: PAGES.localstackS3KmsKeyState, evidence: 'INF' },
    { fact: 'S3-9', url: PAGES.localstackS3KmsKeyState, evidence: 'OBS' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['s3', 'multipart', 'sse-kms', 'key-state', 'key-identifiers'],
  generates:
    "Disabled / PendingDeletion × aws:kms or aws:kms:dsse × key by ID, ARN or alias name × via the request's headers or the bucket default (all 24, each once on every seed)",
  arbitrary: unusableKeyCaseArb,
  // The 24 combinations once each, on every seed: which deviation a target shows depends on the combination.
  examples: [...UNUSABLE_KEY_CASES],
  maxRuns: 0,
  scenario: async (s, c) => {
    // Arrange: the key is unusable before the bucket default names it, or the request does
    const { bucket, headers } = await unusableKeyForWrite(s, c);
    // Act, Assert
    await s.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: c.key, ...headers }), { expect: fails(errorForState(c.state)) });
  },
});
