/**
 * floci: in a container, or a floci the user runs with --endpoint. Where no container engine is
 * reachable (these machines), the target must say it could not start and why, every clause not
 * observable, the CLI exit 3 in one line; where one is, it must start floci and run the clauses. Which
 * case applies is asked as the target's container start asks (containerEngineProblem), and named in
 * the test titles: neither case is skipped.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { containerEngineProblem, FLOCI_IMAGE, FLOCI_VERSION, FlociTarget } from '../../test-targets/floci/floci-target.js';
import { makeTarget, targetModule, TargetUsageError } from '../../test-targets/registry.js';
import { BUILT_CLI, cli } from '../cli-runner.js';

const noEngine = await containerEngineProblem();
const engine = noEngine ? `without a container engine (${noEngine})` : 'with a container engine';

describe('the floci target', () => {
  it('pins its image to the floci version it names', () => {
    expect(FLOCI_IMAGE).toBe(`floci/floci:${FLOCI_VERSION}`);
    expect(targetModule('floci').version).toBe(FLOCI_VERSION);
  });

  it('takes --endpoint, --reset and --real-time-windows, nothing else', () => {
    expect(makeTarget('floci', { endpoint: 'http://127.0.0.1:4566', reset: true, realTimeWindows: true }).name).toBe('floci');
    expect(() => makeTarget('floci', { endpoint: 'not a url' })).toThrow(/--endpoint: a URL/);
    expect(() => makeTarget('floci', { region: 'eu-west-1' })).toThrow(TargetUsageError);
    expect(() => makeTarget('floci', { region: 'eu-west-1' })).toThrow('target floci does not take --region');
  });

  it(noEngine
    ? `${engine}: reports that its container could not start, with the reason, and every clause as not observable`
    : `${engine}: starts floci in its container and runs the clauses`, {
    timeout: noEngine ? 60_000 : 600_000,
  }, async () => {
    const clauses = (await loadClauses()).slice(0, 4);
    const report = await runConformance(new FlociTarget(), { clauses });
    if (noEngine) {
      expect(report.target.unavailable).toMatch(/^floci \(floci\/floci:1\.7\.0\) could not be started: .*container runtime/);
      expect(report.target.unavailable).not.toContain('\n');
      expect(report.clauses.every((c) => c.verdict === 'not-observable' && /could not be started/.test(c.reason ?? ''))).toBe(true);
      expect(report.summary.pass).toBe(0);
    } else {
      expect(report.target.unavailable).toBeUndefined();
      expect(report.target.endpoint).toMatch(/^http:\/\//);
      expect(report.clauses.filter((c) => /could not be started/.test(c.reason ?? ''))).toEqual([]);
      expect(report.clauses.some((c) => c.verdict === 'pass' || c.verdict === 'fail')).toBe(true);
    }
  });

  it(noEngine ? `${engine}: makes the CLI exit with code 3 and say why in one line` : `${engine}: the CLI runs the clauses and exits 0 or 1`, {
    timeout: noEngine ? 150_000 : 600_000,
  }, () => {
    const r = cli(['run', '--target', 'floci', '--clause', 'sqs.sse-sqs.*'], { timeout: noEngine ? 120_000 : 580_000 });
    const lines = r.out.split('\n').filter((l) => l.includes('UNAVAILABLE'));
    if (noEngine) {
      expect(r.code).toBe(3);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/UNAVAILABLE: floci \(floci\/floci:1\.7\.0\) could not be started: .*container runtime/);
    } else {
      expect(lines).toEqual([]);
      expect([0, 1]).toContain(r.code);
    }
  });

  it('with --endpoint, asks /_floci/health, and says when what answers there is not floci', async () => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Not spawnSync: the server in this process must answer while the CLI runs.
      const r = await new Promise<{ code: number | null; out: string }>((ok) => {
        execFile(process.execPath, [BUILT_CLI, 'run', '--target', 'floci', '--endpoint', url, '--clause', 'sqs.sse-sqs.*'], { timeout: 60_000 }, (e, out) =>
          ok({ code: e ? (e.code as number) : 0, out }),
        );
      });
      expect(r.code).toBe(3);
      expect(r.out).toContain(`UNAVAILABLE: no floci answering at ${url}: HTTP 404 from ${url}/_floci/health`);
      const reset = await runConformance(new FlociTarget({ endpoint: url, reset: true }), { clauses: (await loadClauses()).slice(0, 1) });
      expect(reset.target.unavailable).toBe(`no floci answering at ${url}: HTTP 404 from ${url}/_floci/state/reset`);
      expect(seen).toContain('POST /_floci/state/reset');
    } finally {
      server.close();
    }
  });
});
