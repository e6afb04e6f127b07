/**
 * A reproduction travels: a counterexample found on moto, emitted as a Node script, run on its own
 * (`node script.mjs`, nothing of this project imported) against a moto, exits 1 and says what AWS
 * answers and what moto answered; a scenario moto gets right exits 0. The CLI writes the script
 * with `replay --emit`, and refuses an unknown kind (2) or a file it cannot write (4).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli } from './cli-runner.js';
import { describeNeeding } from './prerequisites.js';
import { emitNode } from '../src/reproduce/node.js';
import { toReproduction } from '../src/reproduce/reproduction.js';
import { runClause } from '../src/runner.js';
import type { RawStep } from '../src/session.js';
import { loadClauses } from '../src/spec-loader.js';
import type { Instance } from '../test-targets/emulator-target.js';
import { startMoto } from '../test-targets/moto/moto-emulator.js';
import { MotoTarget } from '../test-targets/moto/moto-target.js';

const ID = 'sqs.sse-kms.mutual-exclusion-is-rejected';
// Inside the project, so that the script's bare `@aws-sdk/*` imports resolve from its node_modules (ESM ignores NODE_PATH).
const DIR = join(new URL('..', import.meta.url).pathname, '.vitest', `reproduce-${process.pid}`);
const clause = (await loadClauses()).find((c) => c.id === ID)!;
/** A made-up clause for crafted steps. */
const ECHO = {
  id: 'sqs.example.echo',
  title: 'A queue echoes its reuse period',
  level: 'MUST' as const,
  sources: [{ fact: 'SQS-8', url: 'https://docs.aws.amazon.com/example.html', evidence: 'DOC' as const }],
};

/** Runs a script as a user would: plain node, only ENDPOINT set. */
function runScript(file: string, endpoint: string) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ENDPOINT: endpoint, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', env, cwd: DIR, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describeNeeding({ emulators: ['moto'] }, 'a reproduction emitted from a moto counterexample', () => {
  let moto: Instance;
  beforeAll(async () => {
    moto = await startMoto();
    mkdirSync(DIR, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
    rmSync(DIR, { recursive: true, force: true });
  });

  it('runs on its own against moto: exits 1 and states what AWS answers and what moto answered', async () => {
    // Arrange: a counterexample on moto, replayed exactly as `replay` does
    const target = new MotoTarget({ endpoint: moto.endpoint });
    await target.start();
    try {
      const found = await runClause(target, clause, { seed: 20261123, runs: 25, prefix: 'found' });
      expect(found.verdict, found.reason).toBe('fail');
      const { seed, path } = found.counterexample!;
      const replay = await runClause(target, clause, { seed, path, runs: 1, prefix: 'replay', exactSeed: true, keepTranscript: true });
      // Act: emit and run the script with nothing but node and the SDK
      const file = join(DIR, 'mutual-exclusion.mjs');
      const script = emitNode(toReproduction(clause, { seed, path, target: { name: 'moto', endpoint: moto.endpoint }, replayed: replay.replayed! }));
      writeFileSync(file, script);
      const first = runScript(file, moto.endpoint);
      const again = runScript(file, moto.endpoint);
      // Assert
      expect(script).not.toMatch(/from '(?!@aws-sdk\/client-(kms|sns|sqs)')/);
      expect(first.code, first.out + first.err).toBe(1);
      expect(first.out).toContain('AWS answers: InvalidAttributeName');
      expect(first.out).toContain('During the replay, moto answered: success');
      expect(first.out).toMatch(/^1\. sqs (CreateQueue|SetQueueAttributes): success$/m);
      expect(first.out).toContain('Reproduces: the target answers otherwise than AWS.');
      expect(again.code, 'a fresh run prefix: the script runs again').toBe(1);
    } finally {
      await target.dispose();
    }
  }, 120_000);

  it('exits 0 when moto answers as AWS does, and 1 when a value it returns differs', async () => {
    // Crafted: a queue created with a reuse period, read back; moto stores and echoes it correctly.
    const url = 'http://x/123456789012/pre1-q1';
    const steps = (expected: string): RawStep[] => [
      {
        step: { op: 'CreateQueue', service: 'sqs', principal: 0, input: {}, observed: { ok: true }, expected: [{ ok: true }] },
        input: { QueueName: 'pre1-q1', Attributes: { KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '120' } },
        output: { QueueUrl: url },
      },
      {
        step: {
          op: 'GetQueueAttributes',
          service: 'sqs',
          principal: 0,
          input: {},
          observed: { ok: true, KmsDataKeyReusePeriodSeconds: '300' },
          expected: [{ ok: true, KmsDataKeyReusePeriodSeconds: expected } as never],
        },
        input: { QueueUrl: url, AttributeNames: ['All'] },
        output: { Attributes: { KmsDataKeyReusePeriodSeconds: '300' } },
        check: { what: 'KmsDataKeyReusePeriodSeconds', expected, observed: '300' },
      },
    ];
    const symbols = new Map([
      ['pre1', '<run>'],
      ['pre1-q1', 'queue#0'],
      [url, 'queue#0'],
    ]);
    const outcomes = [];
    for (const expected of ['120', '86400']) {
      const file = join(DIR, `value-${expected}.mjs`);
      writeFileSync(
        file,
        emitNode(toReproduction(ECHO, { seed: 1, path: '0', target: { name: 'moto' }, replayed: { prefix: 'pre1', symbols, steps: steps(expected) } })),
      );
      outcomes.push(runScript(file, moto.endpoint));
    }
    expect(outcomes[0]!.code, outcomes[0]!.out + outcomes[0]!.err).toBe(0);
    expect(outcomes[0]!.out).toContain('Now the target answers: KmsDataKeyReusePeriodSeconds: "120"');
    expect(outcomes[0]!.out).toContain('Does not reproduce: the target now answers as AWS does.');
    expect(outcomes[1]!.code, outcomes[1]!.out + outcomes[1]!.err).toBe(1);
  }, 120_000);

  it('replay --emit writes the script (none where the counterexample passes); an unknown kind is a usage error (2), an unwritable file exit 4', async () => {
    const target = new MotoTarget({ endpoint: moto.endpoint });
    await target.start();
    const found = await runClause(target, clause, { seed: 20261123, runs: 25, prefix: 'cli' });
    await target.dispose();
    const { seed, path } = found.counterexample!;
    const base = ['replay', ID, '--seed', String(seed), '--path', path, '--endpoint', moto.endpoint, '--target', 'moto'];
    const file = join(DIR, 'from-cli.mjs');
    const written = cli([...base, '--emit', 'node', '--out', file]);
    expect(written.code, written.err).toBe(1);
    expect(written.out).toMatch(/reproduced \(fail\)[\s\S]*wrote a Node script that reproduces this deviation: /);
    expect(readFileSync(file, 'utf8')).toContain(`const ENDPOINT = process.env.ENDPOINT ?? ${JSON.stringify(moto.endpoint)};`);
    expect(runScript(file, moto.endpoint).code).toBe(1);
    const toStdout = cli([...base, '--emit', 'aws-cli']);
    expect(toStdout.out).toMatch(/^#!\/bin\/sh\n/);
    expect(toStdout.err).toContain('reproduced (fail)');
    const onReference = cli(['replay', ID, '--seed', String(seed), '--path', path, '--target', 'reference', '--emit', 'node']);
    expect(onReference.code, onReference.err).toBe(0);
    expect(onReference.out).toBe('');
    expect(onReference.err).toMatch(/did not reproduce[\s\S]*no reproduction written: the counterexample did not fail on reference \(pass\)/);
    const unknown = cli([...base, '--emit', 'python']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/argument 'python' is invalid/);
    const unwritable = cli([...base, '--emit', 'node', '--out', join(DIR, 'missing-folder', 'x.mjs')]);
    expect(unwritable.code).toBe(4);
    expect(unwritable.err.trim().split('\n')).toEqual([expect.stringMatching(/^sse-conformance: could not write .*x\.mjs: ENOENT/)]);
    expect(existsSync(join(DIR, 'missing-folder'))).toBe(false);
  }, 180_000);
});
