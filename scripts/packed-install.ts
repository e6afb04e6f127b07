/**
 * The package as a new project gets it: `npm pack` of this repository (dist/ already built), then
 * `npm install` of that tarball into an empty project, with or without the optional dependencies.
 * Used by test/package.test.ts (CI, against the tarball) and scripts/install-size.ts (the install sizes in docs/library.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

/** npm as this process was started with it (`npm run`, `npx vitest`), else the one on PATH. */
export const NPM = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];

export function npm(args: string[], cwd: string): string {
  return execFileSync(NPM[0]!, [...NPM.slice(1), ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** Packs the repository as it is (no build: dist/ must be current) into a fresh folder; returns the tarball's path. */
export function packTarball(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssec-pack-'));
  const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], PACKAGE_ROOT)) as { filename: string }[];
  return join(dir, out[0]!.filename);
}

/** A new, empty ESM project that installs the tarball (from the npm cache where it can) and `extra` packages. */
export function installTarball(tarball: string, o: { omitOptional: boolean; extra?: string[] }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssec-project-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'new-project', private: true, type: 'module' }, null, 2));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', ...(o.omitOptional ? ['--omit=optional'] : []), tarball, ...(o.extra ?? [])], dir);
  return dir;
}

/** Installed packages (npm's own record, node_modules/.package-lock.json) and their size on disk in MB. */
export function measure(project: string): { packages: number; mb: number } {
  const lock = JSON.parse(readFileSync(join(project, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  const packages = Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/')).length;
  return { packages, mb: Math.round(du(join(project, 'node_modules')) / 1e5) / 10 };
}

function du(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.blocks * 512;
  return readdirSync(path).reduce((n, e) => n + du(join(path, e)), 0);
}

export function writeFile(project: string, name: string, text: string): void {
  mkdirSync(join(project, name, '..'), { recursive: true });
  writeFileSync(join(project, name), text);
}
