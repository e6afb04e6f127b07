/**
 * Faults of the target are errors, never deviations: a loopback proxy in front of moto answers some
 * requests with HTTP 500, throttling, or nothing at all. A clause hit by one is `error` (never pass
 * or fail, never matched by a baseline); throttling is retried within a bounded budget; a target
 * that stops answering ends the run (exit code 3) instead of hanging.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exitCodeOf } from '../src/index.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { EndpointTarget } from '../test-targets/endpoint/endpoint-target.js';
import { MotoServer } from '../test-targets/moto/moto-server.js';
import { describeNeeding } from './prerequisites.js';

type Fault = 'server-error' | 'throttle' | 'silence' | undefined;

/** Forwards to `upstream`, except that `decide(n)` may turn the n-th request (1-based) into a fault. */
async function faultyProxy(upstream: string, decide: (n: number) => Fault): Promise<{ url: string; server: Server; count: () => number }> {
  let n = 0;
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    const fault = decide(++n);
    if (fault === 'silence') return; // never answers
    if (fault === 'server-error' || fault === 'throttle') {
      req.resume();
      const [status, type] = fault === 'throttle' ? [400, 'ThrottlingException'] : [500, 'InternalFailure'];
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${type};Sender` });
      return void res.end(JSON.stringify({ __type: type, message: `injected ${fault}` }));
    }
    const fwd = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(fwd);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, count: () => n };
}

describeNeeding({ emulators: ['moto'] }, 'target faults', () => {
  let moto: MotoServer;
  const servers: Server[] = [];
  beforeAll(async () => {
    moto = await MotoServer.start();
  });
  afterAll(async () => {
    for (const s of servers) s.closeAllConnections(), s.close();
    await moto.stop();
  });
  const sqsClauses = async () => (await loadClauses()).filter((c) => c.id.startsWith('sqs.sse-sqs.') || c.id === 'sqs.sse-kms.key-id-echoed-verbatim-and-unvalidated');
  const proxied = async (decide: (n: number) => Fault, requestTimeoutMs?: number) => {
    const p = await faultyProxy(moto.endpoint, decide);
    servers.push(p.server);
    return { target: new EndpointTarget(p.url, { ...(requestTimeoutMs ? { requestTimeoutMs } : {}) }), count: p.count };
  };

  it('the same clauses pass through a proxy that injects nothing (the control)', async () => {
    const { target } = await proxied(() => undefined);
    const report = await runConformance(target, { clauses: await sqsClauses(), runs: 5 });
    expect(report.clauses.map((c) => c.verdict)).toEqual(report.clauses.map(() => 'pass'));
  });

  it('HTTP 500 answers make a clause an error, with the cause, even when a baseline lists it', async () => {
    const clauses = await sqsClauses();
    const { target } = await proxied((n) => (n % 5 === 0 ? 'server-error' : undefined));
    const baseline = Object.fromEntries(clauses.map((c) => [c.id, { reason: 'anything', since: '2026-01-01', deviations: ['sqs:CreateQueue expected success, observed Unmapped:InternalFailure'] }]));
    const report = await runConformance(target, { clauses, runs: 5, baseline });
    expect(report.clauses.some((c) => c.verdict === 'error')).toBe(true);
    for (const c of report.clauses) expect(c.verdict, c.id).not.toMatch(/^(fail|expected-fail)$/);
    for (const c of report.clauses.filter((x) => x.verdict === 'error')) expect(c.reason).toMatch(/answered HTTP 500 \(InternalFailure: injected server-error\): a target fault, not a verdict/);
  });

  it('throttling is retried with backoff: a clause throttled twice per request still passes', async () => {
    let last = 0;
    const { target } = await proxied((n) => (n - last < 3 ? 'throttle' : ((last = n), undefined)));
    const report = await runConformance(target, { clauses: (await sqsClauses()).slice(0, 1), runs: 2 });
    expect(report.clauses.map((c) => c.verdict)).toEqual(['pass']);
  });

  it('throttling that does not stop is an error after a bounded number of attempts', async () => {
    const { target, count } = await proxied((n) => (n > 1 ? 'throttle' : undefined)); // the start's probe gets through
    const report = await runConformance(target, { clauses: (await sqsClauses()).slice(0, 1), runs: 2 });
    expect(report.clauses[0]!.verdict).toBe('error');
    expect(report.clauses[0]!.reason).toMatch(/still throttled after 4 attempts/);
    expect(count()).toBeLessThan(12);
  });

  it('a target that goes silent mid-run ends the run within its bound: not run, exit code 3', async () => {
    // Eight quick clauses that need nothing but SQS and KMS (no waiting, no 1 MiB bodies).
    const clauses = (await loadClauses()).filter((c) => c.id.startsWith('sqs.sse-kms.') && !c.requires?.length).slice(0, 8);
    // The target goes silent after 60 % of the requests a whole run makes (counted on a healthy run).
    const control = await proxied(() => undefined);
    await runConformance(control.target, { clauses, runs: 3 });
    const silentAfter = Math.floor(control.count() * 0.6);
    const { target } = await proxied((n) => (n > silentAfter ? 'silence' : undefined), 1_000);
    const started = Date.now();
    const report = await runConformance(target, { clauses, runs: 3 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.target.unavailable).toMatch(/stopped answering during /);
    expect(report.clauses.some((c) => c.verdict === 'error' && /timed out|Timeout/i.test(c.reason ?? ''))).toBe(true);
    const verdicts = report.clauses.map((c) => c.verdict);
    const broke = verdicts.indexOf('error');
    expect(report.clauses.slice(0, broke).some((c) => c.verdict === 'pass' || c.verdict === 'fail'), verdicts.join(' ')).toBe(true); // clauses before the silence ran
    const notRun = report.clauses.slice(broke + 1);
    expect(notRun.length, verdicts.join(' ')).toBeGreaterThan(0);
    for (const c of notRun) expect(c.reason).toMatch(/^not run: target endpoint stopped answering during /);
    expect(exitCodeOf(report)).toBe(3);
  }, 90_000);
});
