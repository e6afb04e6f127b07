import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SLOW_TESTS, TEST_ROOTS } from './test/projects.js';
import MatrixFirstSequencer from './test/sequencer.js';

// Two projects (test/projects.ts says which file goes where): `npm test` runs `quick`, `npm run test:all` both.
export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; inside the repo that is the source.
    alias: { 'sse-conformance/reference': fileURLToPath(new URL('./reference/index.ts', import.meta.url)) },
  },
  test: {
    // The Node check and the end-of-run list of what could not run on this machine.
    globalSetup: ['test/global-setup.ts'],
    // No blanket retries: a divergence that shows one time in three must stay visible.
    retry: 0,
    // The emulator matrix starts first among the slow files (test/sequencer.ts says why).
    sequence: { sequencer: MatrixFirstSequencer },
    testTimeout: 60_000,
    // The CLI's warning about an unsupported Node is not what stderr assertions are about (test/cli.test.ts asserts it).
    env: { SSE_CONFORMANCE_NODE_WARNING: 'off' },
    projects: [
      // Not isolated: the quick files share one module graph per worker (the specification, the model, the SDK), which
      // halves `npm test`; none mocks, stubs or changes globals or the environment (test/lint/projects.lint.test.ts).
      {
        extends: true,
        test: { name: 'quick', isolate: false, include: TEST_ROOTS, exclude: [...SLOW_TESTS, '**/node_modules/**'], sequence: { groupOrder: 0 } },
      },
      // The slow tests run the built CLI: dist/ is rebuilt first when its sources changed. Two files at once even on
      // two cores (vitest's default there is one): the emulator matrix spends most of its eight minutes waiting real
      // time for data-key windows, and the other slow files fill that time instead of queueing behind it. A project
      // with its own worker count runs in its own group: the quick files first, when one command runs both. Hooks get two
      // minutes: beside the matrix and CI's Node 24 leg, deleting an installed tarball's node_modules took over 10 s.
      {
        extends: true,
        test: {
          name: 'slow',
          include: [...SLOW_TESTS],
          globalSetup: ['test/build-dist.global-setup.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
