/**
 * Targets measured outside CI (docs/measured/): the matrix shows them from their recorded report,
 * marked so, with every count taken from that report; a record that does not match its report is refused.
 */
import { appendFileSync, copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clauseSourceHash, clauseSourceHashes, readMeasured, MeasuredRecordError } from '../app/docs/measured.js';
import { renderDocs } from '../app/docs/render-docs.js';
import { loadClauses, SPECS_DIR } from '../src/spec-loader.js';
import { FLOCI_VERSION } from '../test-targets/floci/floci-target.js';
import { targetModule } from '../test-targets/registry.js';

const clauses = await loadClauses();
const floci = targetModule('floci');

describe('a target measured outside CI', () => {
  it('floci: the record is of the pinned version, and its report a whole run of every clause', () => {
    const { record, report } = readMeasured(floci.about.measured!);
    expect(record.version).toBe(FLOCI_VERSION);
    expect(record.command).toContain('--target floci --endpoint http://127.0.0.1:');
    // A whole run of the specification as it was that day: every clause it ran still exists (newer ones show as n/o).
    expect(report.clauses.length).toBeGreaterThanOrEqual(70);
    const ids = new Set(clauses.map((c) => c.id));
    expect(report.clauses.filter((c) => !ids.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('is a column of the matrix marked as measured outside CI, its counts those of the report for the clauses unchanged since', () => {
    const { record, report } = readMeasured(floci.about.measured!);
    const md = renderDocs(clauses)['docs/conformance.md']!;
    const label = `${FLOCI_VERSION} (${record.build}, see [record](measured/floci-1.7.0.record.json); measured outside CI, ${record.date})`;
    const now = clauseSourceHashes();
    const unchanged = report.clauses.filter((c) => now[c.id] === record.clauseSources[c.id]);
    const n = (v: string) => unchanged.filter((c) => c.verdict === v).length;
    const [pass, fail, error] = [n('pass'), n('fail'), n('error')];
    expect(md).toContain(`| floci | ${label} | ${pass} | ${fail} | `);
    // Newer clauses, changed ones and those the run did not observe: not observable.
    expect(md).toMatch(new RegExp(`\\| floci \\| [^\\n]*\\| ${clauses.length - pass - fail - error} \\| ${error} \\|\\n`));
    expect(md).toContain(`| floci ${label} |`);
    expect(md).toContain(`\`${record.command}\``);
    const readme = renderDocs(clauses)['README.md']!;
    expect(readme).toContain(`measured once outside CI on ${record.date}, not re-checked: ${pass} pass, ${fail} fail`);
  });

  it('floci: says beside its version, from the record, that what was measured is a source build, not the released image', () => {
    const { record } = readMeasured(floci.about.measured!);
    expect(record.how).toContain('was built from its public repository');
    expect(record.build).toBe('source build, dependencies substituted');
    const readme = renderDocs(clauses)['README.md']!;
    expect(readme).toContain(`| ${FLOCI_VERSION} (${record.build}, see [record](docs/measured/floci-1.7.0.record.json)) | measured once outside CI`);
  });

  it('floci: keeps the source hash of every clause its report ran', () => {
    const { record, report } = readMeasured(floci.about.measured!);
    expect(Object.keys(record.clauseSources).sort()).toEqual(report.clauses.map((c) => c.id).sort());
    expect(record.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('refuses a record without the source hash of a clause its report ran', () => {
    const dir = mkdtempSync(join(tmpdir(), 'measured-'));
    const record = JSON.parse(readFileSync(floci.about.measured!, 'utf8'));
    copyFileSync(join(floci.about.measured!, '..', record.report), join(dir, record.report));
    const { 'sqs.sse-kms.send-fails-when-key-unusable': _gone, ...rest } = record.clauseSources;
    writeFileSync(join(dir, 'r.record.json'), JSON.stringify({ ...record, clauseSources: rest, reproductions: [] }));
    expect(() => readMeasured(join(dir, 'r.record.json'))).toThrow('clauseSources lacks sqs.sse-kms.send-fails-when-key-unusable');
  });

  it('floci: names a standalone reproduction of its most important deviation, a clause the report fails', () => {
    const { record, report } = readMeasured(floci.about.measured!);
    expect(record.reproductions.map((r) => r.clause)).toEqual(['sqs.sse-kms.send-fails-when-key-unusable']);
    expect(report.clauses.find((c) => c.id === 'sqs.sse-kms.send-fails-when-key-unusable')!.verdict).toBe('fail');
    const script = readFileSync(join(floci.about.measured!, '..', record.reproductions[0]!.file), 'utf8');
    expect(script).toContain('// Clause sqs.sse-kms.send-fails-when-key-unusable (MUST)');
    expect(script).toContain('floci answered:    success');
    expect(renderDocs(clauses)['docs/conformance.md']).toContain(`(measured/${record.reproductions[0]!.file})`);
  });

  it('refuses a record naming a reproduction of a clause its report does not fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'measured-'));
    const record = JSON.parse(readFileSync(floci.about.measured!, 'utf8'));
    copyFileSync(join(floci.about.measured!, '..', record.report), join(dir, record.report));
    writeFileSync(
      join(dir, 'r.record.json'),
      JSON.stringify({ ...record, reproductions: [{ clause: 'sqs.transparency.body-attributes-and-md5-round-trip', file: 'x.mjs' }] }),
    );
    expect(() => readMeasured(join(dir, 'r.record.json'))).toThrow(
      'reproduction x.mjs: sqs.transparency.body-attributes-and-md5-round-trip did not fail in the report',
    );
  });

  it('refuses a record whose report is of another target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'measured-'));
    const record = JSON.parse(readFileSync(floci.about.measured!, 'utf8'));
    const report = JSON.parse(readFileSync(join(floci.about.measured!, '..', record.report), 'utf8'));
    report.target.name = 'moto';
    writeFileSync(join(dir, record.report), JSON.stringify(report));
    copyFileSync(floci.about.measured!, join(dir, 'r.record.json'));
    expect(() => readMeasured(join(dir, 'r.record.json'))).toThrow(MeasuredRecordError);
    expect(() => readMeasured(join(dir, 'r.record.json'))).toThrow('the report is of target moto, not floci');
  });
});

it('a clause written after the measurement shows as not observable in that column, never as a pass', () => {
  const newer = { ...clauses.find((c) => c.id === 'sqs.sse-kms.send-fails-when-key-unusable')!, id: 'sqs.sse-kms.a-clause-written-later' };
  const md = renderDocs([...clauses, newer])['docs/conformance.md']!;
  const row = md.split('\n').find((l) => l.startsWith('| [sqs.sse-kms.a-clause-written-later]'))!;
  expect(row.split(' | ').at(-1)).toMatch(/^n\/o \(not in the run measured on \d{4}-\d\d-\d\d \(the clause is newer\)\) \|$/);
});

it('a clause whose source changed after the measurement shows as not observable in that column, not as the verdict measured', () => {
  const { record, report } = readMeasured(floci.about.measured!);
  const specs = mkdtempSync(join(tmpdir(), 'specs-'));
  cpSync(SPECS_DIR, specs, { recursive: true });
  const now = clauseSourceHashes(specs);
  const measured = report.clauses.find((c) => (c.verdict === 'fail' || c.verdict === 'pass') && now[c.id] === record.clauseSources[c.id]);
  expect(measured, 'a clause the run judged and nobody changed since').toBeDefined();
  const id = measured!.id;
  const flociCell = (dir: string) =>
    renderDocs(clauses, undefined, undefined, dir)
      ['docs/conformance.md']!.split('\n')
      .find((l) => l.startsWith(`| [${id}]`))!
      .split(' | ')
      .at(-1)!;
  expect(flociCell(specs)).toMatch(measured!.verdict === 'pass' ? /^pass \|$/ : /^\*\*fail\*\*: /);
  appendFileSync(join(specs, `${id.split('.').join('/')}.spec.ts`), 'export const editedAfterTheMeasurement = true;\n');
  expect(clauseSourceHashes(specs)[id]).not.toBe(record.clauseSources[id]);
  expect(flociCell(specs)).toBe(`n/o (clause changed since the measurement on ${record.date}) |`);
});

it('a change of layout alone (comments, doc comments included, line breaks, trailing commas, quote style) keeps the source hash of a clause; a changed value does not', () => {
  const source = "const ERROR = { missing: 'KMS.NotFound', 'pending-deletion': 'KMS.InvalidState' };\nexport const x = f(a, b);\n";
  const relaid =
    '// a comment\nconst ERROR = {\n  "missing": "KMS.NotFound",\n  \'pending-deletion\': `KMS.InvalidState`,\n};\nexport const x = f(\n  a,\n  b,\n);\n';
  expect(clauseSourceHash(relaid)).toBe(clauseSourceHash(source));
  // A doc comment is parsed (as JSDoc nodes) yet is a comment all the same: a spec file's header, or one above a constant.
  expect(clauseSourceHash(`/**\n * The header.\n */\n${source.replace('export', '/** A note. */\nexport')}`)).toBe(clauseSourceHash(source));
  expect(clauseSourceHash(source.replace('KMS.NotFound', 'KMS.Disabled'))).not.toBe(clauseSourceHash(source));
  expect(clauseSourceHash(source.replace('f(a, b)', 'f(b, a)'))).not.toBe(clauseSourceHash(source));
  expect(clauseSourceHash(source.replace('missing:', 'gone:'))).not.toBe(clauseSourceHash(source));
});

it('declaring what a clause shares (`shares`, which only orders clauses run at once) keeps the source hash of a clause; another new property does not', () => {
  const source = "export default defineClause({\n  id: 'x',\n  features: ['sse-kms'],\n  generates: 'g',\n});\n";
  for (const shares of ["shares: ['aws-managed-keys'],", "shares: [{ state: 'aws-managed-keys', exclusive: true }],"]) {
    expect(clauseSourceHash(source.replace("features: ['sse-kms'],", `features: ['sse-kms'],\n  ${shares}`)), 'in the middle').toBe(clauseSourceHash(source));
    expect(clauseSourceHash(source.replace("generates: 'g',", `generates: 'g',\n  ${shares}`)), 'last').toBe(clauseSourceHash(source));
    expect(clauseSourceHash(source.replace("generates: 'g',", `generates: 'g', ${shares.slice(0, -1)}`)), 'last, no trailing comma').toBe(
      clauseSourceHash(source),
    );
  }
  expect(clauseSourceHash(source.replace("generates: 'g',", "generates: 'g',\n  runs: 3,"))).not.toBe(clauseSourceHash(source));
  expect(clauseSourceHash(source.replace("features: ['sse-kms'],", "features: ['sse-kms', 'fifo'],"))).not.toBe(clauseSourceHash(source));
});

it("renaming a clause's `check` to `scenario` keeps its source hash; the same word elsewhere, or another name, does not", () => {
  const source = "export const clause = defineClause({\n  id: 'x',\n  check: async (s) => s.done(),\n});\n";
  expect(clauseSourceHash(source.replace('check:', 'scenario:'))).toBe(clauseSourceHash(source));
  expect(clauseSourceHash(source.replace('check:', 'verify:'))).not.toBe(clauseSourceHash(source));
  const elsewhere = 'const o = other({ check: 1 });\n';
  expect(clauseSourceHash(elsewhere.replace('check:', 'scenario:'))).not.toBe(clauseSourceHash(elsewhere));
});
