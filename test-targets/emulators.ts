/**
 * The emulator pins (test-targets/emulators.json, read by ./emulator-pins.mjs, which
 * scripts/provision.mjs shares) and where `npm run provision` put each provisioned one:
 * .emulators/<name>/<version>/ under the package root, or under $SSE_CONFORMANCE_EMULATORS.
 */
import { PACKAGE_ROOT } from '../src/paths.js';
import { type EmulatorPin, installDir, installedBinary, isProvisioned, readPins } from './emulator-pins.mjs';

export type { EmulatorPin };

export const emulatorPins = (): Record<string, EmulatorPin> => readPins(PACKAGE_ROOT);

/** The pin of one emulator; a name emulators.json does not hold is a programming error. */
export function emulatorPin(name: string): EmulatorPin {
  const pin = emulatorPins()[name];
  if (!pin) throw new Error(`no pinned emulator "${name}" in test-targets/emulators.json`);
  return pin;
}

/** The folder `npm run provision` installs an emulator into. */
export function emulatorDir(name: string): string {
  const pin = emulatorPin(name);
  if (!isProvisioned(pin)) throw new Error(`${name} is not installed by npm run provision (kind ${pin.kind})`);
  return installDir(PACKAGE_ROOT, name, pin);
}

/** The provisioned entry point of an emulator, or undefined when `npm run provision` has not installed it. */
export const provisionedBinary = (name: string): string | undefined => installedBinary(PACKAGE_ROOT, name, emulatorPin(name));

/** How to install an emulator that is missing, for error messages. */
export const provisionHint = (name: string) => `run \`npm run provision -- ${name}\``;

/** The pinned container image of an emulator: `<image>:<version>`. */
export function pinnedImage(name: string): string {
  const pin = emulatorPin(name);
  if (!pin.image) throw new Error(`the pin of ${name} in test-targets/emulators.json names no image`);
  return `${pin.image}:${pin.version}`;
}
