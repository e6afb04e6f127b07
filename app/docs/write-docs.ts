/** `npm run docs`: regenerates every file `renderDocs` returns (docs/spec.md, docs/conformance.md, the JSON schemas, README.md's and docs/cli.md's generated sections). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { loadClauses } from '../../src/spec-loader.js';
import { renderDocs } from './render-docs.js';

const docs = renderDocs(await loadClauses());
for (const [file, text] of Object.entries(docs)) writeFileSync(join(PACKAGE_ROOT, file), text);
console.log(`wrote ${Object.keys(docs).join(', ')}`);
