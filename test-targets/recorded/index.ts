import { defineTarget } from '../module.js';
import { z } from '../options.js';
import { RecordedTarget } from './recorded-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'recorded',
  options: z.strictObject({
    recording: z.string({ error: 'the recorded target needs the file run --record wrote: --recording FILE' }).min(1, 'the file written by run --record'),
  }),
  create: (o) => new RecordedTarget({ recording: o.recording! }),
  about,
});
