/**
 * The layers of .dependency-cruiser.cjs hold on the project (specs → engine → target, the reference below all), and
 * each rule catches the import it forbids, shown on a fixture tree of wrong imports (test/fixtures/layers).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseOptions, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';

const config = createRequire(import.meta.url)(join(PACKAGE_ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: NonNullable<ICruiseOptions['ruleSet']>['forbidden'];
  options: ICruiseOptions;
};

async function violations(baseDir: string, roots: string[]): Promise<IViolation[]> {
  const { tsConfig: _ts, ...options } = config.options as ICruiseOptions & { tsConfig?: unknown };
  const result = await cruise(roots, { ...options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser gave text, not a result');
  return result.output.summary.violations;
}

describe('the layers', () => {
  it('hold on the project: no violation', async () => {
    const found = await violations(PACKAGE_ROOT, ['reference', 'src', 'specs', 'test-targets', 'app', 'scripts', 'bench', 'test']);
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it('catch the reference importing the engine, the engine a target, a target a clause and a target the app', async () => {
    const found = await violations(join(PACKAGE_ROOT, 'test/fixtures/layers'), ['reference', 'src', 'specs', 'test-targets', 'app']);
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()).toEqual([
      'engine-imports-no-target: src/engine.mjs → test-targets/target.mjs',
      'nothing-below-imports-the-app: test-targets/app-user.mjs → app/main.mjs',
      'reference-is-the-bottom: reference/model.mjs → src/engine.mjs',
      'targets-know-no-clause: test-targets/target.mjs → specs/clause.spec.mjs',
    ]);
  });
});
