/**
 * `npm test` stays quick only if its files stay in this process: a test file that starts a process (the built
 * CLI, an emulator, npm, a browser) belongs in SLOW_TESTS (test/projects.ts), where `npm run test:all` runs it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { SLOW_TESTS, SMOKE_TEST } from '../projects.js';

/** What a test file that starts a process imports or calls. */
const STARTS_A_PROCESS =
  /cli-runner|child_process|\bexeca\b|startMoto|spawnedEmulator|requireOrSkip|describeNeeding|playwright|packed-install|expectRunMatchesBaseline/;

/** What changes state that outlives a test file: module mocks, stubs, spies, fake timers, the environment, globals. */
const SHARED_STATE =
  /vi\.(mock|doMock|stub\w*|spyOn|useFakeTimers)\(|process\.env(\.\w+|\[[^\]]+\])\s*(=[^=]|\?\?=)|delete process\.env|globalThis\.\w+\s*=[^=]/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') ? [relative(PACKAGE_ROOT, p)] : [];
  });
}

const slow = new Set<string>(SLOW_TESTS);
const THIS_FILE = 'test/lint/projects.lint.test.ts'; // names the pattern, starts nothing
const quick = ['reference', 'src', 'test', 'test-targets']
  .flatMap((d) => testFiles(join(PACKAGE_ROOT, d)))
  .filter((f) => !slow.has(f) && f !== SMOKE_TEST && f !== THIS_FILE);

describe('the quick project (npm test)', () => {
  it.each(quick)('%s starts no process', (file) => {
    expect(STARTS_A_PROCESS.exec(readFileSync(join(PACKAGE_ROOT, file), 'utf8'))?.[0], 'move it to SLOW_TESTS in test/projects.ts').toBeUndefined();
  });

  // The quick project is not isolated (vitest.config.ts): a file that changed shared state would leak into the next.
  it.each(quick)('%s mocks, stubs and changes no global state', (file) => {
    expect(SHARED_STATE.exec(readFileSync(join(PACKAGE_ROOT, file), 'utf8'))?.[0], 'move it to SLOW_TESTS in test/projects.ts').toBeUndefined();
  });

  // A service registered at run time (src/services/registry.ts) would be in every later file's registry.
  it.each(quick)('%s removes every service it registers', (file) => {
    const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
    if (/\bregisterService\(/.test(text)) expect(text, 'call what registerService returns in afterAll').toMatch(/afterAll\(\(\) => unregister\w*\(\)\)/);
  });

  it('lists only slow test files that exist, and the smoke test', () => {
    expect([...SLOW_TESTS, SMOKE_TEST].filter((f) => !existsSync(join(PACKAGE_ROOT, f)))).toEqual([]);
  });

  it('would catch a quick file that runs the CLI or changes shared state', () => {
    expect(STARTS_A_PROCESS.test("import { cli } from './cli-runner.js';")).toBe(true);
    for (const bad of [
      "vi.mock('../x.js')",
      'vi.useFakeTimers()',
      "process.env.AWS_REGION = 'x'",
      'process.env.X ??= "1"',
      "process.env['X'] = 'y'",
      'globalThis.fetch = f',
    ])
      expect(SHARED_STATE.test(bad), bad).toBe(true);
    expect(SHARED_STATE.test('if (process.env.CI === "true")')).toBe(false);
  });
});
