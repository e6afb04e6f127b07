/**
 * No output ever carries a credential: a run with planted sentinel credentials (a clean run, one
 * with injected faults, a replay) writes them nowhere: not on stdout or stderr, not in any report
 * format, not in a baseline, not in a recording (run --record).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from './cli-runner.js';
import { describeNeeding } from './prerequisites.js';

const SENTINELS = {
  AWS_ACCESS_KEY_ID: 'AKIASENTINEL7Q2X9Z1W',
  AWS_SECRET_ACCESS_KEY: 'sentinel-secret-5f1c9e0b7a',
  AWS_SESSION_TOKEN: 'sentinel-token-3d8a6b2c4e',
};

describeNeeding({ emulators: ['moto'] }, 'planted secrets', () => {
  // Each command starts its own moto (a moto this process started would stall: spawnSync blocks the
  // event loop that drains its output).
  it('leak into no output: console, JSON, JUnit, Markdown, HTML, baseline, recording, replay', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'ssec-secrets-'));
    const env = { ...process.env, ...SENTINELS };
    const base = ['run', '--target', 'moto', '--clause', 'sqs.sse-kms.*', '--clause', 'kms.aliases.*', '--runs', '3'];
    // Act: a clean run with every output, one with faults (error messages), and a replay
    const outputs = [
      cli(
        [
          ...base,
          '--no-baseline',
          '--out',
          join(dir, 'clean'),
          '--write-baseline',
          join(dir, 'baseline.json'),
          '--record',
          join(dir, 'clean', 'recording.json'),
        ],
        { env },
      ),
      cli([...base, '--no-baseline', '--faults', 'server-error=0.2,seed=1', '--out', join(dir, 'faulty'), '--record', join(dir, 'faulty', 'recording.json')], {
        env,
      }),
      cli(['replay', join(dir, 'clean', 'report.json'), 'kms.aliases.alias-name-rules'], { env }),
    ];
    // Assert: the runs happened, and no sentinel is anywhere
    for (const o of outputs.slice(0, 2)) expect(o.code, `${o.out.slice(-600)}\n${o.err}`).toBe(1);
    const files = ['clean', 'faulty'].flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f))).concat(join(dir, 'baseline.json'));
    expect(files.length).toBeGreaterThanOrEqual(11); // with both recordings
    const texts = [...outputs.flatMap((o) => [o.out, o.err]), ...files.map((f) => readFileSync(f, 'utf8'))];
    const leaks = Object.values(SENTINELS).flatMap((secret) => texts.filter((t) => t.includes(secret)).map(() => secret));
    expect(leaks).toEqual([]);
  }, 180_000);
});
