/** What `run --help`, the README's table of targets and the conformance matrix say of the endpoint target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';
import { endpointsExample } from './endpoint-target.js';

export const about: TargetAbout = {
  description: `any emulator the user runs: --endpoint URL or --endpoint ${endpointsExample()}; never wiped`,
  atRest: 'none: an emulator of any kind, whose store it does not know',
  notInMatrix: 'whatever the user points it at; no baseline',
};
