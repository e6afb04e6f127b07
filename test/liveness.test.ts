/**
 * Whether a target is there is asked with backoff, not in a burst: a target that drops a few connections in a row
 * (or one at start-up) is not taken for one that is gone, and one that drops every connection is given up on after
 * a few seconds (src/retry.ts: LIVENESS_PAUSES_MS).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../app/index.js';
import { LIVENESS_PAUSES_MS } from '../src/retry.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { probe, type Emulator } from '../test-targets/emulator-target.js';
import { EndpointTarget } from '../test-targets/endpoint/endpoint-target.js';
import { FaultyTarget } from '../test-targets/faulty/index.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';

const CLAUSES = ['sqs.sse-sqs.enabled-by-default', 'sqs.sse-kms.mutual-exclusion-is-rejected'];
const clauses = async () => (await loadClauses()).filter((c) => CLAUSES.includes(c.id));
const WINDOW_MS = LIVENESS_PAUSES_MS.reduce((a, b) => a + b, 0);

describe('liveness probes during a run', () => {
  it('four dropped connections in a row (a request and three probes) do not end the run', async () => {
    const t = new FaultyTarget(new ReferenceTarget(), { resetRate: 1, maxFaults: 4 });
    const report = await runConformance(t, { clauses: await clauses(), runs: 2, seed: 7 });
    expect(report.target.unavailable).toBeUndefined();
    expect(report.clauses.map((c) => c.verdict)).toEqual(['error', 'pass']);
    expect(t.injected.reset).toBe(4);
  });

  it('a target that drops every connection is given up on after five probes spread over a few seconds', async () => {
    const t = new FaultyTarget(new ReferenceTarget(), { resetRate: 1 });
    const started = Date.now();
    const report = await runConformance(t, { clauses: await clauses(), runs: 2, seed: 7 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(WINDOW_MS).toBeGreaterThanOrEqual(3_000);
    expect(report.target.unavailable).toMatch(/stopped answering during /);
    expect(t.requests).toBe(1 + 1 + LIVENESS_PAUSES_MS.length);
    expect(exitCodeOf(report)).toBe(3);
  });

  it('says why the target stopped answering when it knows (an emulator process that crashed)', async () => {
    const crashed = 'goaws exited with code 2: fatal error: concurrent map writes';
    const t = new FaultyTarget(Object.assign(new ReferenceTarget(), { whyStopped: () => crashed }), { resetRate: 1 });
    const selected = await clauses();
    const report = await runConformance(t, { clauses: selected, runs: 2, seed: 7 });
    expect(report.target.unavailable).toBe(`target ${t.name} stopped answering during ${selected[0]!.id} (${crashed})`);
  });
});

describe('the start-up probe', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    server = undefined;
  });

  /** An HTTP server that resets its first `drops` connections, then answers 200. */
  const flaky = async (drops: number): Promise<string> => {
    let seen = 0;
    server = createServer((_req, res) => res.end('ok'));
    server.on('connection', (socket: Socket) => {
      if (seen++ < drops) socket.resetAndDestroy();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const emulator = { name: 'flaky', health: { path: '/' } } as unknown as Emulator;

  it('a connection reset at start-up is asked again: an emulator and an endpoint still start', async () => {
    await expect(probe(emulator, await flaky(2))).resolves.toBeUndefined();
    const url = await flaky(1);
    await expect(new EndpointTarget(url).start()).resolves.toBeUndefined();
  });

  it('a target that resets every connection at start-up cannot be started, after a few seconds', async () => {
    const url = await flaky(Number.POSITIVE_INFINITY);
    const started = Date.now();
    await expect(probe(emulator, url)).rejects.toThrow(/no flaky answering at /);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_MS);
  });
});
