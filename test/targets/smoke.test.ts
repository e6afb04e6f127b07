/**
 * The one emulator run of `npm test` (the full matrix is in test/targets/baselines.test.ts, `npm run test:all`):
 * moto, started as the matrix starts it, on one clause per service and one across SNS and SQS, passes and known
 * deviations both among them, matches its baseline exactly. Without a provisioned moto it is reported as not
 * run (CI: it fails).
 */
import { it } from 'vitest';
import { requireOrSkip } from '../prerequisites.js';
import { expectRunMatchesBaseline } from './baseline-check.js';
import { SMOKE_CLAUSES } from './smoke-clauses.js';

it('moto matches its baseline on a smoke selection of clauses', async (ctx) => {
  requireOrSkip(ctx, { emulators: ['moto'] });
  await expectRunMatchesBaseline('moto', [...SMOKE_CLAUSES]);
}, 120_000);
