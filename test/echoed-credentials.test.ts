/**
 * A credential the target echoes back (here a session token, in an error message and in an answer) is redacted in
 * the report, as the recording of the same run redacts it (src/secrets.ts serves both).
 */
import { SQSServiceException } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { Recorder } from '../src/recording/recorder.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';
import { around } from './mutants/kit.js';

const TOKEN = 'FwoGZXIvYXdzEBYaDEchoedSessionToken0123456789';

/** The reference, its clients signing with a session token that it echoes: in a 500's message, and in queue attributes. */
const echoing = () =>
  new ReferenceTarget({
    decorate: (c) => {
      for (const client of [c.sqs, c.sns, c.kms] as unknown as { config: Record<string, unknown> }[])
        client.config.credentials = async () => ({ accessKeyId: 'ASIAECHOEDTOKEN00000', secretAccessKey: 'echoed-secret-access-key', sessionToken: TOKEN });
      around(c.sqs, 'SetQueueAttributes', async () => {
        throw new SQSServiceException({
          name: 'InternalFailure',
          $fault: 'server',
          $metadata: { httpStatusCode: 500 },
          message: `the security token ${TOKEN} failed`,
        });
      });
      around(c.sqs, 'GetQueueAttributes', async (_input, next) => {
        const out = await next();
        return { ...out, Attributes: { ...out.Attributes, SqsManagedSseEnabled: `echo ${TOKEN}` } };
      });
    },
  });

describe('a credential the target echoes', () => {
  it('is redacted in the report (every format is made from it) and in the recording', async () => {
    const ids = ['sqs.sse-sqs.enabled-by-default', 'sqs.sse-sqs.set-queue-attributes-turns-on-sse-sqs'];
    const clauses = (await loadClauses()).filter((c) => ids.includes(c.id));
    const target = echoing();
    const recorder = new Recorder(target, { seed: 7, clauses: ids });
    const report = await runConformance(target, { clauses, runs: 2, seed: 7, onScenario: (s) => recorder.add(s) });
    const text = JSON.stringify(report);
    // It was echoed: a deviation whose observed value held it, and an error whose message did.
    expect(report.clauses.map((c) => c.verdict).sort()).toEqual(['error', 'fail']);
    expect(text).toContain('<credential>');
    expect(text).not.toContain(TOKEN);
    expect(JSON.stringify(recorder.recording())).not.toContain(TOKEN);
  });
});
