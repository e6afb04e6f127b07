/**
 * SeaweedFS as a target: S3 from SeaweedFS's S3 gateway, KMS from local-kms, each started through a loopback
 * launcher (test-targets/<name>/launcher, built by `npm run provision`) and stopped by its PID. SeaweedFS's launcher
 * runs its `weed mini` (master, volume server, filer and S3 gateway in one process) with every port free on 127.0.0.1,
 * its data in a fresh folder, and SeaweedFS's AWS KMS provider pointed at the local-kms this target started first
 * (weed/kms/aws: an `endpoint` for testing), so the keys the clauses create there are the ones its SSE-KMS uses.
 * SeaweedFS denies every request when its S3 config names no identity: the launcher names one per principal of this
 * target, with the access keys its clients sign with, each allowed everything.
 */
import { TargetUnavailableError } from '../../src/target.js';
import { type Emulator, EmulatorTarget, type Instance } from '../emulator-target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { spawnedEmulator } from '../launched-process.js';
import { defaultCredentials, httpTargetCapabilities } from '../sdk-target.js';
import { LOCAL_KMS_ACCOUNT, localKms } from '../local-kms/local-kms-emulator.js';
import { measured } from '../measured.js';

/** SeaweedFS for one run: its launcher is told where the KMS of the same target answers. */
function seaweedfs(kms: () => string | undefined): Emulator {
  return spawnedEmulator({
    name: 'SeaweedFS',
    // ListBuckets, unsigned: SeaweedFS answers it with AccessDenied once it listens.
    health: { path: '/', anyAnswer: true },
    hint: provisionHint('seaweedfs'),
    port: 'printed',
    workDir: true,
    // Master, volume server, filer and S3 gateway start one after another: seconds idle, more on a loaded machine.
    timeoutMs: 120_000,
    command: ({ dir }) => {
      const bin = provisionedBinary('seaweedfs');
      if (!bin) throw new TargetUnavailableError(`SeaweedFS is not provisioned: ${provisionHint('seaweedfs')}`);
      const endpoint = kms();
      if (!endpoint) throw new Error('SeaweedFS is started after the KMS of its target');
      const principals = Array.from({ length: httpTargetCapabilities().principals }, (_, i) => defaultCredentials(i));
      const credentials = principals.map((c) => `${c.accessKeyId}:${c.secretAccessKey}`).join(',');
      return { command: bin, args: ['-host', '127.0.0.1', '-dir', dir, '-kms', endpoint, '-credentials', credentials, '-timeout', '110s'] };
    },
  });
}

export class SeaweedfsTarget extends EmulatorTarget {
  constructor(options: { realTimeWindows?: boolean } = {}) {
    // local-kms first: SeaweedFS reads its KMS endpoint when it starts.
    let kmsEndpoint: string | undefined;
    const kms: Emulator = {
      ...localKms,
      async start(): Promise<Instance> {
        const instance = await localKms.start();
        kmsEndpoint = instance.endpoint;
        return instance;
      },
    };
    const parts = [
      { emulator: kms, serves: ['kms'] as const },
      { emulator: seaweedfs(() => kmsEndpoint), serves: ['s3'] as const },
    ];
    // Not measured (no measured.json): one clause at a time, and the CLI says so.
    super({ name: 'seaweedfs', account: LOCAL_KMS_ACCOUNT, parts, measured: measured('seaweedfs', 0) }, options);
  }
}
