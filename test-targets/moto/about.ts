/** What `run --help`, the README's table of targets and the conformance matrix say of the moto target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'spawns the provisioned moto_server on a free 127.0.0.1 port and stops it by PID; --endpoint URL uses a running one',
  matrix: { realTimeWindows: true },
};
