/**
 * `tsx scripts/clause-sources.ts [COMMIT]`: prints the `clauseSources` of a measured record
 * (docs/measured/*.record.json): each clause's source hash (app/docs/measured.ts `clauseSourceHash`)
 * as of COMMIT, the commit the measured run was made with (default: the working tree).
 */
import { execFileSync } from 'node:child_process';
import { clauseSourceHash, clauseSourceHashes } from '../app/docs/measured.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { pathIdOf } from '../src/spec-loader.js';

const commit = process.argv[2];
const git = (...args: string[]) => execFileSync('git', args, { cwd: PACKAGE_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
const hashes: Record<string, string> = {};
if (commit) {
  for (const path of git('ls-tree', '-r', '--name-only', commit, '--', 'specs/').split('\n')) {
    if (path.endsWith('.spec.ts')) hashes[pathIdOf(path.slice('specs/'.length))] = clauseSourceHash(git('show', `${commit}:${path}`));
  }
} else Object.assign(hashes, clauseSourceHashes());
console.log(JSON.stringify(Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => a.localeCompare(b))), null, 2));
