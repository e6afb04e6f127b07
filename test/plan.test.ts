/** The cost plan a real account's run prints first (src/plan.ts): an upper estimate, counting only clauses the target can observe. */
import { describe, expect, it } from 'vitest';
import { planRun, USD_PER_REQUEST } from '../src/plan.js';
import { loadClauses } from '../src/spec-loader.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const clauses = await loadClauses();

describe('planRun', () => {
  it('prices every request at least at the dearest one a clause makes: an S3 PUT ($0.005 per 1,000)', () => {
    expect(USD_PER_REQUEST).toBeGreaterThanOrEqual(0.005 / 1_000);
    expect(USD_PER_REQUEST).toBeGreaterThanOrEqual(0.03 / 10_000); // KMS
  });

  it('counts the S3 clauses on a target that serves S3, and not on one that does not', () => {
    const s3 = clauses.filter((c) => c.id.startsWith('s3.'));
    expect(s3.length).toBeGreaterThan(0);
    const serves = new ReferenceTarget();
    const lacks = new ReferenceTarget();
    Object.assign(lacks.capabilities, { services: ['kms', 'sns', 'sqs'] });
    const plan = planRun(serves, s3, 3);
    expect(plan.clauses).toBe(s3.length);
    expect(plan.requests).toBeGreaterThanOrEqual(plan.runs * 8);
    expect(plan.usd).toBeCloseTo(plan.requests * USD_PER_REQUEST, 10);
    expect(planRun(lacks, s3, 3)).toEqual({ clauses: 0, runs: 0, requests: 0, usd: 0 });
  });
});
