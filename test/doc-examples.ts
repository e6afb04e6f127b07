/**
 * The `ts` examples of the docs, each after a `<!-- example: NAME … -->` line: the README's (one per use) and
 * docs/library.md's. Tests run them as written, so they cannot rot; each name must be in exactly one of the files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

export const EXAMPLE_FILES = ['README.md', 'docs/library.md'];

/** The code of the example NAME, from whichever of EXAMPLE_FILES holds it; throws unless exactly one does. */
export function docExample(name: string): string {
  const re = new RegExp(`<!-- example: ${name}[^>]*-->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\``, 'g');
  const found = EXAMPLE_FILES.flatMap((file) => [...readFileSync(join(PACKAGE_ROOT, file), 'utf8').matchAll(re)].map((m) => ({ file, code: m[1]! })));
  if (found.length !== 1) {
    throw new Error(
      `the ts example ${name} is in ${found.length === 0 ? 'none' : found.map((f) => f.file).join(' and ')} of ${EXAMPLE_FILES.join(', ')}; it must be in exactly one`,
    );
  }
  return found[0]!.code;
}
