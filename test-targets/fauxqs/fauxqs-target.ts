/**
 * fauxqs as a target: SNS, SQS and S3 from fauxqs started in-process on a free port (it routes S3 by path on the
 * same port as its SNS and SQS, and reads no SSE header of an S3 request: s3/s3Router.js), KMS from a
 * moto_server this target starts too (fauxqs has no KMS), so each service has its own endpoint.
 * fauxqs's queue inspection API shows messages at rest. fauxqs 2.x imports `node:sqlite`, which
 * needs Node ≥ 22.5. It is imported lazily, so a broken install makes only this target unavailable.
 */
import { Server } from 'node:net';
import { importOptional, MissingPackageError } from '../../src/optional-dependency.js';
import { TargetUnavailableError, type AtRestMessage } from '../../src/target.js';
import { type Emulator, EmulatorTarget, type Instance } from '../emulator-target.js';
import { moto } from '../moto/moto-emulator.js';
import { measured } from '../measured.js';

interface FauxqsServer {
  address: string;
  stop(): Promise<void>;
  inspectQueue(name: string): { messages: { ready: FauxMessage[]; delayed: FauxMessage[]; inflight: { message: FauxMessage }[] } } | undefined;
}
interface FauxMessage {
  messageId?: string;
  body?: string;
  messageAttributes?: Record<string, unknown>;
  sentTimestamp?: number;
  sequenceNumber?: string;
}

/**
 * fauxqs 2.4.1 listens on 0.0.0.0 whatever its `host` option says (that option only names the host
 * in queue URLs). While `start` runs, a listen on all interfaces becomes a listen on 127.0.0.1.
 */
async function onLoopback<T>(start: () => Promise<T>): Promise<T> {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const [first] = args;
    if (first && typeof first === 'object' && (first as { host?: string }).host === '0.0.0.0') args[0] = { ...first, host: '127.0.0.1' };
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = listen;
  }
}

/** fauxqs in this process: its server also shows what a queue holds. */
const fauxqs: Emulator<Instance & { server: FauxqsServer }> = {
  name: 'fauxqs',
  health: { path: '/health' },
  async start() {
    let startFauxqs: (o: object) => Promise<FauxqsServer>;
    try {
      ({ startFauxqs } = (await importOptional('fauxqs', 'the fauxqs target', () => import('fauxqs'))) as unknown as { startFauxqs: typeof startFauxqs });
    } catch (e) {
      if (e instanceof MissingPackageError) throw e;
      throw new TargetUnavailableError(`fauxqs could not be loaded: ${(e as Error).message}`);
    }
    let server: FauxqsServer;
    try {
      server = await onLoopback(() => startFauxqs({ port: 0, host: '127.0.0.1', logger: false }));
    } catch (e) {
      throw new TargetUnavailableError(`fauxqs did not start: ${(e as Error).message}`);
    }
    return { endpoint: server.address, server, stop: () => server.stop() };
  },
};

export class FauxqsTarget extends EmulatorTarget {
  constructor(options: { realTimeWindows?: boolean } = {}) {
    // fauxqs fans SNS out to SQS within the Publish call: its measured bound (measured.json) is 0.
    const parts = [
      { emulator: fauxqs, serves: ['sns', 'sqs', 's3'] as const },
      { emulator: moto(), serves: ['kms'] as const },
    ];
    super(
      { name: 'fauxqs', account: '000000000000', parts, capabilities: { atRestInspection: true, atRestAttributes: true }, measured: measured('fauxqs', 0) },
      options,
    );
  }

  async inspectQueue(queueUrl: string): Promise<AtRestMessage[]> {
    const name = decodeURIComponent(queueUrl.split('/').pop() ?? '');
    const q = this.instanceOf(fauxqs)?.server.inspectQueue(name);
    if (!q) return [];
    const all = [...q.messages.ready, ...q.messages.inflight.map((i) => i.message), ...q.messages.delayed];
    all.sort((a, b) => (a.sentTimestamp ?? 0) - (b.sentTimestamp ?? 0) || String(a.sequenceNumber ?? '').localeCompare(String(b.sequenceNumber ?? '')));
    // fauxqs keeps bodies in the clear whatever the queue's SSE settings.
    return all.map((m) => ({
      ...(m.messageId ? { messageId: m.messageId } : {}),
      body: m.body ?? '',
      sealed: false,
      ...(m.messageAttributes ? { messageAttributes: m.messageAttributes } : {}),
    }));
  }
}
