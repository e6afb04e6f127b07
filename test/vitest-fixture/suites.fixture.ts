/**
 * What a user's test file looks like with sse-conformance/vitest, four times over the same two
 * clauses: a target that cannot observe SQS (skipped), a wrong variant of the reference whose
 * deviations the baseline names (expected failure), the same without a baseline (failure), and a
 * baseline that names another deviation (a new deviation fails an expected-failure test). Then twice
 * over one clause on a target that answers HTTP 500: a baseline that names that fault (expected error),
 * and one that names another (a failure).
 */
import { runClause } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { describeConformance } from '../../app/vitest.js';
import { FaultyTarget } from '../../test-targets/faulty/index.js';
import { ReferenceTarget } from '../../test-targets/reference/reference-target.js';
import { MUTANTS } from '../mutants/mutants.js';

const ID = 'sqs.sse-kms.key-policy-deny-refuses-send';
const clauses = [ID, 'kms.aliases.alias-name-rules'];
const mutant = MUTANTS.find((m) => m.clause === ID)!;
const wrong = () => new ReferenceTarget({ decorate: mutant.decorate });

const kmsOnly = new ReferenceTarget();
Object.assign(kmsOnly.capabilities, { services: ['kms'] });
describeConformance(kmsOnly, { name: 'kms-only', clauses });

// The baseline a user would write with run --write-baseline: every deviation this variant shows.
const probe = wrong();
await probe.start();
const found = await runClause(probe, (await loadClauses()).find((c) => c.id === ID)!, { seed: 20261123, runs: 25, prefix: 'probe' });
const since = '2026-11-26';
describeConformance(wrong(), {
  name: 'baselined',
  clauses,
  baseline: { [ID]: { reason: mutant.bug, since, deviations: found.deviations!.map((d) => d.identity!) } },
});
describeConformance(wrong(), { name: 'no-baseline', clauses, runs: 25 });
describeConformance(wrong(), {
  name: 'other-baseline',
  clauses,
  baseline: { [ID]: { reason: 'another', since, deviations: [{ service: 'sqs', operation: 'SendMessage', expected: ['success'], observed: 'KMS.Disabled' }] } },
});

const broken = () => new FaultyTarget(new ReferenceTarget(), { serverErrorRate: 1, seed: 1 });
const fault = { service: 'kms' as const, operation: 'CreateKey', httpStatus: 500, code: 'Unmapped:KMSInternalException' };
describeConformance(broken(), { name: 'faulted', clauses: [ID], baseline: { [ID]: { reason: 'HTTP 500', since, verdict: 'error', fault } } });
describeConformance(broken(), {
  name: 'other-fault',
  clauses: [ID],
  baseline: { [ID]: { reason: 'HTTP 500', since, verdict: 'error', fault: { ...fault, operation: 'Encrypt' } } },
});
