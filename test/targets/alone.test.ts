/**
 * A clause's verdict does not depend on the clauses run before it: on fakecloud, whose DescribeKey does not create
 * aws/s3 (S3 creates it on first use), each S3 clause that shares the AWS managed keys, run alone on a wiped
 * instance, matches fakecloud's baseline (written from a whole run). Five of them did not before the clauses learnt
 * aws/s3's ARN in an order-independent way (src/steps/s3.ts, awsManagedS3KeyArnBeforeUse): a `--clause` or
 * `--shard` run failed where the whole run passed. `npm run reliability:alone` measures every emulator
 * (docs/reliability.md); this holds the class on the emulator where it was found.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readBaseline } from '../../src/baseline.js';
import { runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { FakecloudTarget } from '../../test-targets/fakecloud/fakecloud-target.js';
import { baselinePath } from '../../test-targets/module.js';
import { describeNeeding } from '../prerequisites.js';

const baseline = readBaseline(baselinePath('fakecloud'));
const clauses = (await loadClauses()).filter(
  (c) => c.id.startsWith('s3.') && c.shares?.some((s) => (typeof s === 'string' ? s : s.state) === 'aws-managed-keys'),
);

describeNeeding({ emulators: ['fakecloud'] }, 'an S3 clause alone on fakecloud', () => {
  const running = new FakecloudTarget();
  beforeAll(() => running.start(), 60_000);
  afterAll(() => running.dispose());

  it('there are some, among them those that compare answers with the ARN of aws/s3', () => {
    expect(clauses.length).toBeGreaterThanOrEqual(15);
    expect(clauses.map((c) => c.id)).toContain('s3.multipart.bucket-default-applies');
  });

  it.each(clauses.map((c) => [c.id, c] as const))(
    '%s matches the baseline alone',
    async (_id, clause) => {
      // Arrange: the running fakecloud, wiped (its reset request), as a fresh start would leave it
      const target = new FakecloudTarget({ endpoint: running.endpoint!, reset: true });
      // Act
      const report = await runConformance(target, { clauses: [clause], baseline });
      // Assert
      const c = report.clauses[0]!;
      expect(['pass', 'expected-fail', 'expected-error'], `${c.verdict}: ${c.reason}`).toContain(c.verdict);
    },
    60_000,
  );
});
