import { defineTarget } from '../module.js';
import { z } from '../options.js';
import { ReferenceTarget } from './reference-target.js';

export const target = defineTarget({
  name: 'reference',
  description: 'the in-process model: virtual clock, at-rest inspection',
  options: z.strictObject({}),
  create: () => new ReferenceTarget(),
  matrix: {},
});
