/** `npm run provision` names a missing toolchain: loudly and exit 0 on a user's machine, exit 4 in CI; an unknown name is exit 2. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { emulatorPins } from '../test-targets/emulators.js';

const provision = (args: string[], env: Record<string, string>) => {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'scripts/provision.mjs'), ...args], {
    encoding: 'utf8',
    // Only node on PATH, a home without pyenv, and an empty emulator folder: no toolchain can be found.
    env: {
      PATH: dirname(process.execPath),
      HOME: mkdtempSync(join(tmpdir(), 'ssec-home-')),
      SSE_CONFORMANCE_EMULATORS: mkdtempSync(join(tmpdir(), 'ssec-emu-')),
      ...env,
    },
  });
  return { code: r.status, err: r.stderr };
};

it('names each missing toolchain and what needs it', () => {
  const r = provision(['goaws', 'localstack', 'elasticmq'], {});
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/MISSING TOOLCHAIN for goaws: go not found; install Go 1\.22 or newer/);
  expect(r.err).toMatch(/MISSING TOOLCHAIN for localstack: Python 3\.13 or newer not found/);
  expect(r.err).toMatch(/MISSING TOOLCHAIN for elasticmq: mvn not found; install Maven 3 and a JDK 17/);
  expect(r.err).toMatch(/3 emulator\(s\) NOT INSTALLED for want of a toolchain/);
});

it('fails in CI when a toolchain is missing, and refuses an unknown emulator and one it does not install', () => {
  expect(provision(['goaws'], { CI: 'true' }).code).toBe(4);
  const unknown = provision(['nosuch'], {});
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/unknown emulator "nosuch"; known: moto, /);
  expect(unknown.err).not.toMatch(/fauxqs|floci/);
  // Pinned in the same file, installed by others.
  const npm = provision(['fauxqs'], {});
  expect([npm.code, npm.err.trim()]).toEqual([2, 'provision: fauxqs is not provisioned: npm installs it (npm ci) (kind npm in test-targets/emulators.json)']);
  expect(provision(['floci'], {}).err).toMatch(/^provision: floci is not provisioned: a container engine pulls its image/);
});

it('links a Rust emulator from the cache outside the clone, and names cargo only when the cache is cold or was built with other settings', () => {
  const cache = mkdtempSync(join(tmpdir(), 'ssec-cache-'));
  const version = emulatorPins().fakecloud!.version;
  const cold = provision(['fakecloud'], { SSE_CONFORMANCE_CACHE: cache });
  expect(cold.err).toMatch(/MISSING TOOLCHAIN for fakecloud: cargo not found; install Rust with cargo/);
  // A binary a build on this machine left in the cache (here a stand-in): no cargo needed, nothing built.
  const built = join(cache, 'fakecloud', version);
  mkdirSync(join(built, 'bin'), { recursive: true });
  writeFileSync(join(built, 'bin', 'fakecloud'), '#!/bin/sh\necho cached\n', { mode: 0o755 });
  // Built with other release-profile settings than the pin's: cold, so cargo is needed again.
  writeFileSync(join(built, '.built'), '{"profile":{"opt-level":3}}\n');
  expect(provision(['fakecloud'], { SSE_CONFORMANCE_CACHE: cache }).err).toMatch(/MISSING TOOLCHAIN for fakecloud: cargo not found/);
  writeFileSync(join(built, '.built'), `${JSON.stringify({ profile: emulatorPins().fakecloud!.profile })}\n`);
  const emulators = mkdtempSync(join(tmpdir(), 'ssec-emu-'));
  const warm = provision(['fakecloud'], { SSE_CONFORMANCE_CACHE: cache, SSE_CONFORMANCE_EMULATORS: emulators });
  expect(warm.err).toBe('');
  expect(warm.code).toBe(0);
  const linked = join(emulators, 'fakecloud', version, 'bin', 'fakecloud');
  expect(readFileSync(linked, 'utf8')).toBe('#!/bin/sh\necho cached\n');
  expect(statSync(linked).ino).toBe(statSync(join(built, 'bin', 'fakecloud')).ino); // a hard link, not a second copy
  expect(existsSync(join(emulators, 'fakecloud', version, '.provisioned'))).toBe(true);
});

it('links a Go launcher from the cache outside the clone, built once per pin and launcher sources, and names go only when it is not there', () => {
  const cache = mkdtempSync(join(tmpdir(), 'ssec-cache-'));
  const pin = emulatorPins().goaws!;
  expect(provision(['goaws'], { SSE_CONFORMANCE_CACHE: cache }).err).toMatch(/MISSING TOOLCHAIN for goaws: go not found/);
  // The folder is named by the pin and a digest of the launcher's files, as a build on this machine names it.
  const src = join(PACKAGE_ROOT, 'test-targets', 'goaws', 'launcher');
  const h = createHash('sha256');
  for (const f of readdirSync(src).sort()) h.update(f).update(readFileSync(join(src, f)));
  const built = join(cache, 'goaws', `${pin.version}+${h.digest('hex').slice(0, 12)}`);
  mkdirSync(join(built, dirname(pin.bin!)), { recursive: true });
  writeFileSync(join(built, pin.bin!), '#!/bin/sh\necho cached\n', { mode: 0o755 });
  const emulators = mkdtempSync(join(tmpdir(), 'ssec-emu-'));
  const warm = provision(['goaws'], { SSE_CONFORMANCE_CACHE: cache, SSE_CONFORMANCE_EMULATORS: emulators });
  expect([warm.code, warm.err]).toEqual([0, '']);
  const linked = join(emulators, 'goaws', pin.version, pin.bin!);
  expect(statSync(linked).ino).toBe(statSync(join(built, pin.bin!)).ino); // a hard link, not a second copy
});
