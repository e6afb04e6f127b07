/** The npm package ships what the code reads at run time and what its docs link to, and none of the repository's own tests, CI or benchmarks. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { emulatorPins } from '../test-targets/emulators.js';
import { TARGET_MODULES } from '../test-targets/registry.js';

const npm = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
const out = execFileSync(npm[0]!, [...npm.slice(1), 'pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const files = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));

it('npm pack holds the built code, the fact base, every baseline and emulator pin, and no tests, CI or benchmarks', () => {
  const needed = [
    'dist/src/cli/main.js', 'dist/src/index.js', 'dist/reference/index.js', 'test-targets/emulators.json', 'scripts/provision.mjs',
    // Read at run time (list --format markdown) and the target of every source link in docs/spec.md.
    'specs/facts.md', 'docs/spec.md',
    // The report format, for readers of reports: the zod schema with its types, and as JSON Schema.
    'dist/src/report-schema.js', 'dist/src/report-schema.d.ts', 'docs/report.schema.json',
    ...TARGET_MODULES.filter((m) => m.baseline).map((m) => m.baseline!.slice(PACKAGE_ROOT.length + 1)),
    ...Object.entries(emulatorPins()).filter(([, p]) => p.kind === 'go-launcher').flatMap(([n]) => ['go.mod', 'go.sum', 'main.go'].map((f) => `test-targets/${n}/launcher/${f}`)),
    'test-targets/localstack/host-main.py', 'test-targets/localstack/constraints.txt', 'test-targets/localstack/Dockerfile', 'test-targets/elasticmq/pom.xml',
  ];
  for (const f of needed) expect(files.has(f), f).toBe(true);
  for (const f of files) expect(f, f).not.toMatch(/^(test|\.ci|bench)\/|\.test\.js$|\.png$/);
});

it('every export of package.json points into the tarball, the report schema among them', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string> };
  expect(pkg.exports['./report-schema']).toBe('./dist/src/report-schema.js');
  expect(pkg.exports['./report.schema.json']).toBe('./docs/report.schema.json');
  for (const [name, target] of Object.entries(pkg.exports)) expect(files.has(target.replace(/^\.\//, '')), `${name} → ${target}`).toBe(true);
});

it('users import the report schema by the package name, as zod and as JSON Schema', () => {
  // Node resolves a package's own name through its exports, as it would from a dependant's node_modules.
  const script = "const m = await import('sse-conformance/report-schema'); const j = await import('sse-conformance/report.schema.json', { with: { type: 'json' } });"
    + ' console.log(JSON.stringify([m.ReportSchema.safeParse({ tool: "sse-conformance" }).success, m.VERDICTS.length, j.default.title]));';
  const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(JSON.parse(printed)).toEqual([false, 6, 'sse-conformance report']);
});
