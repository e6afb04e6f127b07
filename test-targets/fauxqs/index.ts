import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineOf, defineTarget } from '../module.js';
import { realTimeWindows, z } from '../options.js';
import { FauxqsTarget } from './fauxqs-target.js';

const fauxqsVersion = (): string | undefined => {
  try {
    // fauxqs's exports hide its package.json; find it beside the entry point.
    let dir = dirname(fileURLToPath(import.meta.resolve('fauxqs')));
    while (!dir.endsWith('node_modules/fauxqs') && dir !== dirname(dir)) dir = dirname(dir);
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
};

export const target = defineTarget({
  name: 'fauxqs',
  description: 'fauxqs in-process for SNS and SQS (its inspection API shows messages at rest); KMS from a moto it starts, since fauxqs has none',
  options: z.strictObject({ realTimeWindows }),
  create: (o) => new FauxqsTarget(o),
  baseline: baselineOf('fauxqs'),
  emulators: ['moto'],
  version: fauxqsVersion(),
  matrix: { realTimeWindows: true },
});
