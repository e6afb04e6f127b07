/**
 * The clause files are checked like test262 checks its front matter: one clause per file, the id
 * is the path, sources cite an aws-facts clause and a known AWS page, features come from the
 * controlled vocabulary, and the file opens with its citation header.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/features.js';
import { PAGES } from '../../src/pages.js';
import { THEMES } from '../../src/themes.js';
import { loadSpecFiles, SPECS_DIR } from '../../src/spec-loader.js';

const files = await loadSpecFiles();
const pages = new Set<string>(Object.values(PAGES));

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
      expect(s.fact, 'an aws-facts clause number').toMatch(/^(SNS|SQS|KMS|X|CS)-\d+$/);
      expect(pages.has(s.url), `${s.url} is listed in src/pages.ts`).toBe(true);
      expect(['DOC', 'MODEL', 'OBS', 'INF', 'SDK']).toContain(s.evidence);
    }
    if (c.level === 'OBSERVED') expect(c.sources.some((s) => s.evidence === 'OBS' || s.evidence === 'INF'), 'OBSERVED clauses rest on observed or inferred evidence').toBe(true);
    for (const t of c.features) expect(Object.keys(FEATURES), `feature ${t}`).toContain(t);
    expect(c.generates.length).toBeGreaterThan(10);
    const text = readFileSync(join(SPECS_DIR, file), 'utf8');
    expect(text.startsWith('/**'), 'opens with a citation header').toBe(true);
    expect(text.slice(0, text.indexOf('*/')), 'the header names its source').toMatch(/Source: .*(SNS|SQS|KMS|CS)-\d+/);
  });
});
