/**
 * The target registry: every module under test-targets/, by name. Adding a target is adding a
 * folder with an index.ts and a line here.
 */
import { OPTION_FLAGS, type TargetModule, type TargetOptions } from './module.js';
import type { Target } from '../src/target.js';
import { UsageError } from '../src/usage-error.js';
import { target as aws } from './aws/index.js';
import { target as elasticmq } from './elasticmq/index.js';
import { target as endpoint } from './endpoint/index.js';
import { target as fakecloud } from './fakecloud/index.js';
import { target as fauxqs } from './fauxqs/index.js';
import { target as floci } from './floci/index.js';
import { target as goaws } from './goaws/index.js';
import { target as localKms } from './local-kms/index.js';
import { target as localstack } from './localstack/index.js';
import { target as localstackContainer } from './localstack-container/index.js';
import { target as moto } from './moto/index.js';
import { target as recorded } from './recorded/index.js';
import { target as reference } from './reference/index.js';
import { target as s3rver } from './s3rver/index.js';
import { target as seaweedfs } from './seaweedfs/index.js';

export const TARGET_MODULES: readonly TargetModule[] = [
  reference,
  localstack,
  moto,
  fauxqs,
  fakecloud,
  goaws,
  localKms,
  elasticmq,
  s3rver,
  seaweedfs,
  localstackContainer,
  floci,
  endpoint,
  aws,
  recorded,
];

export const TARGET_NAMES = TARGET_MODULES.map((m) => m.name);

export class TargetUsageError extends UsageError {
  override readonly name = 'TargetUsageError';
}

export function targetModule(name: string): TargetModule {
  const m = TARGET_MODULES.find((x) => x.name === name);
  if (!m) throw new TargetUsageError(`unknown target "${name}"; known targets: ${TARGET_NAMES.join(', ')}`);
  return m;
}

/** Builds a target; options it does not take are a usage error naming the flag. */
export function makeTarget(name: string, options: TargetOptions = {}): Target {
  const m = targetModule(name);
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== false));
  const parsed = m.options.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      if (i.code === 'unrecognized_keys') return `target ${name} does not take ${i.keys.map((k) => OPTION_FLAGS[k as keyof TargetOptions] ?? k).join(', ')}`;
      const key = i.path[0] as keyof TargetOptions | undefined;
      return `${key ? (OPTION_FLAGS[key] ?? String(key)) : name}: ${i.message}`;
    });
    throw new TargetUsageError(problems.join('; '));
  }
  return m.create(parsed.data);
}

/** The baseline file of a target, if it has one. */
export const baselineFile = (name: string): string | undefined => TARGET_MODULES.find((m) => m.name === name)?.baseline;
