import { createRequire } from 'node:module';

/** The package version, from package.json (one level up in source and two in dist/). */
const require = createRequire(import.meta.url);
function read(): string {
  for (const p of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'sse-conformance' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
export const VERSION = read();
