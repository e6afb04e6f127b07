/**
 * The vitest configuration that Stryker runs (`npm run mutation`, stryker.config.mjs): the
 * specification, every clause against the reference model, plus the clause-independent property
 * tests in CLAUSE_INDEPENDENT, each with the reason no clause can hold that behaviour. No global
 * setup: the clauses run from source, dist/ is not needed.
 *
 * The model-based clause's oracle (src/model-based/oracle.ts) is redirected to the frozen copy of
 * reference/ that scripts/mutation.ts makes before Stryker starts (SSE_FROZEN_ORACLE): inside
 * Stryker's sandbox reference/ is the mutated model, and a model judged against itself cannot fail.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { CLAUSE_INDEPENDENT } from './scripts/spec-strength.js';

const frozen = process.env.SSE_FROZEN_ORACLE;
if (!frozen || !existsSync(join(frozen, 'index.ts'))) {
  throw new Error('vitest.mutation.config.ts needs SSE_FROZEN_ORACLE, a frozen copy of reference/: run it through `npm run mutation`');
}

const frozenOracle: Plugin = {
  name: 'frozen-oracle',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer?.replaceAll('\\', '/').endsWith('/src/model-based/oracle.ts')) return null;
    const m = /^\.\.\/\.\.\/reference\/(.+)\.js$/.exec(source);
    return m ? join(frozen, `${m[1]}.ts`) : null;
  },
};

export default defineConfig({
  plugins: [frozenOracle],
  resolve: {
    alias: { 'sse-conformance/reference': fileURLToPath(new URL('./reference/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/conformance/reference.test.ts', ...Object.keys(CLAUSE_INDEPENDENT)],
    retry: 0,
    testTimeout: 60_000,
  },
});
