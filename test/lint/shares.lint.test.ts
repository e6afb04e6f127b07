/**
 * Clauses run concurrently against one target (src/schedule.ts), isolated by their run prefix; what they touch
 * beside that must be declared (`shares`, src/shared-state.ts) or concurrency could change a verdict. The AWS
 * managed keys are the account-wide state clauses touch today: a clause that names alias/aws/ (in its file, or
 * through a generator that makes such names) or is tagged `aws-managed-keys` must share them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedStates, SHARED_STATES } from '../../src/shared-state.js';
import { loadSpecFiles, SPECS_DIR } from '../../src/spec-loader.js';

const files = await loadSpecFiles();
/** Generators of src/arbitraries/ that make alias/aws/ names, or ask for an AWS managed key (S3's `aws-managed`), by file. */
const MANAGED_KEY_GENERATORS = { 'keys.ts': ['aliasCaseArb'], 'queues.ts': ['keyIdStringArb'], 'objects.ts': ['encryptionArb'] } as const;
/** Steps of src/steps/ that use an AWS managed key. */
const MANAGED_KEY_STEPS = ['awsManagedS3KeyArn', 'expectedKeyArn'];
const generators = Object.values(MANAGED_KEY_GENERATORS).flat();

describe('what clauses share', () => {
  it.each(files.map((f) => [f.file, f] as const))('%s', (file, f) => {
    const source = readFileSync(join(SPECS_DIR, file), 'utf8');
    const touches =
      source.includes('alias/aws/') || [...generators, ...MANAGED_KEY_STEPS].some((g) => source.includes(g)) || f.clause.features.includes('aws-managed-keys');
    const shared = sharedStates(f.clause.shares);
    if (touches)
      expect(shared, 'it touches the AWS managed keys: shares: ["aws-managed-keys"] (exclusive when it changes or observes them)').toContain(
        'aws-managed-keys',
      );
    for (const s of shared) expect(Object.keys(SHARED_STATES)).toContain(s);
  });

  it.each(Object.entries(MANAGED_KEY_GENERATORS))(
    'the generators it looks for in src/arbitraries/%s still make alias/aws/ names or ask for aws-managed',
    (file, names) => {
      const source = readFileSync(join(SPECS_DIR, '../src/arbitraries', file), 'utf8');
      for (const g of names) expect(source, g).toMatch(new RegExp(`export const ${g}\\b`));
      expect(source).toMatch(/alias\/aws\/|'aws-managed'/);
    },
  );

  it('the steps it looks for still use an AWS managed key', () => {
    const source = readFileSync(join(SPECS_DIR, '../src/steps/s3.ts'), 'utf8');
    for (const g of MANAGED_KEY_STEPS) expect(source, g).toMatch(new RegExp(`export async function ${g}\\b`));
    expect(source).toContain('alias/aws/s3');
  });
});
