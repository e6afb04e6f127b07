#!/usr/bin/env node
/**
 * `npm run build`: compiles reference/, src/, specs/ and test-targets/ into dist/ (tsconfig.build.json), from
 * an empty dist/ so that no stale clause of a deleted spec survives. It writes a stamp of what it compiled
 * (a hash of every input file's path and content, the TypeScript version and the config); `--if-stale`
 * (the tests' global setup) builds only when that stamp differs, so an unchanged tree is not rebuilt.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(root, 'dist', '.build-stamp');

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|mjs|json)$/.test(e.name) && !e.name.endsWith('.test.ts')) yield p;
  }
}

/** The hash of everything a build reads: the config, the compiler's version, and each input's path and content. */
export function inputHash() {
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
  const require = createRequire(import.meta.url);
  const h = createHash('sha256');
  h.update(require('typescript/package.json').version);
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) h.update(f).update(readFileSync(join(root, f)));
  for (const dir of config.include) for (const f of files(join(root, dir))) h.update(relative(root, f)).update('\0').update(readFileSync(f));
  return h.digest('hex');
}

/** Builds dist/ (always, or only when its stamp is stale); returns whether it built. Throws with tsc's output on failure. */
export function buildDist({ ifStale = false } = {}) {
  const hash = inputHash();
  if (ifStale && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash) return false;
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`building dist/ failed:\n${r.stdout}${r.stderr}`);
  writeFileSync(STAMP, `${hash}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    buildDist({ ifStale: process.argv.includes('--if-stale') });
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
