import { defineTarget } from '../module.js';
import { z } from '../options.js';
import { AwsTarget } from './aws-target.js';
import { about } from './about.js';

export const target = defineTarget({
  name: 'aws',
  options: z.strictObject({ allowedAccounts: z.array(z.string()).optional(), region: z.string().optional(), endpoint: z.string().url().optional() }),
  create: (o) =>
    new AwsTarget({
      allowedAccounts: o.allowedAccounts?.length
        ? o.allowedAccounts
        : (process.env.SSE_CONFORMANCE_ALLOWED_ACCOUNTS ?? '')
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean),
      region: o.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    }),
  about,
});
