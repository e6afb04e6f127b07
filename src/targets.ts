/**
 * The target registry: target names a user can pass to `run`, and how each is built. Targets
 * that are not built yet are named with the reason, so that asking for one is a clear error.
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';
import { AwsTarget } from '../test-targets/aws/aws-target.js';
import { EndpointTarget } from '../test-targets/endpoint/endpoint-target.js';
import { LocalstackTarget } from '../test-targets/localstack/localstack-target.js';
import { FauxqsTarget } from '../test-targets/fauxqs/fauxqs-target.js';
import { MotoTarget } from '../test-targets/moto/moto-target.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';
import type { Target } from './target.js';

export type RunnableTarget = Target & { defaultRuns?: number };

/** Where each target's baseline lives (the clauses it is known to fail). The reference has none. */
export const BASELINES: Record<string, string> = {
  moto: join(PACKAGE_ROOT, 'test-targets/moto/baseline.json'),
  fauxqs: join(PACKAGE_ROOT, 'test-targets/fauxqs/baseline.json'),
};

export interface TargetOptions {
  endpoint?: string;
  region?: string;
  /** aws: the account IDs the run may touch (also SSE_CONFORMANCE_ALLOWED_ACCOUNTS, comma-separated). */
  allowedAccounts?: string[];
  /** moto, fauxqs: run clauses that wait real time for data-key reuse windows (one wait of ~2 minutes). */
  realTimeWindows?: boolean;
}

const BUILDERS: Record<string, (o: TargetOptions) => RunnableTarget> = {
  reference: () => new ReferenceTarget(),
  moto: (o) => new MotoTarget({ ...(o.endpoint ? { endpoint: o.endpoint } : {}), realTimeWindows: o.realTimeWindows === true }),
  fauxqs: (o) => new FauxqsTarget({ realTimeWindows: o.realTimeWindows === true }),
  localstack: () => new LocalstackTarget(),
  endpoint: (o) => new EndpointTarget(o.endpoint, o.region ? { region: o.region } : {}),
  aws: (o) => new AwsTarget({
    allowedAccounts: o.allowedAccounts?.length ? o.allowedAccounts : (process.env.SSE_CONFORMANCE_ALLOWED_ACCOUNTS ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    region: o.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
  }),
};

/** Targets of the design that are not built yet, and why (see the issues). */
const PLANNED: Record<string, string> = {};

export class UnknownTargetError extends Error {
  override readonly name = 'UnknownTargetError';
}

export const TARGET_NAMES = Object.keys(BUILDERS);

export function makeTarget(name: string, options: TargetOptions = {}): RunnableTarget {
  const build = BUILDERS[name];
  if (build) return build(options);
  if (PLANNED[name]) throw new UnknownTargetError(`target "${name}" is not available: ${PLANNED[name]}`);
  throw new UnknownTargetError(`unknown target "${name}"; known targets: ${TARGET_NAMES.join(', ')}`);
}
