/**
 * One pin source: test-targets/emulators.json. Every other place that names an emulator's version
 * (a launcher's go.mod, the Maven pom, LocalStack's Dockerfile, fauxqs and s3rver in package.json) must say the
 * same, and what reads a pin (targets, provisioning) reads it through the one reader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { emulatorDir, emulatorPins, pinnedImage } from '../../test-targets/emulators.js';
import { PROVISIONED_KINDS } from '../../test-targets/emulator-pins.mjs';
import { FLOCI_IMAGE } from '../../test-targets/floci/floci-target.js';
import { TARGET_MODULES, targetModule } from '../../test-targets/registry.js';

const read = (path: string) => readFileSync(join(PACKAGE_ROOT, path), 'utf8');
const pins = emulatorPins();

describe('emulators.json, the one pin source', () => {
  it('holds a known kind for each pin, and an entry point for each that npm run provision installs', () => {
    for (const [name, pin] of Object.entries(pins)) {
      expect([...PROVISIONED_KINDS, 'npm', 'container'], name).toContain(pin.kind);
      if ((PROVISIONED_KINDS as readonly string[]).includes(pin.kind)) expect(pin.bin, name).toBeTruthy();
      else expect(() => emulatorDir(name), name).toThrow(/not installed by npm run provision/);
    }
  });

  it('agrees with the launchers go.mod and the Maven pom', () => {
    for (const [name, pin] of Object.entries(pins)) {
      if (pin.kind === 'go-launcher') expect(read(`test-targets/${name}/launcher/go.mod`), name).toContain(`${pin.module} ${pin.version}`);
      if (pin.kind === 'maven') expect(read(pin.pom!), name).toContain(`<version>${pin.version}</version>`);
    }
  });

  it("agrees with LocalStack's Dockerfile, which repeats the image for Dependabot", () => {
    const from = [...read('test-targets/localstack/Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(from).toEqual([pinnedImage('localstack')]);
  });

  it('agrees, for each npm pin (fauxqs, s3rver), with package.json (peer and dev dependency) and with the package npm installed', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;
    const npmPins = Object.entries(pins).filter(([, pin]) => pin.kind === 'npm');
    expect(npmPins.map(([name]) => name)).toEqual(['fauxqs', 's3rver']);
    for (const [name, pin] of npmPins) {
      expect(pkg.peerDependencies![name], name).toBe(pin.version);
      expect(pkg.devDependencies![name], name).toBe(pin.version);
      expect(JSON.parse(read(`node_modules/${name}/package.json`)).version, `the ${name} npm installed`).toBe(pin.version);
    }
  });

  it('gives every emulator target its version, and floci its image', () => {
    for (const m of TARGET_MODULES) if (pins[m.name]) expect(m.version, m.name).toBe(pins[m.name]!.version);
    expect(FLOCI_IMAGE).toBe(`floci/floci:${pins.floci!.version}`);
    expect(targetModule('floci').version).toBe(pins.floci!.version);
  });
});
