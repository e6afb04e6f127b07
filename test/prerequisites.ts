/**
 * What a test suite needs from the machine (a provisioned emulator, a browser). On a user's machine
 * a missing prerequisite makes the suite skip with the reason, and the run ends with a loud list of
 * what was not run (test/global-setup.ts). With CI=true a missing prerequisite fails.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { join } from 'node:path';
import { emulatorPins, provisionedBinary } from '../test-targets/emulators.js';
import { spawnSync } from 'node:child_process';
import { MIN_NODE, supportsNode } from '../app/cli/node-version.js';

/** A Node the package does not support, to check what such a user meets: the machine's own (Debian's is 20). */
export const OLD_NODE = process.env.OLD_NODE ?? '/usr/bin/node';

/** OLD_NODE when it exists and is older than the package's engines. */
export function oldNode(): string | undefined {
  const v = existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined;
  return v && !supportsNode(v) ? OLD_NODE : undefined;
}

export const NOT_RUN_LOG = join(new URL('..', import.meta.url).pathname, '.vitest', 'not-run.txt');
export const inCi = () => process.env.CI === 'true' || process.env.CI === '1';

/** Why a suite cannot run here, or undefined when it can. */
export function missing(needs: { emulators?: string[]; browser?: string; oldNode?: boolean }): string | undefined {
  const pins = emulatorPins();
  const absent = (needs.emulators ?? []).filter((e) => pins[e] && !provisionedBinary(e));
  if (absent.length) return `${absent.join(', ')} not provisioned (run \`npm run provision -- ${absent.join(' ')}\`; it names any missing toolchain)`;
  if (needs.browser && !existsSync(needs.browser)) return `no browser at ${needs.browser} (Debian: apt-get install chromium; or set CHROMIUM_PATH)`;
  if (needs.oldNode && !oldNode()) return `no Node older than ${MIN_NODE.join('.')} at ${OLD_NODE} (the machine's own Node; set OLD_NODE)`;
  return undefined;
}

/**
 * Call at the start of a test: returns true when the test may run. Otherwise records the reason for
 * the end-of-run list and skips the test, or throws under CI.
 */
export function requireOrSkip(ctx: { skip: (note?: string) => void; task: { name: string } }, needs: Parameters<typeof missing>[0]): void {
  const why = missing(needs);
  if (!why) return;
  if (inCi()) throw new Error(`CI=true and a prerequisite is missing: ${why}`);
  record(ctx.task.name, why);
  ctx.skip(`NOT RUN: ${why}`);
}

export const notRunLines = (): string[] => (existsSync(NOT_RUN_LOG) ? readFileSync(NOT_RUN_LOG, 'utf8').split('\n').filter(Boolean) : []);

function record(title: string, why: string): void {
  mkdirSync(join(NOT_RUN_LOG, '..'), { recursive: true });
  appendFileSync(NOT_RUN_LOG, `${title}: ${why}\n`);
}

/** A describe block that runs only where its prerequisites are; elsewhere it is skipped and listed (CI: fails). */
export function describeNeeding(needs: Parameters<typeof missing>[0], title: string, body: () => void): void {
  const why = missing(needs);
  if (!why) return void describe(title, body);
  if (inCi())
    return void describe(title, () =>
      it('has its prerequisites (CI=true)', () => {
        throw new Error(`missing: ${why}`);
      }),
    );
  record(title, why);
  describe.skip(`${title} — NOT RUN: ${why}`, body);
}
