/**
 * moto as an emulator: the provisioned `moto_server` (or $MOTO_SERVER, or moto_server on PATH) on a
 * free 127.0.0.1 port, healthy once `/moto-api/` answers, wiped by `POST /moto-api/reset`. The moto
 * target serves all three services from it; the fauxqs target takes its KMS.
 */
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import type { Emulator, Instance } from '../emulator-target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { spawnedEmulator } from '../launched-process.js';

/** $MOTO_SERVER, else the provisioned moto (`npm run provision -- moto`), else moto_server on PATH. */
export const motoCommand = (): string => process.env.MOTO_SERVER ?? provisionedBinary('moto') ?? 'moto_server';

/**
 * How moto is started: the provisioned moto's Python running ./moto-main.py (moto's own server, whose
 * /moto-api/data.json also takes filters, so that reading one queue at rest does not cost the whole run's
 * state), else the moto_server named ($MOTO_SERVER, `command`, or on PATH) as it is.
 */
function motoProcess(command: string | undefined, args: string[]): { command: string; args: string[] } {
  const provisioned = provisionedBinary('moto');
  if (command === undefined && process.env.MOTO_SERVER === undefined && provisioned) {
    return { command: join(dirname(provisioned), 'python3'), args: [join(PACKAGE_ROOT, 'test-targets/moto/moto-main.py'), ...args] };
  }
  return { command: command ?? motoCommand(), args };
}

/** The moto emulator; `command` replaces the moto_server it runs. */
export const moto = (command?: string): Emulator =>
  spawnedEmulator({
    name: 'moto',
    health: { path: '/moto-api/' },
    reset: '/moto-api/reset',
    hint: `${provisionHint('moto')} (or put moto_server on PATH, or set MOTO_SERVER)`,
    port: 'free',
    command: ({ port }) => motoProcess(command, ['-H', '127.0.0.1', '-p', String(port)]),
  });

/** A moto_server of its own, for tests and tools that need a moto outside a target (stopped with `stop()`). */
export const startMoto = (command?: string): Promise<Instance> => moto(command).start();
