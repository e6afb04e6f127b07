/**
 * Everything keyed by clause id names a clause of the specification: a clause renamed or removed would
 * otherwise leave entries that nothing reads (a baseline entry, a mutant, a smoke or fault-run clause, a
 * measured record or a reproduction), and each would go quietly stale. (test/fixtures/baselines-v1/ is left
 * out: frozen copies of baselines as they once were, kept to prove their conversion.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/baseline.js';
import { MeasuredRecordSchema } from '../../app/docs/measured.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { loadClauses } from '../../src/spec-loader.js';
import { QUICK_CLAUSES } from '../../test-targets/faulty/quick-clauses.js';
import { TARGET_MODULES } from '../../test-targets/registry.js';
import { MUTANTS } from '../mutants/mutants.js';
import { SMOKE_CLAUSES } from '../targets/smoke-clauses.js';

const ids = new Set((await loadClauses()).map((c) => c.id));
const files = (dir: string, ending: string) =>
  existsSync(join(PACKAGE_ROOT, dir))
    ? readdirSync(join(PACKAGE_ROOT, dir))
        .filter((f) => f.endsWith(ending))
        .map((f) => join(PACKAGE_ROOT, dir, f))
    : [];

/** Each place that keys something by clause id, and the ids it uses. */
const KEYED: [string, string[]][] = [
  ...TARGET_MODULES.filter((m) => m.baseline && existsSync(m.baseline)).map((m): [string, string[]] => [
    `test-targets/${m.name}/baseline.json`,
    Object.keys(readBaseline(m.baseline!)),
  ]),
  ['test/mutants (MUTANTS)', MUTANTS.map((m) => m.clause)],
  ['test/targets/smoke-clauses.ts (SMOKE_CLAUSES)', [...SMOKE_CLAUSES]],
  ['test-targets/faulty/quick-clauses.ts (QUICK_CLAUSES)', [...QUICK_CLAUSES]],
  ...files('docs/measured', '.record.json').flatMap((f): [string, string[]][] => {
    const record = MeasuredRecordSchema.parse(JSON.parse(readFileSync(f, 'utf8')));
    const report = JSON.parse(readFileSync(join(f, '..', record.report), 'utf8')) as { clauses: { id: string }[] };
    return [
      [`docs/measured/${basename(f)} (clauseSources, reproductions)`, [...Object.keys(record.clauseSources), ...record.reproductions.map((r) => r.clause)]],
      [`docs/measured/${record.report} (clauses)`, report.clauses.map((c) => c.id)],
    ];
  }),
  // Standalone reproductions name their clause in their header (`// Clause <id> (MUST): …`).
  ...[
    ...files('docs/reproductions', '.mjs'),
    ...readdirSync(join(PACKAGE_ROOT, 'docs/measured'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => files(`docs/measured/${d.name}`, '.mjs')),
  ].map((f): [string, string[]] => [f.slice(PACKAGE_ROOT.length + 1), [...readFileSync(f, 'utf8').matchAll(/^\/\/ Clause (\S+) /gm)].map((m) => m[1]!)]),
];

describe('clause ids used as keys', () => {
  it('are found in every place that keys by them', () => {
    const where = KEYED.map(([w]) => w);
    for (const expected of ['baseline.json', 'MUTANTS', 'SMOKE_CLAUSES', 'QUICK_CLAUSES', 'clauseSources', 'docs/reproductions/'])
      expect(
        where.some((w) => w.includes(expected)),
        expected,
      ).toBe(true);
    for (const [w, used] of KEYED) expect(used.length, w).toBeGreaterThan(0);
  });

  it.each(KEYED)('%s names only clauses of the specification', (_where, used) => {
    expect(used.filter((id) => !ids.has(id))).toEqual([]);
  });
});
