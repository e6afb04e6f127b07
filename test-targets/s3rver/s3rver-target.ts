/**
 * s3rver as a target: S3 from s3rver (an S3-only fake server for Node) started in this process on a free port of
 * 127.0.0.1, its objects in a fresh folder of its own that is removed when it stops; KMS from local-kms (s3rver has
 * none and never calls one), started through its loopback launcher and stopped by PID. s3rver checks request
 * signatures against its one built-in key pair (S3RVER/S3RVER, lib/models/account.js), so this target's S3 clients
 * sign with it; the S3 clauses use one principal. s3rver is imported lazily, so a missing install makes only this
 * target unavailable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOptional, MissingPackageError } from '../../src/optional-dependency.js';
import { TargetUnavailableError, type ServiceName } from '../../src/target.js';
import { type Emulator, EmulatorTarget, type Instance } from '../emulator-target.js';
import { LOCAL_KMS_ACCOUNT, localKms } from '../local-kms/local-kms-emulator.js';
import { measured } from '../measured.js';

/** s3rver 3.7.1's own key pair (lib/models/account.js, DUMMY_ACCOUNT): it refuses requests signed with any other. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

interface S3rverServer {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;

// Held in a variable so that TypeScript types the import as `any`: s3rver ships no type declarations.
const S3RVER_PACKAGE = 's3rver';

/** s3rver in this process, on 127.0.0.1 and a port the system picks, storing objects as files in a folder of its own. */
const s3rver: Emulator = {
  name: 's3rver',
  // ListBuckets: s3rver answers an unsigned GET / with its (empty) bucket list.
  health: { path: '/' },
  async start(): Promise<Instance> {
    let S3rver: S3rverClass;
    try {
      const mod = (await importOptional(S3RVER_PACKAGE, 'the s3rver target', () => import(S3RVER_PACKAGE))) as { default: S3rverClass };
      S3rver = mod.default;
    } catch (e) {
      if (e instanceof MissingPackageError) throw e;
      throw new TargetUnavailableError(`s3rver could not be loaded: ${(e as Error).message}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'ssec-s3rver-'));
    const removeDir = () => rmSync(dir, { recursive: true, force: true });
    try {
      const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true });
      const { address, port } = await server.run();
      return {
        endpoint: `http://${address}:${port}`,
        dir,
        stop: async () => {
          await server.close();
          removeDir();
        },
      };
    } catch (e) {
      removeDir();
      throw new TargetUnavailableError(`s3rver did not start: ${(e as Error).message}`);
    }
  },
};

export class S3rverTarget extends EmulatorTarget {
  constructor(options: { realTimeWindows?: boolean } = {}) {
    const parts = [
      { emulator: s3rver, serves: ['s3'] as const },
      { emulator: localKms, serves: ['kms'] as const },
    ];
    // Not measured (no measured.json): one clause at a time, and the CLI says so.
    super({ name: 's3rver', account: LOCAL_KMS_ACCOUNT, parts, measured: measured('s3rver', 0) }, options);
  }

  /** The folder s3rver keeps its buckets and objects in while it runs (its files: lib/stores/filesystem.js). */
  get dataDir(): string | undefined {
    return this.instanceOf(s3rver)?.dir;
  }

  protected override clientConfig(service: ServiceName): Record<string, unknown> {
    return service === 's3' ? { credentials: S3RVER_CREDENTIALS } : {};
  }
}
