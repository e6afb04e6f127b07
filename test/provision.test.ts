/** `npm run provision` names a missing toolchain: loudly and exit 0 on a user's machine, exit 4 in CI; an unknown name is exit 2. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';

const provision = (args: string[], env: Record<string, string>) => {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'scripts/provision.mjs'), ...args], {
    encoding: 'utf8',
    // Only node on PATH, a home without pyenv, and an empty emulator folder: no toolchain can be found.
    env: { PATH: dirname(process.execPath), HOME: mkdtempSync(join(tmpdir(), 'ssec-home-')), SSE_CONFORMANCE_EMULATORS: mkdtempSync(join(tmpdir(), 'ssec-emu-')), ...env },
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

it('fails in CI when a toolchain is missing, and refuses an unknown emulator', () => {
  expect(provision(['goaws'], { CI: 'true' }).code).toBe(4);
  const unknown = provision(['nosuch'], {});
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/unknown emulator "nosuch"; known: moto, /);
});
