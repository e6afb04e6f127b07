/** `npm run docs`: regenerates docs/spec.md, docs/conformance.md, docs/report.schema.json and README.md's target table. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { loadClauses } from '../spec-loader.js';
import { renderDocs } from './render-docs.js';

const docs = renderDocs(await loadClauses());
for (const [file, text] of Object.entries(docs)) writeFileSync(join(PACKAGE_ROOT, file), text);
console.log(`wrote ${Object.keys(docs).join(', ')}`);
