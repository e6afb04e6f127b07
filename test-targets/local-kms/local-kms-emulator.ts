/**
 * local-kms as an emulator: KMS only, started through our loopback launcher (test-targets/local-kms/launcher,
 * built by `npm run provision`) on port 0 of 127.0.0.1 with a fresh LevelDB folder that is removed after.
 * It has no health route (any HTTP answer shows it listens) and no reset. The local-kms target serves
 * KMS from it, and so do the goaws and ElasticMQ targets, which have no KMS of their own.
 */
import { TargetUnavailableError } from '../../src/target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { spawnedEmulator } from '../launched-process.js';

/** The account local-kms answers for, and the one the targets built on it tell their other emulator. */
export const LOCAL_KMS_ACCOUNT = '000000000000';

export const localKms = spawnedEmulator({
  name: 'local-kms',
  health: { path: '/', anyAnswer: true },
  hint: provisionHint('local-kms'),
  port: 'printed',
  workDir: true,
  command: ({ dir }) => {
    const bin = provisionedBinary('local-kms');
    if (!bin) throw new TargetUnavailableError(`local-kms is not provisioned: ${provisionHint('local-kms')}`);
    return { command: bin, args: ['-host', '127.0.0.1', '-port', '0', '-data', dir, '-account', LOCAL_KMS_ACCOUNT] };
  },
});
