/**
 * What a run will cost before it starts (docs/architecture.md, "Real accounts: safety first": a run
 * prints its planned request count and estimated cost before it starts). An upper estimate: every run
 * of a clause makes at most STEPS_PER_RUN calls plus cleanup, priced at the dearest request of the services.
 */
import type { Clause } from './clause.js';
import { meets, requirementsOf, type Target } from './target.js';

/** Most calls one generated run makes (arrange, act, assert; the model-based clause up to 14). */
const STEPS_PER_RUN = 8;
const MODEL_BASED_STEPS = 14;
const CLEANUP_PER_RUN = 4;
/**
 * USD per request: S3 Standard's PUT, COPY, POST and LIST, $0.005 per 1,000 (https://aws.amazon.com/s3/pricing/, us-east-1);
 * KMS's $0.03 per 10,000, SQS's $0.40 and SNS's $0.50 per million, and S3's GET are cheaper.
 */
export const USD_PER_REQUEST = 0.005 / 1_000;
/** USD per customer managed key per month, for pooled keys (KMS pricing). */
export const USD_PER_KEY_MONTH = 1;

export interface Plan {
  clauses: number;
  runs: number;
  requests: number;
  usd: number;
}

export function planRun(target: Target, clauses: Clause[], runsPerClause: number): Plan {
  let requests = 0;
  let runs = 0;
  let n = 0;
  for (const c of clauses) {
    if (requirementsOf(c).some((r) => !meets(target, r))) continue;
    const r = Math.min(runsPerClause, c.maxRuns ?? Infinity);
    n++;
    runs += r;
    requests += r * ((c.features.includes('model-based') ? MODEL_BASED_STEPS : STEPS_PER_RUN) + CLEANUP_PER_RUN);
  }
  return { clauses: n, runs, requests, usd: requests * USD_PER_REQUEST };
}

export function describePlan(p: Plan, pooledKeys: number): string {
  return (
    `Plan: ${p.clauses} clauses, ${p.runs} generated runs, at most ~${p.requests} requests before shrinking, ` +
    `estimated ≤ $${p.usd.toFixed(4)} in request charges; pooled KMS keys: up to ${pooledKeys} × $${USD_PER_KEY_MONTH}/month while they exist.`
  );
}
