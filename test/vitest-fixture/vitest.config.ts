/** Runs suites.fixture.ts on its own (test/vitest.test.ts spawns it): not part of `npm test`'s own files. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { include: ['test/vitest-fixture/suites.fixture.ts'], retry: 0 },
});
