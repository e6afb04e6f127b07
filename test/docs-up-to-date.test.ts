/** docs/spec.md, docs/conformance.md, docs/report.schema.json and README's target table are generated; a stale copy fails CI (run `npm run docs`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { renderDocs } from '../src/docs/render-docs.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { loadClauses } from '../src/spec-loader.js';

const docs = renderDocs(await loadClauses());

it.each(Object.keys(docs))('%s matches what it is generated from (run `npm run docs` to refresh)', (file) => {
  const actual = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
  expect(actual === docs[file], `${file} is out of date: run \`npm run docs\``).toBe(true);
});
