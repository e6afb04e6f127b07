import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; inside the repo that is the source.
    alias: { 'sse-conformance/reference': fileURLToPath(new URL('./reference/index.ts', import.meta.url)) },
  },
  test: {
    include: ['reference/**/*.test.ts', 'src/**/*.test.ts', 'test/**/*.test.ts', 'test-targets/**/*.test.ts'],
    globalSetup: ['test/build-dist.global-setup.ts'],
    // No blanket retries: a divergence that shows one time in three must stay visible.
    retry: 0,
    testTimeout: 60_000,
  },
});
