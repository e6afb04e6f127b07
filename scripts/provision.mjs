#!/usr/bin/env node
/**
 * `npm run provision [-- NAME...]`: installs the pinned emulators of test-targets/emulators.json
 * into .emulators/<name>/<version>/ (git-ignored). Idempotent: an emulator whose folder holds a
 * completed install is skipped at once. A missing toolchain (Python of the pinned version, Go,
 * Maven, Rust) is named, with what it is needed for. What runs lives only in that folder (pip's and Go's
 * download caches stay where those tools keep them; Maven's is inside it too). A Rust emulator takes
 * an hour to build on two cores, so its binary is built once into a cache outside the clone, keyed by
 * version ($SSE_CONFORMANCE_CACHE, default ~/.cache/sse-conformance), and every clone links it from there.
 * Exit codes: 0 everything installed (or, outside CI, only toolchains missing: the tests then list
 * what they could not run); 1 an install failed; 2 usage error; 4 a toolchain is missing and CI=true.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installDir as pinDir, isProvisioned, PROVISIONED_MARKER, readPins } from '../test-targets/emulator-pins.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const allPins = readPins(root);
// fauxqs comes with npm, container images with a container engine: only the rest is installed here.
const pins = Object.fromEntries(Object.entries(allPins).filter(([, pin]) => isProvisioned(pin)));

const TOOLCHAINS = {
  pypi: {
    command: 'python3',
    args: ['--version'],
    hint: 'Python with the venv module, of the version the pin names (Debian: apt-get install python3-venv; other versions: pyenv)',
  },
  'go-launcher': { command: 'go', args: ['version'], hint: 'Go 1.22 or newer, 1.26.6 or newer for SeaweedFS (https://go.dev/doc/install)' },
  maven: { command: 'mvn', args: ['--version'], hint: 'Maven 3 and a JDK 17 or newer (Debian: apt-get install maven)' },
  cargo: { command: 'cargo', args: ['--version'], hint: 'Rust with cargo (https://rustup.rs)' },
};

/** Where built binaries are kept across clones: $SSE_CONFORMANCE_CACHE, else $XDG_CACHE_HOME or ~/.cache, /sse-conformance. */
export const cacheRoot = () => process.env.SSE_CONFORMANCE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sse-conformance');

/** A step done in this process (copying, writing a marker), reported like a command. */
function attempt(fn) {
  try {
    fn();
    return { ok: true, out: '' };
  } catch (e) {
    return { ok: false, out: e.message };
  }
}

function run(command, args, opts = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  if (r.error) return { ok: false, out: r.error.message };
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/**
 * A Python interpreter of at least `wanted` ("3.13"): python3 on PATH, python3.X on PATH, or a pyenv
 * installation ($PYENV_ROOT/versions/3.X*), newest first. Undefined when there is none.
 */
function findPython(wanted = '3.10') {
  const [wMajor, wMinor] = wanted.split('.').map(Number);
  const pyenv = process.env.PYENV_ROOT ?? join(process.env.HOME ?? '/root', '.pyenv');
  const candidates = ['python3'];
  for (let minor = 20; minor >= wMinor; minor--) candidates.push(`python3.${minor}`);
  if (existsSync(join(pyenv, 'versions'))) {
    for (const v of readdirSync(join(pyenv, 'versions')).sort().reverse()) candidates.push(join(pyenv, 'versions', v, 'bin', 'python3'));
  }
  for (const c of candidates) {
    const r = run(c, ['-c', 'import sys, venv; print("%d.%d" % sys.version_info[:2])']);
    if (!r.ok) continue;
    const [major, minor] = r.out.trim().split('.').map(Number);
    if (major === wMajor && minor >= wMinor) return c;
  }
  return undefined;
}

/**
 * The release-profile settings a cargo pin is built with (`profile` in emulators.json), as cargo `--config`
 * arguments; the crate itself is built as published. They are part of what the cache holds: a binary built
 * with other settings is rebuilt.
 */
const profileArgs = (pin) => Object.entries(pin.profile ?? {}).flatMap(([k, v]) => ['--config', `profile.release.${k}=${JSON.stringify(v)}`]);

function builtMarker(name, pin) {
  try {
    return JSON.parse(readFileSync(join(cacheRoot(), name, pin.version, '.built'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** A cargo-built emulator already in the cache, built with the pinned settings, needs no Rust toolchain. */
const inCache = (name, pin) =>
  JSON.stringify(builtMarker(name, pin)?.profile ?? {}) === JSON.stringify(pin.profile ?? {}) && existsSync(join(cacheRoot(), name, pin.version, pin.bin));

/** A binary from the machine's cache into a clone: a hard link on the same file system (no second copy), else a copy. */
function linkInto(cached, target) {
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { force: true });
  try {
    linkSync(cached, target);
  } catch {
    copyFileSync(cached, target);
  }
}

/** Where a go-launcher pin is built once per machine: the pin and the launcher's sources name the folder. */
const goCached = (name, pin) => join(cacheRoot(), name, fingerprint(name, pin), pin.bin);

function hasToolchain(kind, pin, name) {
  if (kind === 'pypi') return findPython(pin.python) !== undefined;
  if (kind === 'cargo' && inCache(name, pin)) return true;
  if (kind === 'go-launcher' && existsSync(goCached(name, pin))) return true;
  const t = TOOLCHAINS[kind];
  return run(t.command, t.args).ok;
}

export const installDir = (name) => pinDir(root, name, pins[name]);

const INSTALLERS = {
  pypi(_name, pin, dir) {
    const requirements = Array.isArray(pin.requirement) ? pin.requirement : [pin.requirement];
    const steps = [
      [findPython(pin.python), ['-m', 'venv', dir]],
      [
        join(dir, 'bin/pip'),
        ['install', '--quiet', '--disable-pip-version-check', ...(pin.constraints ? ['--constraint', join(root, pin.constraints)] : []), ...requirements],
      ],
    ];
    // A step after the install, e.g. LocalStack building its service catalogue once instead of at each start.
    if (pin.postInstall) {
      const fill = (x) => x.replaceAll('{dir}', dir);
      for (const d of pin.postInstall.mkdir ?? []) steps.push(['mkdir', ['-p', fill(d)]]);
      steps.push([
        join(dir, pin.postInstall.command),
        pin.postInstall.args.map(fill),
        { env: { PATH: '/usr/bin:/bin', ...Object.fromEntries(Object.entries(pin.postInstall.env ?? {}).map(([k, v]) => [k, fill(v)])) } },
      ]);
    }
    return steps;
  },
  // Our own small launcher (test-targets/<name>/launcher), which binds loopback; its go.mod pins the emulator. Built
  // once per machine into the cache (cacheRoot()/<name>/<fingerprint>: the pin and the launcher's sources), then
  // linked here: linking SeaweedFS's 233 MB binary takes minutes even with Go's build cache warm.
  'go-launcher'(name, pin, dir) {
    const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod -buildvcs=false', GOTOOLCHAIN: 'local' };
    const cached = goCached(name, pin);
    const steps = [];
    if (!existsSync(cached)) {
      // Built beside its place and renamed into it, so that an interrupted build never leaves a binary to reuse.
      steps.push(['mkdir', ['-p', dirname(cached)]]);
      steps.push(['go', ['build', '-o', `${cached}.partial`, '.'], { env, cwd: join(root, 'test-targets', name, 'launcher') }]);
      steps.push([() => renameSync(`${cached}.partial`, cached)]);
    }
    steps.push([() => linkInto(cached, join(dir, pin.bin))]);
    return steps;
  },
  // `cargo install --locked` of the pinned crate into the cache (cacheRoot()/<name>/<version>), once per machine;
  // its build folder is kept there until the build succeeds, so an interrupted build resumes. Then linked here.
  cargo(name, pin, dir) {
    const cache = join(cacheRoot(), name, pin.version);
    const cached = join(cache, pin.bin);
    const steps = [];
    let buildStarted = 0;
    if (!inCache(name, pin)) {
      process.stdout.write(
        `provision: ${name} ${pin.version} is not in the cache (${cache}): building it with cargo from crates.io. ` +
          `This is slow (${pin.firstBuild}); every later clone on this machine reuses it.\n`,
      );
      steps.push(['mkdir', ['-p', cache]]);
      steps.push([
        () => {
          buildStarted = Date.now();
        },
      ]);
      // cargo's own progress lines (one per crate compiled) go to the terminal: an hour of silence would look like a hang.
      steps.push([
        'cargo',
        ['install', '--locked', '--force', '--root', cache, '--version', pin.version, ...profileArgs(pin), pin.crate],
        { env: { ...process.env, CARGO_TARGET_DIR: join(cache, 'build') }, stdio: ['ignore', 'inherit', 'inherit'], timeout: 3 * 3600_000 },
      ]);
      steps.push([
        () => {
          writeFileSync(
            join(cache, '.built'),
            JSON.stringify({
              crate: pin.crate,
              version: pin.version,
              profile: pin.profile ?? {},
              builtAt: new Date().toISOString(),
              seconds: Math.round((Date.now() - buildStarted) / 1000),
            }) + '\n',
          );
          rmSync(join(cache, 'build'), { recursive: true, force: true });
        },
      ]);
    }
    steps.push([() => linkInto(cached, join(dir, pin.bin))]);
    return steps;
  },
  // Resolved, not built: the pom lists the server; its jars go to <dir>/lib, Maven's cache to <dir>/../.m2.
  maven(_name, pin, dir) {
    return [
      [
        'mvn',
        [
          '-B',
          '-q',
          '-f',
          join(root, pin.pom),
          `-Dmaven.repo.local=${join(dir, '..', '.m2')}`,
          'dependency:copy-dependencies',
          `-DoutputDirectory=${join(dir, 'lib')}`,
        ],
      ],
    ];
  },
};

/** What an install is built from besides its version: a launcher's sources, a crate's build settings; editing either reinstalls it. */
function fingerprint(name, pin) {
  if (pin.kind === 'cargo' && pin.profile) return `${pin.version}+${JSON.stringify(pin.profile)}`;
  if (pin.kind !== 'go-launcher') return pin.version;
  const src = join(root, 'test-targets', name, 'launcher');
  const h = createHash('sha256');
  for (const f of readdirSync(src).sort()) h.update(f).update(readFileSync(join(src, f)));
  return `${pin.version}+${h.digest('hex').slice(0, 12)}`;
}

function installedFingerprint(marker) {
  try {
    return JSON.parse(readFileSync(marker, 'utf8')).fingerprint;
  } catch {
    return undefined;
  }
}

const wanted = process.argv.slice(2);
for (const w of wanted) {
  if (allPins[w] && !pins[w]) {
    const by = allPins[w].kind === 'npm' ? 'npm installs it (npm ci)' : 'a container engine pulls its image when its target starts';
    process.stderr.write(`provision: ${w} is not provisioned: ${by} (kind ${allPins[w].kind} in test-targets/emulators.json)\n`);
    process.exit(2);
  }
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
  const marker = join(dir, PROVISIONED_MARKER);
  const print = fingerprint(name, pin);
  if (installedFingerprint(marker) === print) {
    process.stdout.write(`provision: ${name} ${pin.version} already installed (${dir})\n`);
    continue;
  }
  if (!hasToolchain(pin.kind, pin, name)) {
    const what = pin.kind === 'pypi' ? `Python ${pin.python ?? '3.10'} or newer` : TOOLCHAINS[pin.kind].command;
    process.stderr.write(`provision: MISSING TOOLCHAIN for ${name}: ${what} not found; install ${TOOLCHAINS[pin.kind].hint}\n`);
    missing++;
    continue;
  }
  const started = Date.now();
  process.stdout.write(`provision: installing ${name} ${pin.version} into ${dir} …\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  let ok = true;
  for (const [command, args, opts] of INSTALLERS[pin.kind](name, pin, dir)) {
    const r = typeof command === 'function' ? attempt(command) : run(command, args, opts);
    if (!r.ok) {
      process.stderr.write(
        `provision: installing ${name} failed: ${typeof command === 'function' ? 'copying it into place' : `${command} ${args.join(' ')}`}\n${r.out.trim().split('\n').slice(-15).join('\n')}\n`,
      );
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
  writeFileSync(marker, JSON.stringify({ version: pin.version, fingerprint: print, seconds: Math.round((Date.now() - started) / 1000) }) + '\n');
  process.stdout.write(`provision: ${name} ${pin.version} installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
if (missing) {
  const bar = '!'.repeat(78);
  process.stderr.write(
    `${bar}\nprovision: ${missing} emulator(s) NOT INSTALLED for want of a toolchain (named above); their test suites will be reported as not run\n${bar}\n`,
  );
}
const ci = process.env.CI === 'true' || process.env.CI === '1';
process.exit(failed ? 1 : missing && ci ? 4 : 0);
