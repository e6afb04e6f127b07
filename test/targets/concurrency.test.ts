/**
 * On an emulator (moto), the same seed gives the same report one clause at a time and four at once, durations,
 * the emulator's port and the ids it draws aside: clauses are isolated by their run prefix and order what they share
 * (src/shared-state.ts). The clauses: those that share the AWS managed keys, those that read messages at rest,
 * and those that deliver from SNS to SQS, each with a few generated runs.
 */
import { expect, it } from 'vitest';
import { readBaseline } from '../../src/baseline.js';
import type { Report } from '../../src/report.js';
import { DEFAULT_SEED, runConformance } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { makeTarget, targetModule } from '../../test-targets/registry.js';
import { describeNeeding } from '../prerequisites.js';

const clauses = (await loadClauses()).filter(
  (c) => c.shares?.length || c.id.startsWith('sqs.at-rest.') || c.id.startsWith('sns-to-sqs.') || c.id.startsWith('kms.aliases.'),
);

/**
 * A report without what differs between any two runs, one clause at a time or not: when, how long, the port, and
 * what moto draws or stamps itself (UUIDs: MessageId, KeyId; the SNS envelope's Timestamp, Signature and signing
 * certificate name; a multipart upload's UploadId), also where a deviation's reason quotes them.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const DRAWN = new Set(['Timestamp', 'Signature', 'SigningCertURL', 'UploadId']);
const comparable = (r: Report): unknown =>
  JSON.parse(
    JSON.stringify({
      ...r,
      target: { ...r.target, endpoint: '' },
      startedAt: '',
      durationMs: 0,
      clauses: r.clauses.map((c) => ({ ...c, durationMs: 0 })),
    }).replace(UUID, '(uuid)'),
    (key, value: unknown) =>
      typeof value !== 'string'
        ? value
        : DRAWN.has(key)
          ? '(drawn)'
          : // the same values quoted in a deviation's reason
            value
              .replace(/"(Timestamp|Signature|SigningCertURL|UploadId)":"[^"]*"/g, '"$1":"(drawn)"')
              .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '(time)'),
  );

describeNeeding({ emulators: ['moto'] }, 'moto, clauses at once', () => {
  it('gives the same report at concurrency 1 and 4', async () => {
    const baseline = readBaseline(targetModule('moto').baseline!);
    const at = async (concurrency: number) =>
      comparable(await runConformance(makeTarget('moto'), { clauses, seed: DEFAULT_SEED, runs: 5, concurrency, baseline, prefix: 'c' }));
    const one = await at(1);
    const four = await at(4);
    expect((one as Report).summary.fail + (one as Report).summary.error, 'as the baseline says').toBe(0);
    expect(four).toEqual(one);
  }, 600_000);
});
