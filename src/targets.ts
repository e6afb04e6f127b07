/**
 * The target registry: target names a user can pass to `run`, and how each is built. Targets
 * that are not built yet are named with the reason, so that asking for one is a clear error.
 */
import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';
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
}

const BUILDERS: Record<string, (o: TargetOptions) => RunnableTarget> = {
  reference: () => new ReferenceTarget(),
  moto: (o) => new MotoTarget(o.endpoint ? { endpoint: o.endpoint } : {}),
  fauxqs: () => new FauxqsTarget(),
  localstack: () => new LocalstackTarget(),
  endpoint: (o) => new EndpointTarget(o.endpoint),
};

/** Targets of the design that are not built yet, and why (see the issues). */
const PLANNED: Record<string, string> = {
  aws: 'the real-AWS target is not built yet (issue 4)',
};

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
