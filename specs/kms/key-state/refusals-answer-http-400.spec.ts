/**
 * KMS answers a refusal for key state or an unknown key with HTTP 400, although its API model gives
 * 409 (DisabledException, KMSInvalidStateException) and 404 (NotFoundException): recordings of real
 * KMS responses show 400 for all three. Only the status is checked here; the error names are
 * crypto-refused-by-key-state's and unknown-keys-are-not-found's.
 */
import { GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { errorForState, refusedKeyId } from '../../../src/steps.js';

const CASES = ['Disabled', 'PendingDeletion', 'Unknown'] as const;
type Case = (typeof CASES)[number];

export const clause = defineClause({
  id: 'kms.key-state.refusals-answer-http-400',
  title: "KMS refuses a disabled, pending-deletion or unknown key with HTTP 400, not the model's 409 or 404",
  level: 'OBSERVED',
  theme: 'error-codes',
  sources: [{ fact: 'X-2', url: PAGES.localstackKmsSnapshot, evidence: 'OBS' }],
  features: ['kms', 'key-state'],
  generates: 'GenerateDataKey on a disabled key, a key pending deletion, or a key id that names no key',
  arbitrary: fc.constantFrom<Case>(...CASES),
  examples: [...CASES],
  maxRuns: 0,
  rule: (c) => c,
  scenario: async (s, c) => {
    // Arrange
    const keyId = await refusedKeyId(s, c);
    // Act
    const observed = await s.attempt(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    // Assert: the refusal itself, then its status
    s.expectLast(observed, [fails(c === 'Unknown' ? 'KMS.NotFound' : errorForState(c))]);
    const status = observed.ok ? undefined : observed.httpStatus;
    s.check(status === 400, 'HTTP status', 400, status);
  },
});
