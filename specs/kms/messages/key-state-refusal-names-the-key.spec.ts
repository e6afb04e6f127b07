/**
 * A refusal for key state says which key and why, in the words of the key-state table:
 * GenerateDataKey on a disabled key fails with DisabledException "<key ARN> is disabled.", on a key
 * pending deletion with KMSInvalidStateException "<key ARN> is pending deletion.". SDK users log these
 * messages and some parse them (CloudWatch alarms on "* is pending deletion." are a documented
 * recipe), so the text is stated, at SHOULD, apart from the code (kms.key-state.crypto-refused-by-key-state
 * states the code at MUST).
 */
import { GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey, errorForState, makeUnusable } from '../../../src/steps.js';

type State = 'Disabled' | 'PendingDeletion';
const TEXT: Record<State, string> = { Disabled: 'is disabled.', PendingDeletion: 'is pending deletion.' };

export const clause = defineClause({
  id: 'kms.messages.key-state-refusal-names-the-key',
  title: 'A disabled key is refused with "<key ARN> is disabled.", a key pending deletion with "<key ARN> is pending deletion."',
  level: 'SHOULD',
  theme: 'error-codes',
  sources: [
    { fact: 'KMS-30', url: PAGES.kmsKeyState, evidence: 'DOC' },
    { fact: 'KMS-3', url: PAGES.kmsKeyState, evidence: 'DOC' },
  ],
  features: ['kms', 'key-state', 'error-messages'],
  generates: 'GenerateDataKey on a disabled key and on a key pending deletion (both on every seed)',
  arbitrary: fc.constantFrom<State>('Disabled', 'PendingDeletion'),
  examples: <State[]>['Disabled', 'PendingDeletion'],
  maxRuns: 0,
  rule: (state) => state,
  scenario: async (s, state) => {
    // Arrange
    const key = await createKey(s);
    await makeUnusable(s, key, state);
    // Act
    const observed = await s.attempt(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }));
    // Assert: the refusal, then its text
    s.expectLast(observed, [fails(errorForState(state))]);
    const expected = `${key.arn} ${TEXT[state]}`;
    const message = observed.ok ? undefined : observed.message;
    s.check(message === expected, 'message', expected, message);
  },
});
