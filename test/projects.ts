/**
 * The two vitest projects (vitest.config.ts). `quick` is what `npm test` runs on every change: everything that
 * runs in this process (the model, the specification on the reference, the lint, reports, …) and one short smoke
 * run of one emulator. `slow` is the rest, which `npm run test:all` adds: every test that starts a process (the
 * built CLI, an emulator, npm, a browser) and the full emulator matrix. A test file belongs to `quick` unless
 * it is listed here; test/lint/projects.lint.test.ts fails when a quick file starts a process.
 */
export const SLOW_TESTS = [
  // the built CLI as a child process
  'test/cli.test.ts',
  'test/cli-bad-input.test.ts',
  'test/cli-diff.test.ts',
  'test/cli-epipe.test.ts',
  'test/faulty-cli.test.ts',
  'test/interrupt.test.ts',
  'test/kill-cli.test.ts',
  'test/recording.test.ts',
  'test/recording-cli.test.ts',
  'test/replay.test.ts',
  'test/secrets.test.ts',
  // generated reproductions, npm, vitest, provisioning and a browser as child processes
  'test/reproduce.test.ts',
  'test/reproduce-moto.test.ts',
  'test/package.test.ts',
  'test/vitest.test.ts',
  'test/provision.test.ts',
  'test/old-node.test.ts',
  'test/html-report.test.ts',
  // emulators: lifecycles, faults and the matrix
  'test/faults.test.ts',
  'test/targets/alone.test.ts',
  'test/targets/aws.test.ts',
  'test/targets/baselines.test.ts',
  'test/targets/concurrency.test.ts',
  'test/targets/emulator-target.test.ts',
  'test/targets/endpoint.test.ts',
  'test/targets/fakecloud-reproductions.test.ts',
  'test/targets/floci.test.ts',
  'test/targets/localstack.test.ts',
  'test/targets/localstack-container.test.ts',
  'test/targets/loopback.test.ts',
  'test/targets/moto.test.ts',
  'test/targets/s3rver.test.ts',
  'test/targets/seaweedfs.test.ts',
  'test/targets/registry.test.ts',
  // a module replaced (vi.mock), which the quick project's shared module graph must not see
  'test/wording.test.ts',
] as const;

/** The one emulator run `npm test` makes (its file may start a process: that is its point). */
export const SMOKE_TEST = 'test/targets/smoke.test.ts';

export const TEST_ROOTS = ['reference/**/*.test.ts', 'src/**/*.test.ts', 'app/**/*.test.ts', 'test/**/*.test.ts', 'test-targets/**/*.test.ts'];
