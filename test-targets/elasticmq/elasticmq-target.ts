/**
 * ElasticMQ as a target: SQS only from ElasticMQ (resolved from Maven Central by `npm run provision`,
 * run with the machine's Java), KMS from local-kms, no SNS (the SNS clauses are not observable).
 * Both are started on free 127.0.0.1 ports (ElasticMQ from a config file written per run, since its
 * defaults bind 0.0.0.0:9324) and stopped by their PIDs. ElasticMQ keeps state in memory only, so
 * each run starts fresh.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TargetUnavailableError } from '../../src/target.js';
import { EmulatorTarget } from '../emulator-target.js';
import { provisionedBinary, provisionHint } from '../emulators.js';
import { spawnedEmulator } from '../launched-process.js';
import { LOCAL_KMS_ACCOUNT, localKms } from '../local-kms/local-kms-emulator.js';
import { measured } from '../measured.js';

const config = (port: number) => `include classpath("application.conf")
node-address { protocol = "http", host = "127.0.0.1", port = ${port}, context-path = "" }
rest-sqs { enabled = true, bind-port = ${port}, bind-hostname = "127.0.0.1", sqs-limits = strict }
rest-stats.enabled = false
generate-node-address = false
aws { region = "us-east-1", accountId = "${LOCAL_KMS_ACCOUNT}" }
`;

const elasticmq = spawnedEmulator({
  name: 'ElasticMQ',
  // Any answer means it listens; an unsigned GET gets a 4xx, so ask for something every version answers with 2xx.
  health: { path: '/?Action=ListQueues' },
  hint: 'ElasticMQ needs java on PATH (a JDK 17 or newer)',
  port: 'free',
  workDir: true,
  timeoutMs: 60_000,
  command: ({ port, dir }) => {
    const jar = provisionedBinary('elasticmq');
    if (!jar) throw new TargetUnavailableError(`ElasticMQ is not provisioned: ${provisionHint('elasticmq')}`);
    writeFileSync(join(dir, 'elasticmq.conf'), config(port));
    return { command: 'java', args: [`-Dconfig.file=${join(dir, 'elasticmq.conf')}`, '-cp', join(dirname(jar), '*'), 'org.elasticmq.server.Main'] };
  },
});

export class ElasticmqTarget extends EmulatorTarget {
  constructor(options: { realTimeWindows?: boolean } = {}) {
    // SNS is never called (services), so no emulator serves it.
    const parts = [
      { emulator: elasticmq, serves: ['sqs'] as const },
      { emulator: localKms, serves: ['kms'] as const },
    ];
    super({ name: 'elasticmq', account: LOCAL_KMS_ACCOUNT, parts, measured: measured('elasticmq', 0) }, options);
  }
}
