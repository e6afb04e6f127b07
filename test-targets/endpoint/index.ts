import { defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { EndpointTarget } from './endpoint-target.js';

export const target = defineTarget({
  name: 'endpoint',
  description: 'any emulator the user runs: --endpoint URL or --endpoint sqs=URL,sns=URL,kms=URL; never wiped',
  options: z.strictObject({ endpoint: z.string().optional(), region: z.string().optional(), realTimeWindows }),
  create: (o) => new EndpointTarget(o.endpoint, { ...(o.region ? { region: o.region } : {}), realTimeWindows: o.realTimeWindows === true }),
  notInMatrix: 'whatever the user points it at; no baseline',
});
