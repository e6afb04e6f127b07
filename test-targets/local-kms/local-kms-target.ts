/**
 * local-kms as a target: KMS only, so the KMS clauses run and every clause that needs SNS or SQS is
 * not observable. Started through our loopback launcher on a free 127.0.0.1 port with a fresh data
 * folder (./local-kms-emulator.ts), stopped by its PID. `endpoint` uses a local-kms the user runs
 * instead (never wiped: local-kms has no reset).
 */
import { EmulatorTarget } from '../emulator-target.js';
import { LOCAL_KMS_ACCOUNT, localKms } from './local-kms-emulator.js';
import { measured } from '../measured.js';

export class LocalKmsTarget extends EmulatorTarget {
  constructor(options: { endpoint?: string; realTimeWindows?: boolean } = {}) {
    super({ name: 'local-kms', account: LOCAL_KMS_ACCOUNT, parts: [{ emulator: localKms, serves: ['kms'] }], measured: measured('local-kms', 0) }, options);
  }
}
