/**
 * Where `npm run provision` put each pinned emulator (test-targets/emulators.json):
 * .emulators/<name>/<version>/ under the package root, or under $SSE_CONFORMANCE_EMULATORS.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

export interface EmulatorPin {
  kind: 'pypi' | 'go-launcher' | 'maven' | 'cargo';
  version: string;
  /** The installed entry point, relative to the install folder. */
  bin: string;
  /** kind cargo: the release-profile settings the crate is built with (cargo `--config profile.release.<key>`). */
  profile?: Record<string, string | number | boolean>;
  /** kind cargo: measured cold builds (docs/targets.md shows them). */
  buildMeasurements?: { date: string; machine: string; profile: string; coldSeconds: number; matrix?: string; binaryMB?: number }[];
}

export function emulatorPins(): Record<string, EmulatorPin> {
  const raw = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test-targets/emulators.json'), 'utf8')) as Record<string, EmulatorPin | string>;
  return Object.fromEntries(Object.entries(raw).filter(([k]) => k !== '$comment')) as Record<string, EmulatorPin>;
}

export function emulatorDir(name: string): string {
  const pin = emulatorPins()[name];
  if (!pin) throw new Error(`no pinned emulator "${name}" in test-targets/emulators.json`);
  return join(process.env.SSE_CONFORMANCE_EMULATORS ?? join(PACKAGE_ROOT, '.emulators'), name, pin.version);
}

/** The provisioned entry point of an emulator, or undefined when `npm run provision` has not installed it. */
export function provisionedBinary(name: string): string | undefined {
  const dir = emulatorDir(name);
  return existsSync(join(dir, '.provisioned')) ? join(dir, emulatorPins()[name]!.bin) : undefined;
}

/** How to install an emulator that is missing, for error messages. */
export const provisionHint = (name: string) => `run \`npm run provision -- ${name}\``;
