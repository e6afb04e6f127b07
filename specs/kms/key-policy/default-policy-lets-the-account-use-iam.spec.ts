/**
 * A key created through the API without a policy gets the documented default key policy: one
 * statement that allows the owning account (its root principal, so IAM policies decide) every KMS
 * action on the key. Compared member by member, not as text (member order and spacing are free).
 * AWS's pages give the statement two Sids, "Enable IAM policies" (the developer guide) and "Enable
 * IAM User Permissions" (the GetKeyPolicy example): either is accepted.
 */
import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { defineClause } from '../../../src/clause.js';
import { PAGES } from '../../../src/pages.js';
import { createKey } from '../../../src/steps.js';

/** The default statement's Sid as the developer guide writes it, and as the GetKeyPolicy example (and a recording of AWS) does (KMS-18). */
const SIDS = ['Enable IAM policies', 'Enable IAM User Permissions'];

export const clause = defineClause({
  id: 'kms.key-policy.default-policy-lets-the-account-use-iam',
  title: 'A key created without a policy has the documented default key policy: the owning account may do kms:* through IAM',
  level: 'MUST',
  theme: 'configuration',
  sources: [
    { fact: 'KMS-18', url: PAGES.kmsDefaultKeyPolicy, evidence: 'DOC' },
    { fact: 'KMS-18', url: PAGES.kmsGetKeyPolicy, evidence: 'DOC' },
  ],
  features: ['kms'],
  generates: 'one CreateKey without a policy',
  arbitrary: fc.constant(null),
  maxRuns: 1,
  scenario: async (s) => {
    // Arrange
    const key = await createKey(s);
    const account = key.arn.split(':')[4];
    // Act
    const { Policy } = await s.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default' }));
    // Assert
    const doc = JSON.parse(Policy ?? '{}') as { Version?: unknown; Id?: unknown; Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const observed = { Version: doc.Version, Id: doc.Id, Statement: statements };
    const expected = (sid: string) => ({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    const documented = SIDS.some((sid) => JSON.stringify(sorted(observed)) === JSON.stringify(sorted(expected(sid))));
    s.check(documented, 'default key policy', expected(SIDS.join('" or "')), observed);
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
