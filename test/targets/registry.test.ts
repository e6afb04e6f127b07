/** The target registry: one module per folder, options checked per target, a clear error for the rest. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { makeTarget, TARGET_MODULES, TargetUsageError } from '../../test-targets/registry.js';
import { cli } from '../cli-runner.js';

describe('the target registry', () => {
  it('has one folder per target, each with a description, and a baseline file where it names one', () => {
    for (const m of TARGET_MODULES) {
      expect(existsSync(join(PACKAGE_ROOT, 'test-targets', m.name, 'index.ts')), m.name).toBe(true);
      expect(m.about.description.length, m.name).toBeGreaterThan(10);
      if (m.baseline && m.about.matrix) expect(existsSync(m.baseline), m.baseline).toBe(true);
      if (!m.about.matrix) expect(m.about.notInMatrix, `${m.name} says why it is not in the matrix`).toBeTruthy();
    }
  });

  it('builds each target with the defaults its module gives', () => {
    for (const m of TARGET_MODULES.filter((x) => x.about.matrix)) {
      const t = makeTarget(m.name, m.about.matrix);
      expect(t.name).toBe(m.name);
      expect(t.defaultRuns).toBeGreaterThan(0);
    }
  });

  it('refuses an option the target does not take, naming the flag', () => {
    expect(() => makeTarget('fauxqs', { endpoint: 'http://127.0.0.1:1' })).toThrow(TargetUsageError);
    expect(() => makeTarget('fauxqs', { endpoint: 'http://127.0.0.1:1' })).toThrow('target fauxqs does not take --endpoint');
    expect(() => makeTarget('moto', { endpoint: 'not a url' })).toThrow(/--endpoint: a URL/);
    expect(() => makeTarget('nowhere')).toThrow(/unknown target "nowhere"; known targets: reference, localstack, moto/);
  });

  it('makes the CLI exit 2 for such an option, in one line', () => {
    const r = cli(['run', '--target', 'reference', '--reset', '--clause', 'sqs.sse-sqs.*']);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('sse-conformance: target reference does not take --reset');
  });
});
