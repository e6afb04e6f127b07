import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['reference/**/*.test.ts', 'src/**/*.test.ts', 'test/**/*.test.ts', 'test-targets/**/*.test.ts'],
    // No blanket retries: a divergence that shows one time in three must stay visible.
    retry: 0,
    testTimeout: 60_000,
  },
});
