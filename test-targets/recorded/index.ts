import { defineTarget } from '../module.js';
import { z } from '../options.js';
import { RecordedTarget } from './recorded-target.js';

export const target = defineTarget({
  name: 'recorded',
  description: 'a recording (run --record FILE) answering offline: --recording FILE; scenarios and calls it does not hold are not observable',
  options: z.strictObject({
    recording: z.string({ error: 'the recorded target needs the file run --record wrote: --recording FILE' }).min(1, 'the file written by run --record'),
  }),
  create: (o) => new RecordedTarget({ recording: o.recording! }),
  notInMatrix: 'it answers as the target it recorded did (CI replays moto and LocalStack recordings, test/recording-cli.test.ts)',
});
