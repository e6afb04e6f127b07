/**
 * A change of console wording changes no verdict: with `signatureText` giving entirely other words, a
 * baseline written before still matches the same run (every mutant of the reference, its deviations
 * written as `--write-baseline` writes them), and moto still matches its committed baseline on the smoke
 * selection. Only the text changes. (It replaces a module, so it runs in the slow project.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { baselineFrom, readBaseline, writeBaseline } from '../src/baseline.js';
import { runConformance } from '../src/runner.js';
import type * as Signature from '../src/signature.js';
import { loadClauses } from '../src/spec-loader.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';
import { MUTANTS } from './mutants/mutants.js';
import { requireOrSkip } from './prerequisites.js';
import { expectRunMatchesBaseline } from './targets/baseline-check.js';
import { SMOKE_CLAUSES } from './targets/smoke-clauses.js';

const wording = vi.hoisted(() => ({ reworded: false }));
vi.mock('../src/signature.js', async (importOriginal) => {
  const real = await importOriginal<typeof Signature>();
  return {
    ...real,
    signatureText: (s: Parameters<typeof real.signatureText>[0]) => (wording.reworded ? `in other words: ${JSON.stringify(s)}` : real.signatureText(s)),
  };
});

afterEach(() => {
  wording.reworded = false;
});

describe('a change of wording', () => {
  it('leaves a baseline written before valid: every mutant run matches it again, only the text differs', async () => {
    // Arrange: each mutant's clause on its variant of the reference, written as a baseline in today's words
    const clauses = await loadClauses();
    const file = join(mkdtempSync(join(tmpdir(), 'ssec-words-')), 'baseline.json');
    const runs = await Promise.all(
      MUTANTS.map(async (m) => {
        const report = await runConformance(new ReferenceTarget({ decorate: m.decorate }), { clauses: clauses.filter((c) => c.id === m.clause), runs: 10 });
        return { m, report };
      }),
    );
    const before = Object.assign({}, ...runs.map(({ report }) => baselineFrom(report, {}, '2026-01-01')));
    writeBaseline(file, before);
    const textBefore = runs.flatMap(({ report }) => report.clauses.flatMap((c) => (c.deviations ?? []).map((d) => d.signature)));
    expect(Object.keys(before).length).toBeGreaterThan(70);
    // Act: the same runs, in other words
    wording.reworded = true;
    const baseline = readBaseline(file);
    const again = await Promise.all(
      runs.map(({ m }) =>
        runConformance(new ReferenceTarget({ decorate: m.decorate }), { clauses: clauses.filter((c) => c.id === m.clause), runs: 10, baseline }),
      ),
    );
    // Assert
    const verdicts = again.flatMap((r) => r.clauses.map((c) => `${c.id}: ${c.verdict}`));
    expect(verdicts.filter((v) => !v.endsWith(': expected-fail'))).toEqual([]);
    const textAfter = again.flatMap((r) => r.clauses.flatMap((c) => (c.deviations ?? []).map((d) => d.signature)));
    expect(textAfter.length).toBe(textBefore.length);
    expect(textAfter.every((t) => t.startsWith('in other words: {'))).toBe(true);
  }, 120_000);

  it('leaves the committed baselines valid: moto matches its own on the smoke selection', async (ctx) => {
    requireOrSkip(ctx, { emulators: ['moto'] });
    wording.reworded = true;
    await expectRunMatchesBaseline('moto', [...SMOKE_CLAUSES]);
  }, 120_000);
});
