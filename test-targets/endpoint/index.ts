import { defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { EndpointTarget } from './endpoint-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'endpoint',
  options: z.strictObject({ endpoint: z.string().optional(), region: z.string().optional(), realTimeWindows }),
  create: (o) => new EndpointTarget(o.endpoint, { ...(o.region ? { region: o.region } : {}), realTimeWindows: o.realTimeWindows === true }),
  about,
});
