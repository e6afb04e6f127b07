/**
 * PutKeyPolicy refuses a document that is not a policy (text that is not JSON) with
 * MalformedPolicyDocumentException, and the key keeps the policy it had.
 * Source: KMS-17.
 */
import { GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.key-policy.malformed-policy-refused',
  title: 'PutKeyPolicy with text that is not JSON fails with MalformedPolicyDocument and leaves the key policy as it was',
  level: 'MUST',
  theme: 'configuration',
  sources: [{ fact: 'KMS-17', url: PAGES.kmsPutKeyPolicy, evidence: 'DOC' }],
  features: ['kms'],
  generates: 'a policy that is a JSON document cut short, or plain words',
  arbitrary: fc.constantFrom('{"Version":"2012-10-17","Statement":[', 'allow everyone'),
  examples: ['{"Version":"2012-10-17","Statement":['],
  maxRuns: 1,
  check: async (s, text) => {
    // Arrange
    const key = await createKey(s);
    const before = (await s.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default' }))).Policy;
    // Act
    await s.send(new PutKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default', Policy: text }), { expect: fails('KMS.MalformedPolicyDocument') });
    // Assert: nothing changed
    const after = (await s.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default' }))).Policy;
    s.check(after === before, 'Policy', before, after);
  },
});
