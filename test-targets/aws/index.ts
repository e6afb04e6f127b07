import { defineTarget } from '../module.js';
import { z } from '../options.js';
import { AwsTarget } from './aws-target.js';
import { about } from './about.js';
import { sweep } from './sweep.js';
import { ACCOUNT_ID_EXPECTED, ACCOUNT_ID_PATTERN } from '../../src/aws-ids.js';
import { quoted } from '../../src/terminal-text.js';
import { UsageError } from '../../src/usage-error.js';

/**
 * The allow-list, from --allow-account or else SSE_CONFORMANCE_ALLOWED_ACCOUNTS. None, or a malformed one, is a
 * configuration error (exit code 2) before anything starts; the target still asks STS who it is before any call.
 */
function allowList(given: string[] | undefined): string[] {
  if (given?.length) return given;
  const fromEnv = (process.env.SSE_CONFORMANCE_ALLOWED_ACCOUNTS ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = fromEnv.find((a) => !ACCOUNT_ID_PATTERN.test(a));
  if (bad !== undefined)
    throw new UsageError(`SSE_CONFORMANCE_ALLOWED_ACCOUNTS must hold ${ACCOUNT_ID_EXPECTED}s, separated by commas; it holds ${quoted(bad)}`);
  if (fromEnv.length === 0)
    throw new UsageError('refusing to run against AWS without an allow-list: pass --allow-account ACCOUNT_ID (or SSE_CONFORMANCE_ALLOWED_ACCOUNTS)');
  return fromEnv;
}

export const target = defineTarget({
  name: 'aws',
  options: z.strictObject({
    allowedAccounts: z.array(z.string().regex(ACCOUNT_ID_PATTERN, ACCOUNT_ID_EXPECTED)).optional(),
    region: z.string().optional(),
    endpoint: z.string().url().optional(),
  }),
  create: (o) =>
    new AwsTarget({
      allowedAccounts: allowList(o.allowedAccounts),
      region: o.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    }),
  sweep: (target, o) => sweep(target.clients(0), target.pool, o),
  about,
});
