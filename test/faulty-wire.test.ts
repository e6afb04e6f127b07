/**
 * The faulty target's transport faults are what the SDK throws for the real thing: a local server
 * resets a connection, drops it mid-body, or never answers, and the error a real SQS client gets is
 * compared with the one the faulty target makes (in-process, on the reference, where it has to build
 * the error itself; and over HTTP, where it cuts a real answer).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../src/target.js';
import { EndpointTarget } from '../test-targets/endpoint/endpoint-target.js';
import { FaultyTarget, type FaultSpec } from '../test-targets/faulty/index.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

type Mode = 'ok' | 'reset' | 'cut' | 'silence';
const TIMEOUT_MS = 500;
let mode: Mode = 'ok';
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (mode === 'reset') return void req.socket.resetAndDestroy();
    if (mode === 'silence') return;
    const body = '{"QueueUrls":["http://127.0.0.1/123456789012/q"]}';
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(body.length) });
    if (mode === 'ok') return void res.end(body);
    res.write(body.slice(0, 20)); // cut: the connection drops before Content-Length bytes arrived
    setTimeout(() => req.socket.destroy(), 20);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** What a caller sees of an error: the fields the session's normalisation reads. */
const shape = (e: unknown) => {
  const err = e as Error & { code?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
  return { name: err.name, message: err.message, code: err.code, httpStatusCode: err.$metadata?.httpStatusCode, attempts: err.$metadata?.attempts };
};

async function realError(m: Mode): Promise<ReturnType<typeof shape>> {
  mode = m;
  const client = new SQSClient({
    region: 'us-east-1',
    endpoint: url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestHandler: { requestTimeout: TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  try {
    await client.send(new ListQueuesCommand({}));
    throw new Error(`the ${m} server answered`);
  } catch (e) {
    return shape(e);
  } finally {
    client.destroy();
  }
}

async function injectedError(inner: Target, spec: FaultSpec): Promise<ReturnType<typeof shape>> {
  mode = 'ok';
  const t = new FaultyTarget(inner, { requestTimeoutMs: TIMEOUT_MS, ...spec });
  await t.start();
  try {
    await t.clients(0).sqs.send(new ListQueuesCommand({}));
    throw new Error(`no fault injected for ${JSON.stringify(spec)}`);
  } catch (e) {
    return shape(e);
  } finally {
    await t.dispose();
  }
}

describe('injected transport faults are the real ones', () => {
  const cases: [string, Mode, FaultSpec][] = [
    ['a reset connection', 'reset', { resetRate: 1 }],
    ['an answer cut off mid-body', 'cut', { truncateRate: 1 }],
    ['a request nobody answers', 'silence', { silentAfter: 0 }],
  ];
  it.each(cases)('%s, on the in-process reference', async (_what, m, spec) => {
    expect(await injectedError(new ReferenceTarget(), spec)).toEqual(await realError(m));
  });
  it.each(cases)('%s, over HTTP', async (_what, m, spec) => {
    const real = await realError(m);
    // Over HTTP a cut answer carries the real server's status; the silent request, the client's own bound.
    expect(await injectedError(new EndpointTarget(url, { requestTimeoutMs: TIMEOUT_MS }), spec)).toEqual(real);
  });
});
