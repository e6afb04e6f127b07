/** What `run --help`, the README's table of targets and the conformance matrix say of the recorded target (kept apart from how it is built: ./index.ts). */
import type { TargetAbout } from '../module.js';

export const about: TargetAbout = {
  description: 'a recording (run --record FILE) answering offline: --recording FILE; scenarios and calls it does not hold are not observable',
  atRest: 'the inspections the recording holds, answered as the recorded target made them',
  notInMatrix: 'it answers as the target it recorded did (CI replays moto and LocalStack recordings, test/recording-cli.test.ts)',
};
