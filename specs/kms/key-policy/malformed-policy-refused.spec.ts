/**
 * PutKeyPolicy refuses a document that is not a policy (text that is not JSON, or JSON that is not
 * an object: a policy document is a JSON object) with MalformedPolicyDocumentException, and the key
 * keeps the policy it had.
 */
import { GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { fails } from '../../../src/outcome.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

const TEXTS = ['{"Version":"2012-10-17","Statement":[', 'allow everyone', 'null', '[]'];

export const clause = defineClause({
  id: 'kms.key-policy.malformed-policy-refused',
  title: 'PutKeyPolicy with text that is not a JSON object fails with MalformedPolicyDocument and leaves the key policy as it was',
  level: 'MUST',
  theme: 'configuration',
  sources: [{ fact: 'KMS-17', url: PAGES.kmsPutKeyPolicy, evidence: 'DOC' }],
  features: ['kms'],
  generates: 'a policy that is a JSON document cut short, plain words, or the JSON null or an empty JSON array',
  arbitrary: fc.constantFrom(...TEXTS),
  examples: [...TEXTS],
  maxRuns: 0,
  scenario: async (s, text) => {
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
