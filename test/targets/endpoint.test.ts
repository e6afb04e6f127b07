/** The endpoint target: any emulator by URL, per service if needed, checked against a moto it is pointed at. */
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../prerequisites.js';
import { runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { EndpointSpecError, EndpointTarget, parseEndpoints } from '../../test-targets/endpoint/endpoint-target.js';
import { startMoto } from '../../test-targets/moto/moto-emulator.js';

describe('the endpoint target', () => {
  it('takes one URL for all services or one per service', () => {
    expect(parseEndpoints('http://h:1/')).toEqual({ sqs: 'http://h:1', sns: 'http://h:1', kms: 'http://h:1', s3: 'http://h:1' });
    expect(parseEndpoints('sqs=http://a:1,sns=http://b:2,kms=http://c:3,s3=http://d:4')).toEqual({
      sqs: 'http://a:1',
      sns: 'http://b:2',
      kms: 'http://c:3',
      s3: 'http://d:4',
    });
  });

  it.each([
    [undefined, /needs --endpoint/],
    ['not a url', /is not a URL/],
    ['ftp://h', /must be http or https/],
    ['sqs=http://a:1,sns=http://b:2', /no URL for kms, s3/],
    ['sqs=http://a,sns=http://b,kms=http://c,s3=http://d,dynamodb=http://e', /unknown service "dynamodb"/],
  ])('refuses %j with a clear message', (spec, message) => {
    expect(() => parseEndpoints(spec)).toThrow(EndpointSpecError);
    expect(() => parseEndpoints(spec)).toThrow(message);
  });

  it('runs clauses against a moto it is pointed at, per service', async (ctx) => {
    requireOrSkip(ctx, { emulators: ['moto'] });
    const moto = await startMoto();
    try {
      const clauses = (await loadClauses()).filter(
        (c) => c.id === 'sqs.sse-sqs.enabled-by-default' || c.id === 'kms.key-identifiers.all-forms-name-the-same-key',
      );
      const e = moto.endpoint;
      const report = await runConformance(new EndpointTarget(`sqs=${e},sns=${e},kms=${e},s3=${e}`), { clauses, runs: 3 });
      expect(report.target.endpoint).toBe(e);
      expect(report.clauses.map((c) => c.verdict)).toEqual(['pass', 'pass']);
    } finally {
      await moto.stop();
    }
  });

  it('reports an endpoint where nothing listens as unavailable', async () => {
    const report = await runConformance(new EndpointTarget('http://127.0.0.1:9'), { clauses: (await loadClauses()).slice(0, 1) });
    expect(report.target.unavailable).toMatch(/nothing answers at http:\/\/127\.0\.0\.1:9/);
  });
});
