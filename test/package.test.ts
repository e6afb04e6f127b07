/**
 * The npm package ships what the code reads at run time and what its docs link to, and none of the
 * repository's own tests, CI or benchmarks; and a new project that installs the packed tarball without
 * the optional dependencies runs the CLI, the vitest integration and the fake (the docs' own examples: the
 * README's vitest example, docs/library.md's app-fake example).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTarball, NPM, packTarball, writeFile } from '../scripts/packed-install.js';
import { loadClauses } from '../src/spec-loader.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { emulatorPins } from '../test-targets/emulators.js';
import { TARGET_MODULES } from '../test-targets/registry.js';
import { docExample } from './doc-examples.js';

const out = execFileSync(NPM[0]!, [...NPM.slice(1), 'pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: PACKAGE_ROOT,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
});
const files = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));

it('npm pack holds the built code, the fact base, every baseline and emulator pin, LICENSE and NOTICE, and no tests, CI or benchmarks', () => {
  const needed = [
    'dist/app/cli/main.js',
    'dist/app/index.js',
    'dist/reference/index.js',
    'test-targets/emulators.json',
    // provision.mjs reads the pins through the module the targets use.
    'test-targets/emulator-pins.mjs',
    'dist/test-targets/emulator-pins.mjs',
    'scripts/provision.mjs',
    // Read at run time (list --format markdown) and the target of every source link in docs/spec.md.
    'specs/facts.md',
    'docs/spec.md',
    // The report format, for readers of reports: the zod schema with its types, and as JSON Schema.
    'dist/src/report-schema.js',
    'dist/src/report-schema.d.ts',
    'docs/report.schema.json',
    ...TARGET_MODULES.filter((m) => m.baseline).map((m) => m.baseline!.slice(PACKAGE_ROOT.length + 1)),
    ...Object.entries(emulatorPins())
      .filter(([, p]) => p.kind === 'go-launcher')
      .flatMap(([n]) => ['go.mod', 'go.sum', 'main.go'].map((f) => `test-targets/${n}/launcher/${f}`)),
    'test-targets/localstack/host-main.py',
    'test-targets/localstack/constraints.txt',
    'test-targets/localstack/Dockerfile',
    'test-targets/elasticmq/pom.xml',
    // The license (npm adds LICENSE by itself) and the emulators' licenses and how they are used (NOTICE is in `files`).
    'LICENSE',
    'NOTICE',
  ];
  for (const f of needed) expect(files.has(f), f).toBe(true);
  for (const f of files) expect(f, f).not.toMatch(/^(test|\.ci|bench)\/|\.test\.js$|\.png$/);
});

it('every export of package.json points into the tarball, the report schema among them', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string> };
  expect(pkg.exports['./report-schema']).toBe('./dist/src/report-schema.js');
  expect(pkg.exports['./report.schema.json']).toBe('./docs/report.schema.json');
  expect(pkg.exports['./vitest']).toBe('./dist/app/vitest.js');
  for (const [name, target] of Object.entries(pkg.exports)) {
    // A pattern export (`./baselines/*.json`) must match at least one file of the tarball.
    const re = new RegExp(
      `^${target
        .replace(/^\.\//, '')
        .split('*')
        .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    );
    expect(
      [...files].some((f) => re.test(f)),
      `${name} → ${target}`,
    ).toBe(true);
  }
});

it('users import the report schema by the package name, as zod and as JSON Schema', () => {
  // Node resolves a package's own name through its exports, as it would from a dependant's node_modules.
  const script =
    "const m = await import('sse-conformance/report-schema'); const j = await import('sse-conformance/report.schema.json', { with: { type: 'json' } });" +
    ' console.log(JSON.stringify([m.ReportSchema.safeParse({ tool: "sse-conformance" }).success, m.VERDICTS.length, j.default.title]));';
  const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(JSON.parse(printed)).toEqual([false, 7, 'sse-conformance report']); // seven verdicts since expected-error
});

// Every optional peer but vitest (the user's own): the emulator-only packages.
const PEERS = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }).peerDependencies;
const OPTIONAL = Object.keys(PEERS).filter((name) => name !== 'vitest');

it('emulator-only packages and vitest are optional peer dependencies (and ours as dev dependencies, at the same version)', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  for (const name of [...OPTIONAL, 'vitest']) {
    expect(pkg.dependencies![name], name).toBeUndefined();
    expect(pkg.peerDependenciesMeta![name], name).toEqual({ optional: true });
  }
  for (const name of OPTIONAL) expect(pkg.peerDependencies![name], name).toBe(pkg.devDependencies![name]);
});

describe('a new project that installs the packed tarball with --omit=optional', () => {
  let project = '';
  let tarball = '';
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(project, 'node_modules/.bin/sse-conformance'), ...args], { cwd: project, encoding: 'utf8', timeout: 120_000 });

  beforeAll(() => {
    tarball = packTarball();
    project = installTarball(tarball, { omitOptional: true });
  }, 240_000);
  afterAll(() => {
    for (const d of [project, dirname(tarball)]) rmSync(d, { recursive: true, force: true });
  });

  it('has none of the optional packages', () => {
    for (const name of OPTIONAL) expect(existsSync(join(project, 'node_modules', name)), name).toBe(false);
  });

  it('runs `npx sse-conformance run` on the reference: every clause passes, exit 0', async () => {
    const r = spawnSync(NPM[0]!, [...NPM.slice(1), 'exec', '--no', '--', 'sse-conformance', 'run'], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${(await loadClauses()).length} passed, 0 failed`);
  });

  it('names the missing package of an emulator target in one line and exits 3', () => {
    const moto = cli(['run', '--target', 'moto']);
    expect(moto.status).toBe(3);
    expect(moto.stderr).toBe(
      'sse-conformance: starting an emulator process (moto, LocalStack, goaws, local-kms, ElasticMQ) needs the package execa, which is not installed (an optional peer dependency): npm install execa@9.6.0\n',
    );
    const fauxqs = cli(['run', '--target', 'fauxqs']);
    expect(fauxqs.status).toBe(3);
    expect(fauxqs.stderr).toBe(
      'sse-conformance: the fauxqs target needs the package fauxqs, which is not installed (an optional peer dependency): npm install fauxqs@2.4.1\n',
    );
  });

  it('imports a baseline, the renderers and the report schema by the package name', () => {
    const script =
      "import b from 'sse-conformance/baselines/moto.json' with { type: 'json' }; import * as m from 'sse-conformance';" +
      ' console.log(JSON.stringify([Object.keys(b).length > 0, typeof m.renderMarkdown, typeof m.renderJunit, typeof m.renderHtml, typeof m.ReportSchema.safeParse]));';
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, 'function', 'function', 'function', 'function']);
  });
});

describe('a new project that installs the packed tarball with vitest and the SDK clients (a plain npm install)', () => {
  let project = '';
  let tarball = '';
  beforeAll(() => {
    // The SDK clients at our exact version, as the README asks of a project that uses the fake.
    const sdk = ['kms', 'sns', 'sqs'].map(
      (s) =>
        `@aws-sdk/client-${s}@${(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[`@aws-sdk/client-${s}`]}`,
    );
    const vitest = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;
    tarball = packTarball();
    project = installTarball(tarball, { omitOptional: false, extra: [`vitest@${vitest}`, ...sdk] });
  }, 240_000);
  afterAll(() => {
    for (const d of [project, dirname(tarball)]) rmSync(d, { recursive: true, force: true });
  });

  it('gets none of the optional packages either: npm does not install optional peers', () => {
    for (const name of OPTIONAL) expect(existsSync(join(project, 'node_modules', name)), name).toBe(false);
  });

  it('gets one vitest test per clause from the README example (skipped where not observable), and runs the app-fake example of docs/library.md unchanged', async () => {
    // Arrange: the docs' vitest and fake examples as written, and a target that cannot observe SNS or SQS.
    const ids = (await loadClauses()).map((c) => c.id);
    writeFile(project, 'test/spec.test.ts', docExample('vitest'));
    writeFile(
      project,
      'test/kms-only.test.ts',
      "import { makeTarget } from 'sse-conformance';\nimport { describeConformance } from 'sse-conformance/vitest';\n" +
        "const t = makeTarget('reference');\nObject.assign(t.capabilities, { services: ['kms'] });\ndescribeConformance(t, { name: 'kms only' });\n",
    );
    writeFile(project, 'test/app-fake.ts', `${docExample('app-fake')}\nexport {};\n`);
    writeFile(
      project,
      'test/app-fake.test.ts',
      "import { it } from 'vitest';\nit('README app-fake example', async () => { await import('./app-fake.ts'); });\n",
    );
    // Act
    const r = spawnSync(process.execPath, [join(project, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json', '--outputFile=results.json'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 150_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    // Assert
    expect(r.status, `${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).toBe(0);
    const results = JSON.parse(readFileSync(join(project, 'results.json'), 'utf8')) as {
      testResults: { name: string; assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[];
    };
    const tests = results.testResults.flatMap((f) => f.assertionResults);
    const spec = tests.filter((t) => t.ancestorTitles[0] === 'SSE specification on reference');
    expect(spec.map((t) => t.title).sort()).toEqual([...ids].sort());
    expect(spec.every((t) => t.status === 'passed')).toBe(true);
    const kmsOnly = tests.filter((t) => t.ancestorTitles[0] === 'kms only');
    expect(kmsOnly).toHaveLength(ids.length);
    for (const t of kmsOnly) expect(t.status, t.title).toBe(t.title.startsWith('kms.') ? 'passed' : 'skipped');
    expect(tests.find((t) => t.title === 'README app-fake example')?.status).toBe('passed');
  }, 180_000);
});
