/**
 * Finds the clauses: every `specs/**\/*.spec.{ts,js}` beside this package's `src/`, each
 * exporting `clause`. Works from source (vitest, tsx) and from the built `dist/`.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Clause } from './clause.js';

export const SPECS_DIR = fileURLToPath(new URL('../specs/', import.meta.url));

export interface LoadedClause {
  clause: Clause;
  /** Path relative to specs/, with `/` separators. */
  file: string;
  /** The id the path implies: `sqs/sse-kms/x.spec.ts` → `sqs.sse-kms.x`. */
  pathId: string;
  /** Every export of the file (the lint checks there is exactly one clause). */
  exports: Record<string, unknown>;
}

/** The clause id a spec file's path implies (the lint checks it is the clause's id): `sqs/sse-kms/x.spec.ts` → `sqs.sse-kms.x`. */
export const pathIdOf = (file: string): string =>
  file
    .replace(/\.spec\.(ts|js)$/, '')
    .split('/')
    .join('.');

function specFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...specFiles(p));
    else if (/\.spec\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

export async function loadSpecFiles(dir = SPECS_DIR): Promise<LoadedClause[]> {
  const loaded: LoadedClause[] = [];
  for (const path of specFiles(dir)) {
    const file = relative(dir, path).split(sep).join('/');
    const exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    loaded.push({
      clause: exports.clause as Clause,
      file,
      pathId: pathIdOf(file),
      exports,
    });
  }
  return loaded;
}

export async function loadClauses(dir = SPECS_DIR): Promise<Clause[]> {
  return (await loadSpecFiles(dir)).map((l) => l.clause);
}
