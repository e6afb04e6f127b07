#!/usr/bin/env node
/**
 * `npm run provision [-- NAME...]`: installs the pinned emulators of test-targets/emulators.json
 * into .emulators/<name>/<version>/ (git-ignored). Idempotent: an emulator whose folder holds a
 * completed install is skipped at once. A missing toolchain (Python, Go, Maven, cargo) is named,
 * with what it is needed for; nothing is installed outside the project folder.
 * Exit codes: 0 everything installed (or, outside CI, only toolchains missing: the tests then list
 * what they could not run); 1 an install failed; 2 usage error; 4 a toolchain is missing and CI=true.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pins = JSON.parse(readFileSync(join(root, 'test-targets/emulators.json'), 'utf8'));
delete pins.$comment;
const base = process.env.SSE_CONFORMANCE_EMULATORS ?? join(root, '.emulators');

const TOOLCHAINS = {
  pypi: { command: 'python3', args: ['--version'], hint: 'Python 3.10 or newer with the venv module (Debian: apt-get install python3-venv)' },
  go: { command: 'go', args: ['version'], hint: 'Go 1.22 or newer (https://go.dev/doc/install)' },
  maven: { command: 'mvn', args: ['--version'], hint: 'Maven 3 and a JDK 17 or newer (Debian: apt-get install maven)' },
  cargo: { command: 'cargo', args: ['--version'], hint: 'Rust with cargo (https://rustup.rs)' },
};

function run(command, args, opts = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (r.error) return { ok: false, out: r.error.message };
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function hasToolchain(kind) {
  const t = TOOLCHAINS[kind];
  return run(t.command, t.args).ok;
}

export function installDir(name) {
  return join(base, name, pins[name].version);
}

const INSTALLERS = {
  pypi(name, pin, dir) {
    const steps = [
      ['python3', ['-m', 'venv', dir]],
      [join(dir, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', ...(pin.constraints ?? []).flatMap((c) => ['--constraint', join(root, c)]), pin.requirement]],
    ];
    return steps;
  },
  go(name, pin, dir) {
    return [['go', ['install', `${pin.module}@${pin.version}`], { env: { ...process.env, GOBIN: join(dir, 'bin'), CGO_ENABLED: '0', GOFLAGS: '-mod=mod' } }]];
  },
  cargo(name, pin, dir) {
    return [['cargo', ['install', '--locked', '--root', dir, '--version', pin.version, pin.crate]]];
  },
};

const wanted = process.argv.slice(2);
for (const w of wanted) {
  if (!pins[w]) {
    process.stderr.write(`provision: unknown emulator "${w}"; known: ${Object.keys(pins).join(', ')}\n`);
    process.exit(2);
  }
}
const names = wanted.length ? wanted : Object.keys(pins);
let failed = 0;
let missing = 0;
for (const name of names) {
  const pin = pins[name];
  const dir = installDir(name);
  const marker = join(dir, '.provisioned');
  if (existsSync(marker)) {
    process.stdout.write(`provision: ${name} ${pin.version} already installed (${dir})\n`);
    continue;
  }
  if (!hasToolchain(pin.kind)) {
    process.stderr.write(`provision: MISSING TOOLCHAIN for ${name}: ${TOOLCHAINS[pin.kind].command} not found; install ${TOOLCHAINS[pin.kind].hint}\n`);
    missing++;
    continue;
  }
  const started = Date.now();
  process.stdout.write(`provision: installing ${name} ${pin.version} into ${dir} …\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  let ok = true;
  for (const [command, args, opts] of INSTALLERS[pin.kind](name, pin, dir)) {
    const r = run(command, args, opts);
    if (!r.ok) {
      process.stderr.write(`provision: installing ${name} failed: ${command} ${args.join(' ')}\n${r.out.trim().split('\n').slice(-15).join('\n')}\n`);
      ok = false;
      break;
    }
  }
  if (ok && !existsSync(join(dir, pin.bin))) {
    process.stderr.write(`provision: ${name} installed but ${pin.bin} is missing in ${dir}\n`);
    ok = false;
  }
  if (!ok) {
    failed++;
    continue;
  }
  writeFileSync(marker, JSON.stringify({ version: pin.version, seconds: Math.round((Date.now() - started) / 1000) }) + '\n');
  process.stdout.write(`provision: ${name} ${pin.version} installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
if (missing) {
  const bar = '!'.repeat(78);
  process.stderr.write(`${bar}\nprovision: ${missing} emulator(s) NOT INSTALLED for want of a toolchain (named above); their test suites will be reported as not run\n${bar}\n`);
}
const ci = process.env.CI === 'true' || process.env.CI === '1';
process.exit(failed ? 1 : missing && ci ? 4 : 0);
