/** docs/spec.md is generated from the clauses; a stale copy fails CI (run `npm run docs`). */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderSpecMarkdown } from '../src/docs/spec-markdown.js';
import { loadClauses } from '../src/spec-loader.js';

it('docs/spec.md matches the clauses (run `npm run docs` to refresh)', async () => {
  const expected = renderSpecMarkdown(await loadClauses());
  const actual = readFileSync(new URL('../docs/spec.md', import.meta.url), 'utf8');
  expect(actual === expected, 'docs/spec.md is out of date: run `npm run docs`').toBe(true);
});
