/**
 * A key created through the API without a policy gets the documented default key policy: one
 * statement that allows the owning account (its root principal, so IAM policies decide) every KMS
 * action on the key. Compared member by member, not as text (member order and spacing are free).
 */
import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

export const clause = defineClause({
  id: 'kms.key-policy.default-policy-lets-the-account-use-iam',
  title: 'A key created without a policy has the documented default key policy: the owning account may do kms:* through IAM',
  level: 'MUST',
  theme: 'configuration',
  sources: [{ fact: 'KMS-18', url: PAGES.kmsDefaultKeyPolicy, evidence: 'DOC' }],
  features: ['kms'],
  generates: 'one CreateKey without a policy',
  arbitrary: fc.constant(null),
  maxRuns: 1,
  check: async (s) => {
    // Arrange
    const key = await createKey(s);
    const account = key.arn.split(':')[4];
    // Act
    const { Policy } = await s.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default' }));
    // Assert
    const doc = JSON.parse(Policy ?? '{}') as { Version?: unknown; Id?: unknown; Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const observed = { Version: doc.Version, Id: doc.Id, Statement: statements };
    const expected = {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
    };
    s.check(JSON.stringify(sorted(observed)) === JSON.stringify(sorted(expected)), 'default key policy', expected, observed);
  },
});

/** The same value with object members in name order, so that member order does not count. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, sorted(x)]),
    );
  return v;
}
