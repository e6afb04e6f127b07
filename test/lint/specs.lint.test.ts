/**
 * The clause files are checked like test262 checks its front matter: one clause per file, the id
 * is the path, sources cite a fact of specs/facts.md and a known AWS page, features come from the
 * controlled vocabulary, and the file opens with a header comment that names no fact its sources
 * lack (the sources array is the only citation). The fact base is checked
 * against the clauses: every fact is complete, and every fact a client can observe is cited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_CODES, factIdPattern, readFacts } from '../../src/facts.js';
import { featureVocabulary } from '../../src/features.js';
import { PAGES } from '../../src/pages.js';
import { THEMES } from '../../src/themes.js';
import { loadSpecFiles, SPECS_DIR } from '../../src/spec-loader.js';

const files = await loadSpecFiles();
const pages = new Set<string>(Object.values(PAGES));
const facts = readFacts();
const factIds = new Set(facts.map((f) => f.id));
const FACT_ID = factIdPattern('g');
const citedIds = new Set(files.flatMap((f) => f.clause?.sources.map((s) => s.fact) ?? []));

describe('specs/ lint', () => {
  it('has clause ids that are unique', () => {
    const ids = files.map((f) => f.clause?.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(files.map((f) => [f.file, f] as const))('%s', (file, f) => {
    expect(Object.keys(f.exports), 'exactly one export, named clause').toEqual(['clause']);
    const c = f.clause;
    expect(c.id, 'id equals path').toBe(f.pathId);
    expect(c.title.length, 'title under 120 characters').toBeLessThanOrEqual(120);
    expect(c.title, 'title is one sentence without a final period').toMatch(/^[A-Z][^\n]*[^.]$/);
    expect(['MUST', 'SHOULD', 'OBSERVED']).toContain(c.level);
    expect(Object.keys(THEMES), 'theme from src/themes.ts').toContain(c.theme);
    expect(c.sources.length, 'at least one source').toBeGreaterThan(0);
    for (const s of c.sources) {
      expect(factIds.has(s.fact), `${s.fact} is a fact in specs/facts.md`).toBe(true);
      expect(pages.has(s.url), `${s.url} is listed in src/pages.ts`).toBe(true);
      expect(['DOC', 'MODEL', 'OBS', 'INF', 'SDK']).toContain(s.evidence);
    }
    if (c.level === 'OBSERVED')
      expect(
        c.sources.some((s) => s.evidence === 'OBS' || s.evidence === 'INF'),
        'OBSERVED clauses rest on observed or inferred evidence',
      ).toBe(true);
    for (const t of c.features) expect(Object.keys(featureVocabulary()), `feature ${t}`).toContain(t);
    expect(c.generates.length).toBeGreaterThan(10);
    const text = readFileSync(join(SPECS_DIR, file), 'utf8');
    expect(text.startsWith('/**'), 'opens with a header comment that states the clause in full').toBe(true);
    const header = text.slice(0, text.indexOf('*/'));
    // The facts a clause rests on are its sources, written once: the header repeats none that they lack.
    expect(header, 'no Source: line in the header (the sources array is the citation)').not.toMatch(/^\s*\*\s*Sources?:/im);
    const cited = new Set(c.sources.map((s) => s.fact));
    for (const [id] of header.matchAll(FACT_ID)) expect(cited.has(id), `the header names ${id}, which is not in sources`).toBe(true);
    // What a target is decides what is observable only through requirements (src/target.ts), never inside `scenario`.
    expect(text, 'asks which target it runs on (declare a requirement instead)').not.toMatch(
      /target\.(name|kind)\s*[!=]=|[!=]==?\s*\w+\.target\.name|instanceof \w*Target\b/,
    );
    expect(text, 'reads a boolean capability in scenario (declare a requirement instead)').not.toMatch(
      /target\.capabilities\.(virtualClock|realTimeWindows|atRestInspection|atRestAttributes|createKeyHonoursInput|disposableAccount)\b/,
    );
  });
});

describe('specs/facts.md', () => {
  it('defines each fact once', () => {
    expect(facts.length, 'facts found').toBeGreaterThan(0);
    expect(facts.map((f) => f.id).filter((id, i, all) => all.indexOf(id) !== i)).toEqual([]);
  });

  it.each(facts.map((f) => [f.id, f] as const))('%s has every line, and nothing it cannot place', (_, f) => {
    expect(f.problems).toEqual([]);
    expect(f.title, 'a title').not.toBe('');
    // Markdown in a title would make GitHub's anchor differ from the one docs/spec.md links to.
    expect(f.title, 'the title is plain text').not.toMatch(/[`*_[\]<>\\]/);
    expect(f.fields.Behaviour?.length ?? 0, 'Behaviour').toBeGreaterThan(20);
    expect(f.sources.length, 'Source names at least one <https://…> link').toBeGreaterThan(0);
    for (const url of f.sources) expect(new URL(url).protocol, url).toBe('https:');
    expect(f.evidence.length, 'Evidence').toBeGreaterThan(0);
    for (const e of f.evidence) expect(EVIDENCE_CODES, `evidence code ${e}`).toContain(e);
    expect(f.fields.Undocumented?.length ?? 0, 'Undocumented (or "nothing known.")').toBeGreaterThan(0);
    const observable = f.fields.Observable !== undefined;
    const notObservable = f.fields['Not observable'] !== undefined;
    expect(observable !== notObservable, 'exactly one of Observable and Not observable').toBe(true);
    expect((f.fields.Observable ?? f.fields['Not observable'] ?? '').length, 'how it is observed, or why it cannot be').toBeGreaterThan(20);
  });

  // Strict on purpose: a fact a client can observe but no clause checks is a gap in the
  // specification, and the way to close it is a clause, not a "Not observable" line.
  it('has every observable fact cited by at least one clause', () => {
    const uncited = facts.filter((f) => f.fields['Not observable'] === undefined && !citedIds.has(f.id)).map((f) => f.id);
    expect(uncited, 'observable facts no clause cites').toEqual([]);
  });
});
