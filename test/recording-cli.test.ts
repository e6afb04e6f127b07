/**
 * Recordings of emulator runs standing in for AWS, through every stage: `run --record` writes one
 * (valid, with no planted credential and no account id in it); `check-model` reports exactly the
 * scenarios where the run found deviations in calls (every violating scenario disagrees with the model, no
 * passing one does, and the clauses are the same; at-rest inspections are not calls, so check-model leaves
 * the at-rest clauses' failures to the run); replaying it as the `recorded` target gives the same verdicts
 * and deviations as the run, inspections included.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readRecording } from '../src/recording/read.js';
import { isCall } from '../src/recording/schema.js';
import type { ModelCheck } from '../src/recording/check-model.js';
import type { Report } from '../src/report.js';
import { targetModule } from '../test-targets/registry.js';
import { cli } from './cli-runner.js';
import { describeNeeding } from './prerequisites.js';

const SENTINELS = {
  AWS_ACCESS_KEY_ID: 'AKIASENTINEL7Q2X9Z1W',
  AWS_SECRET_ACCESS_KEY: 'sentinel-secret-5f1c9e0b7a',
  AWS_SESSION_TOKEN: 'sentinel-token-3d8a6b2c4e',
};
/** Clauses with deviations on moto and LocalStack (their baselines), clauses both pass, and the at-rest clauses (inspections). */
const CLAUSES = [
  'sqs.at-rest.*',
  'sqs.sse-kms.send-fails-when-key-unusable',
  'sqs.sse-kms.mutual-exclusion-is-rejected',
  'sns-to-sqs.refused-delivery-goes-to-dead-letter-queue',
  'kms.aliases.alias-name-rules',
  'sqs.sse-sqs.*',
  'sns.sse.kms-master-key-id-echoed-and-removed',
];
const ACCOUNTS: Record<string, string> = { moto: '123456789012', localstack: '000000000000' };

const verdicts = (r: Report) =>
  Object.fromEntries(r.clauses.map((c) => [c.id, { verdict: c.verdict, deviations: (c.deviations ?? []).map((d) => d.signature) }]));

for (const name of ['moto', 'localstack']) {
  describeNeeding({ emulators: [name] }, `a recording of a ${name} run`, () => {
    it('is written without secrets, check-model reports exactly the deviations the run reported, and the recorded target gives the same verdicts', () => {
      // Arrange
      const dir = mkdtempSync(join(tmpdir(), `ssec-recording-${name}-`));
      const file = join(dir, `${name}.recording.json`);
      const select = CLAUSES.flatMap((c) => ['--clause', c]);
      // Act: record a run (credentials planted), check the model against it, replay it offline
      const run = cli(['run', '--target', name, ...select, '--runs', '2', '--no-baseline', '--format', 'json', '--record', file], {
        env: { ...process.env, ...SENTINELS },
        timeout: 240_000,
      });
      const check = cli(['check-model', file, '--format', 'json']);
      const replay = cli(['run', '--target', 'recorded', '--recording', file, ...select, '--no-baseline', '--format', 'json']);
      // Assert: the recording is valid, names the target and its version, and holds no secret or account id
      expect(run.code, run.err).toBe(1);
      const report = JSON.parse(run.out) as Report;
      const recording = readRecording(file);
      expect(recording.target).toMatchObject({ name, version: targetModule(name).version });
      const text = readFileSync(file, 'utf8');
      for (const secret of Object.values(SENTINELS)) expect(text).not.toContain(secret);
      // The account id on its own (a generated UUID's last group may be twelve zeros, LocalStack's account id)
      expect(text.match(new RegExp(`(?<![\\w-])${ACCOUNTS[name]}(?![\\w-])`, 'g'))).toBeNull();
      expect(text).toContain('<account>');
      // Assert: the at-rest clauses inspected the queues (the store shows plaintext: both emulators store bodies as sent)
      const inspecting = new Set(recording.scenarios.filter((sc) => sc.steps.some((st) => !isCall(st))).map((sc) => sc.clause));
      expect([...inspecting].sort()).toEqual(report.clauses.filter((c) => c.id.startsWith('sqs.at-rest.')).map((c) => c.id));
      const inspected = recording.scenarios.flatMap((sc) => sc.steps.flatMap((st) => (isCall(st) ? [] : st.messages)));
      expect(inspected.length).toBeGreaterThan(0);
      expect(inspected.filter((m) => m.sealed || typeof m.body !== 'string')).toEqual([]);
      // Assert: check-model disagrees in every scenario the clause failed in a call, in none it passed, in the same clauses
      expect(check.code, check.err).toBe(1);
      const model = JSON.parse(check.out) as ModelCheck;
      const disagreeing = new Set(model.disagreements.map((d) => `${d.clause}#${d.index}`));
      const judged = recording.scenarios.filter((s) => (s.outcome === 'violation' || s.outcome === 'pass') && !inspecting.has(s.clause));
      expect(judged.filter((s) => s.outcome === 'violation').length).toBeGreaterThan(3);
      expect(
        judged.filter((s) => disagreeing.has(`${s.clause}#${s.index}`) !== (s.outcome === 'violation')).map((s) => `${s.clause}#${s.index} ${s.outcome}`),
      ).toEqual([]);
      const deviating = report.clauses
        .filter((c) => (c.deviations ?? []).length > 0 && !inspecting.has(c.id))
        .map((c) => c.id)
        .sort();
      expect([...new Set(model.disagreements.filter((d) => d.outcome !== 'not-observable').map((d) => d.clause))].sort()).toEqual(deviating);
      expect(report.clauses.some((c) => c.verdict === 'pass')).toBe(true);
      // Assert: the recorded target answers every scenario as the run saw it
      expect(replay.code, replay.err).toBe(run.code);
      expect(verdicts(JSON.parse(replay.out) as Report)).toEqual(verdicts(report));
    }, 300_000);
  });
}
