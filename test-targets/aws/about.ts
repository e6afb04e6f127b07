/** What `run --help`, the README's table of targets and the conformance matrix say of the aws target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'a real account, opt-in: STS allow-list first, prefixed and tagged resources, pooled KMS keys',
  atRest: 'none: AWS shows no stored message, only its consequences (X-3)',
  notInMatrix: 'no network here; AWS has no baseline (a failure there means a clause is wrong)',
};
