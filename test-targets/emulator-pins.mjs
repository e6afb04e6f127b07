// @ts-check
/**
 * The one reader of test-targets/emulators.json, the single source of every emulator pin. Shared by
 * the targets (through ./emulators.ts) and by scripts/provision.mjs, which plain `node` runs before
 * any build: so this is plain ESM, typed by its JSDoc (tsc checks it and emits it into dist/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} EmulatorPin
 * @property {'pypi' | 'go-launcher' | 'maven' | 'cargo' | 'npm' | 'container'} kind How it is installed: the first four by
 *   `npm run provision` into .emulators/; `npm` by npm itself (a dependency in package.json, checked equal by a test);
 *   `container` is an image a container engine pulls.
 * @property {string} version
 * @property {string} [bin] The installed entry point, relative to the install folder (provisioned kinds).
 * @property {string} [image] The container image, without its tag (the tag is the version).
 * @property {string | string[]} [requirement] kind pypi: what pip installs.
 * @property {string} [python] kind pypi: the least Python version.
 * @property {string} [constraints] kind pypi: pip's constraints file, relative to the package root.
 * @property {{ mkdir?: string[]; command: string; args: string[]; env?: Record<string, string> }} [postInstall] kind pypi: a step after
 *   the install (`{dir}` is the install folder).
 * @property {string} [module] kind go-launcher: the Go module the launcher's go.mod pins at this version.
 * @property {string} [pom] kind maven: the pom that lists it, relative to the package root.
 * @property {string} [crate] kind cargo: the crate.
 * @property {string} [firstBuild] kind cargo: how long its first build takes, for the message.
 * @property {Record<string, string | number | boolean>} [profile] kind cargo: the release-profile settings the crate is built with.
 * @property {{ date: string; machine: string; profile: string; coldSeconds: number; matrix?: string; binaryMB?: number }[]} [buildMeasurements]
 *   kind cargo: measured cold builds (docs/targets.md shows them).
 */

/** The kinds `npm run provision` installs. */
export const PROVISIONED_KINDS = /** @type {const} */ (['pypi', 'go-launcher', 'maven', 'cargo']);

/** The file a completed install leaves in its folder (what it was built from, and how long it took). */
export const PROVISIONED_MARKER = '.provisioned';

/**
 * Every pin of `<root>/test-targets/emulators.json`, by emulator name.
 * @param {string} root the package root
 * @returns {Record<string, EmulatorPin>}
 */
export function readPins(root) {
  const { $comment: _, ...pins } = JSON.parse(readFileSync(join(root, 'test-targets/emulators.json'), 'utf8'));
  return pins;
}

/**
 * Whether `npm run provision` installs this pin.
 * @param {EmulatorPin} pin
 */
export const isProvisioned = (pin) => /** @type {readonly string[]} */ (PROVISIONED_KINDS).includes(pin.kind);

/**
 * Where `npm run provision` installs an emulator: `<$SSE_CONFORMANCE_EMULATORS or <root>/.emulators>/<name>/<version>`.
 * @param {string} root the package root
 * @param {string} name
 * @param {EmulatorPin} pin
 */
export const installDir = (root, name, pin) => join(process.env.SSE_CONFORMANCE_EMULATORS ?? join(root, '.emulators'), name, pin.version);

/**
 * The installed entry point of a provisioned emulator, or undefined while no completed install is there.
 * @param {string} root the package root
 * @param {string} name
 * @param {EmulatorPin} pin
 */
export function installedBinary(root, name, pin) {
  const dir = installDir(root, name, pin);
  return pin.bin && existsSync(join(dir, PROVISIONED_MARKER)) ? join(dir, pin.bin) : undefined;
}
