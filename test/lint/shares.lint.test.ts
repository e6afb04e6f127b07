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
/** Generators of src/arbitraries/ that make alias/aws/ names. */
const MANAGED_KEY_GENERATORS = ['keyIdStringArb', 'aliasCaseArb'];

describe('what clauses share', () => {
  it.each(files.map((f) => [f.file, f] as const))('%s', (file, f) => {
    const source = readFileSync(join(SPECS_DIR, file), 'utf8');
    const touches = source.includes('alias/aws/') || MANAGED_KEY_GENERATORS.some((g) => source.includes(g)) || f.clause.features.includes('aws-managed-keys');
    const shared = sharedStates(f.clause.shares);
    if (touches)
      expect(shared, 'it touches the AWS managed keys: shares: ["aws-managed-keys"] (exclusive when it changes or observes them)').toContain(
        'aws-managed-keys',
      );
    for (const s of shared) expect(Object.keys(SHARED_STATES)).toContain(s);
  });

  it('the generators it looks for still make alias/aws/ names', () => {
    const arbitraries = ['keys.ts', 'queues.ts'].map((f) => readFileSync(join(SPECS_DIR, '../src/arbitraries', f), 'utf8')).join('\n');
    for (const g of MANAGED_KEY_GENERATORS) expect(arbitraries, g).toMatch(new RegExp(`export const ${g}`));
    expect(arbitraries).toContain('alias/aws/');
  });
});
