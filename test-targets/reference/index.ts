import { defineTarget } from '../module.js';
import { z } from '../options.js';
import { ReferenceTarget } from './reference-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'reference',
  options: z.strictObject({}),
  create: () => new ReferenceTarget(),
  about,
});
