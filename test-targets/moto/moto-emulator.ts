/**
 * moto as an emulator: the provisioned `moto_server` (or $MOTO_SERVER, or moto_server on PATH) on a
 * free 127.0.0.1 port, healthy once `/moto-api/` answers, wiped by `POST /moto-api/reset`. The moto
 * target serves all three services from it; the fauxqs target takes its KMS.
 */
import type { Emulator, Instance } from '../emulator-target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { spawnedEmulator } from '../launched-process.js';

/** $MOTO_SERVER, else the provisioned moto (`npm run provision -- moto`), else moto_server on PATH. */
export const motoCommand = (): string => process.env.MOTO_SERVER ?? provisionedBinary('moto') ?? 'moto_server';

/** The moto emulator; `command` replaces the moto_server it runs. */
export const moto = (command?: string): Emulator =>
  spawnedEmulator({
    name: 'moto',
    health: { path: '/moto-api/' },
    reset: '/moto-api/reset',
    hint: `${provisionHint('moto')} (or put moto_server on PATH, or set MOTO_SERVER)`,
    port: 'free',
    command: ({ port }) => ({ command: command ?? motoCommand(), args: ['-H', '127.0.0.1', '-p', String(port)] }),
  });

/** A moto_server of its own, for tests and tools that need a moto outside a target (stopped with `stop()`). */
export const startMoto = (command?: string): Promise<Instance> => moto(command).start();
