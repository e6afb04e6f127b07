/** What `run --help`, the README's table of targets and the conformance matrix say of the reference target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'the in-process model: virtual clock, at-rest inspection',
  matrix: {},
};
