/** The package's root folder, from source (src/) or from the build (dist/src/). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sse-conformance') return dir;
    dir = dirname(dir);
  }
  throw new Error('sse-conformance: cannot find the package root');
}

export const PACKAGE_ROOT = findRoot();
