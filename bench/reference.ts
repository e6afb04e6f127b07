/**
 * Benchmarks of the reference model (issue 2), measured side by side in one process:
 *  1. SDK calls answered by an empty middleware (the SDK's own floor) vs the same calls answered by the model;
 *  2. SendMessage cost at queue depth 0 vs 100,000;
 *  3. memory of a queue of 100,000 messages.
 */
import { KMSClient, GenerateDataKeyCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { PublishCommand, SNSClient, CreateTopicCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { createReferenceClients } from '../reference/index.js';

export interface Row {
  name: string;
  value: string;
  target: string;
  ok: boolean;
}

const BODY = 'benchmark message body, 64 bytes long ...........................';
const MD5 = createHash('md5').update(BODY).digest('hex');
const config = { region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, maxAttempts: 1 };

/** A client whose every call is answered by a constant, in the same stack position the model uses. */
function floorClient<C extends { middlewareStack: { add: (...a: never[]) => void } }>(client: C, output: object): C {
  (client.middlewareStack.add as (mw: unknown, o: object) => void)(
    () => async () => ({ output: { $metadata: { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 }, ...output }, response: {} }),
    { step: 'serialize', priority: 'high', name: 'floor', override: true },
  );
  return client;
}

async function opsPerSecond(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) await fn();
    n += 50;
  }
  return n / (ms / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchReference(rounds = 7, roundMs = 300): Promise<Row[]> {
  const rows: Row[] = [];
  const ref = createReferenceClients();
  const keyId = (await ref.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const queueUrl = (await ref.sqs.send(new CreateQueueCommand({ QueueName: 'bench', Attributes: { KmsMasterKeyId: keyId } }))).QueueUrl!;
  const topicArn = (await ref.sns.send(new CreateTopicCommand({ Name: 'bench', Attributes: { KmsMasterKeyId: keyId } }))).TopicArn!;
  const floorSqs = floorClient(new SQSClient(config), { MessageId: 'm', MD5OfMessageBody: MD5 });
  const floorSns = floorClient(new SNSClient(config), { MessageId: 'm' });
  const floorKms = floorClient(new KMSClient(config), { KeyId: 'k', Plaintext: new Uint8Array(32), CiphertextBlob: new Uint8Array(64) });
  const send = new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: BODY });
  const publish = new PublishCommand({ TopicArn: topicArn, Message: BODY });
  const gdk = new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' });
  const pairs = [
    ['SQS SendMessage (SSE-KMS queue)', () => floorSqs.send(send), () => ref.sqs.send(send)],
    ['SNS Publish (SSE topic)', () => floorSns.send(publish), () => ref.sns.send(publish)],
    ['KMS GenerateDataKey', () => floorKms.send(gdk), () => ref.kms.send(gdk)],
  ] as const;
  for (const [name, floor, model] of pairs) {
    await opsPerSecond(floor, 100); // warm-up
    await opsPerSecond(model, 100);
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const f = await opsPerSecond(floor, roundMs);
      const m = await opsPerSecond(model, roundMs);
      ratios.push(m / f);
    }
    const ratio = median(ratios);
    rows.push({ name: `${name}: model throughput / SDK floor`, value: ratio.toFixed(2), target: '≥ 0.50', ok: ratio >= 0.5 });
  }
  // SendMessage at depth 0 vs 100,000 (sending N messages from each starting depth, interleaved).
  const deep = createReferenceClients();
  const shallowUrl = (await deep.sqs.send(new CreateQueueCommand({ QueueName: 'shallow' }))).QueueUrl!;
  const deepUrl = (await deep.sqs.send(new CreateQueueCommand({ QueueName: 'deep' }))).QueueUrl!;
  for (let i = 0; i < 100_000; i++) deep.model.sqs.sendMessage({ caller: deep.principal }, { QueueUrl: deepUrl, MessageBody: BODY });
  const timeSends = async (url: string, n: number) => {
    const cmd = new SendMessageCommand({ QueueUrl: url, MessageBody: BODY });
    const t = performance.now();
    for (let i = 0; i < n; i++) await deep.sqs.send(cmd);
    return performance.now() - t;
  };
  await timeSends(shallowUrl, 500);
  await timeSends(deepUrl, 500);
  const depthRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    deep.model.sqs.queue(shallowUrl).store.purge(); // back to depth 0
    const shallow = await timeSends(shallowUrl, 1000);
    const deepMs = await timeSends(deepUrl, 1000);
    depthRatios.push(deepMs / shallow);
  }
  const depthRatio = median(depthRatios);
  rows.push({ name: 'SQS SendMessage cost: depth 100,000 / depth 0', value: depthRatio.toFixed(2), target: '≤ 1.50', ok: depthRatio <= 1.5 });
  // Memory of 100,000 messages of 1 KiB.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmark with node --expose-gc');
  const mem = createReferenceClients();
  const url = (await mem.sqs.send(new CreateQueueCommand({ QueueName: 'mem' }))).QueueUrl!;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kib = 'x'.repeat(1024);
  for (let i = 0; i < 100_000; i++) mem.model.sqs.sendMessage({ caller: mem.principal }, { QueueUrl: url, MessageBody: kib + i });
  gc();
  const mib = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  rows.push({ name: 'Heap for a queue of 100,000 messages of 1 KiB (MiB)', value: mib.toFixed(0), target: '≪ 1024', ok: mib < 512 });
  if (mem.model.sqs.queue(url).store.visible !== 100_000) throw new Error('memory benchmark: the queue does not hold 100,000 messages');
  return rows;
}
