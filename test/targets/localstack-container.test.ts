/**
 * LocalStack in a container needs a container engine, which these machines do not have: the target
 * must say it could not start and why, every clause must be not observable, and the CLI must exit 3.
 */
import { cli } from '../cli-runner.js';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { imageOf, LocalstackContainerTarget, redact } from '../../test-targets/localstack-container/localstack-container-target.js';

describe('the LocalStack container target', () => {
  it("runs the image of LocalStack's pin (the host-mode version, so one baseline fits both), and a newer one only with an auth token", () => {
    expect(imageOf({})).toBe('localstack/localstack:4.14.0');
    expect(imageOf({ LOCALSTACK_IMAGE: 'localstack/localstack:9.9.9' })).toBe('localstack/localstack:4.14.0');
    expect(imageOf({ LOCALSTACK_AUTH_TOKEN: 'tok', LOCALSTACK_IMAGE: 'localstack/localstack:9.9.9' })).toBe('localstack/localstack:9.9.9');
  });

  it('never prints the auth token', () => {
    expect(redact('failed with token ls-secret-123 in env', 'ls-secret-123')).toBe('failed with token *** in env');
  });

  it('reports that it could not start, with the reason, and every clause as not observable', async () => {
    const clauses = (await loadClauses()).slice(0, 4);
    const report = await runConformance(new LocalstackContainerTarget(), { clauses });
    expect(report.target.unavailable).toMatch(/LocalStack \(localstack\/localstack:4\.14\.0\) could not be started: .*container runtime/);
    expect(report.clauses.every((c) => c.verdict === 'not-observable' && /could not be started/.test(c.reason ?? ''))).toBe(true);
    expect(report.summary.pass).toBe(0);
  });

  it('makes the CLI exit with code 3 and say why', () => {
    const r = cli(['run', '--target', 'localstack-container'], { timeout: 120_000, env: { ...process.env, LOCALSTACK_AUTH_TOKEN: 'ls-secret-123' } });
    const [status, stdout, stderr] = [r.code, r.out, r.err];
    expect(status).toBe(3);
    expect(stdout).toMatch(/UNAVAILABLE: LocalStack .* could not be started/);
    expect(stdout + stderr).not.toContain('ls-secret-123');
  });
});
