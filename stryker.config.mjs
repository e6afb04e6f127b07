// Mutation testing of the reference model against the specification and its clause-independent tests (`npm run mutation`,
// issue 14). Not part of CI: a run over every file takes about 50 minutes on two cores (48 on 2026-12-07); a targeted
// run (`-- --mutate reference/<file>.ts`) takes minutes, and scripts/mutation.ts merges it into the document.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['reference/**/*.ts', '!reference/sdk/**', '!reference/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: '.mutation/stryker-incremental.json',
  reporters: ['json', 'progress-append-only'],
  jsonReporter: { fileName: '.mutation/mutation.json' },
  tempDirName: '.mutation/tmp',
  ignorePatterns: ['/.mutation', '/dist', '/.emulators', '/.tools', '/.ci-artifacts', '/bench', '/docs', '/test/.generated', '/.vitest'],
  concurrency: 2,
  timeoutMS: 10_000,
  cleanTempDir: 'always',
};
