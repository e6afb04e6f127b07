import { defineTarget } from '../module.js';
import { z } from '../options.js';
import { AwsTarget } from './aws-target.js';

export const target = defineTarget({
  name: 'aws',
  description: 'a real account, opt-in: STS allow-list first, prefixed and tagged resources, pooled KMS keys',
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
  notInMatrix: 'no network here; AWS has no baseline (a failure there means a clause is wrong)',
});
