/** What `run --help`, the README's table of targets and the conformance matrix say of the reference target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'the in-process model: virtual clock, at-rest inspection',
  atRest: "the model's own message store (reference/message-store.ts): each stored message as it was sealed when sent, with its attributes",
  matrix: {},
};
