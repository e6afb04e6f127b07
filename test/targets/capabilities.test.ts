/**
 * What a target is, not what it answered, decides what is observable on it, through its declared
 * capabilities and the clauses' requirements (src/target.ts): clause bodies never ask which target
 * they run on. The aws target's CreateKey leases pooled keys, so clauses about a key of a given origin
 * or usage are not observable there; fakecloud's at-rest route shows no message attributes, moto's and
 * LocalStack's stores do.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../src/recording/schema.js';
import { runClause } from '../../src/runner.js';
import { loadClauses } from '../../src/spec-loader.js';
import { meets, type Requirement, requirementsOf, type Target } from '../../src/target.js';
import { AwsTarget } from '../../test-targets/aws/aws-target.js';
import { FakecloudTarget } from '../../test-targets/fakecloud/fakecloud-target.js';
import { FauxqsTarget } from '../../test-targets/fauxqs/fauxqs-target.js';
import { RecordedTarget } from '../../test-targets/recorded/recorded-target.js';
import { ReferenceTarget } from '../../test-targets/reference/reference-target.js';
import { MotoTarget } from '../../test-targets/moto/moto-target.js';
import { LocalstackTarget } from '../../test-targets/localstack/localstack-target.js';
import { LocalstackContainerTarget } from '../../test-targets/localstack-container/localstack-container-target.js';
import { GoawsTarget } from '../../test-targets/goaws/goaws-target.js';
import { ElasticmqTarget } from '../../test-targets/elasticmq/elasticmq-target.js';
import { TARGET_MODULES } from '../../test-targets/registry.js';

const clauses = await loadClauses();
const needing = (r: Requirement) =>
  clauses
    .filter((c) => requirementsOf(c).includes(r))
    .map((c) => c.id)
    .sort();

describe('capabilities, not clause bodies, make a clause not observable', () => {
  it('clauses about a key of a given origin or usage need a CreateKey that creates it, which the aws target lacks', async () => {
    expect(needing('createKeyHonoursInput')).toEqual([
      'kms.key-state.external-key-starts-pending-import',
      'sns.sse.pending-import-key-refuses-publish',
      'sqs.sse-kms.key-usage-that-cannot-make-data-keys-refuses-send',
      'sqs.sse-kms.pending-import-key-refuses-send',
    ]);
    const aws = new AwsTarget({ allowedAccounts: ['111122223333'] }); // never started: the requirement decides first
    expect(meets(aws, 'createKeyHonoursInput')).toBe(false);
    for (const t of [new ReferenceTarget(), new MotoTarget()]) expect(meets(t, 'createKeyHonoursInput'), t.name).toBe(true);
    const result = await runClause(aws, clauses.find((c) => c.id === 'sqs.sse-kms.pending-import-key-refuses-send')!, { seed: 1, runs: 1, prefix: 'x' });
    expect([result.verdict, result.reason]).toEqual([
      'not-observable',
      'aws lacks a CreateKey that creates the key asked for (Origin, KeySpec, KeyUsage), not a pooled one',
    ]);
  });

  it('the attributes clause at rest needs an inspection that shows attributes: the reference, fauxqs, moto and LocalStack, not fakecloud', () => {
    expect(needing('atRestAttributes')).toEqual(['sqs.at-rest.message-attributes-are-never-sealed']);
    const targets: Target[] = [
      new ReferenceTarget(),
      new FauxqsTarget(),
      new MotoTarget(),
      new LocalstackTarget(),
      new LocalstackContainerTarget(),
      new FakecloudTarget(),
      new GoawsTarget(),
      new ElasticmqTarget(),
    ];
    const seen = (t: Target) => [t.name, meets(t, 'atRestInspection'), meets(t, 'atRestAttributes')];
    expect(targets.map(seen)).toEqual([
      ['reference', true, true],
      ['fauxqs', true, true],
      ['moto', true, true],
      ['localstack', true, true],
      ['localstack-container', true, true],
      ['fakecloud', true, false],
      ['goaws', false, false],
      ['elasticmq', false, false],
    ]);
    // Each target that inspects has the inspection it declares.
    for (const t of targets) expect(typeof t.inspectQueue === 'function', t.name).toBe(t.capabilities.atRestInspection);
  });

  it("each target's about.ts says what shows its messages at rest, and says none exactly where it has no inspection", () => {
    // endpoint, aws and recorded cannot be made without their options (a URL, an allow-list, a file); their texts say none, none, and the recording's.
    const made = TARGET_MODULES.filter((m) => !['endpoint', 'aws', 'recorded'].includes(m.name));
    expect(made.map((m) => m.name).sort()).toEqual(
      [
        'elasticmq',
        'fakecloud',
        'fauxqs',
        'floci',
        'goaws',
        'local-kms',
        'localstack',
        'localstack-container',
        'moto',
        'reference',
        's3rver',
        'seaweedfs',
      ].sort(),
    );
    for (const m of made) {
      const t = m.create(m.about.matrix ?? {});
      expect(m.about.atRest.startsWith('none'), m.name).toBe(!t.capabilities.atRestInspection);
    }
    // An inspection is what shows them: a target that declared attributes without one would still not meet it.
    const noInspection = new FauxqsTarget();
    Object.assign(noInspection.capabilities, { atRestInspection: false });
    expect(meets(noInspection, 'atRestAttributes')).toBe(false);
  });

  it('a recording made before these were capabilities: only a run on an account that is not disposable (aws) leased keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-capabilities-'));
    const recorded = (name: string, disposableAccount: boolean) => {
      const capabilities = { services: ['kms', 'sns', 'sqs'], virtualClock: false, realTimeWindows: false, atRestInspection: true, principals: 1 };
      const file = join(dir, `${name}.json`);
      const target = { name, capabilities: { ...capabilities, eventualMs: 0, sqsMaxMessageBytes: 1, snsMaxMessageBytes: 1, disposableAccount } };
      // Format 1: limits were capabilities of their own then.
      const recording = { format: RECORDING_FORMAT, formatVersion: 1, tool: { name: 'sse-conformance', version: '0.1.0' }, target };
      writeFileSync(file, JSON.stringify({ ...recording, seed: 1, startedAt: '2026-11-26T00:00:00.000Z', durationMs: 0, clauses: [], scenarios: [] }));
      return new RecordedTarget({ recording: file });
    };
    expect(meets(recorded('aws', false), 'createKeyHonoursInput')).toBe(false);
    expect(meets(recorded('moto', true), 'createKeyHonoursInput')).toBe(true);
    expect(meets(recorded('fakecloud', true), 'atRestAttributes')).toBe(false);
    // ... and its limits, each a capability of its own then, are read as each service's limits.
    const old = recorded('moto', true).capabilities;
    expect(old.limits.sqs.maxMessageBytes).toBe(1);
    expect(old.limits.sns.maxMessageBytes).toBe(1);
    expect(old).not.toHaveProperty('sqsMaxMessageBytes');
  });

  it("a recording of format 2 holds each service's limits, and a recorded target presents them", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ssec-capabilities-')), 'r.json');
    const capabilities = { ...new ReferenceTarget().capabilities, limits: { sqs: { maxMessageBytes: 262_144 } } };
    const target = { name: 'x', capabilities };
    const recording = { format: RECORDING_FORMAT, formatVersion: RECORDING_VERSION, tool: { name: 'sse-conformance', version: '0.1.0' }, target };
    writeFileSync(file, JSON.stringify({ ...recording, seed: 1, startedAt: '2026-11-26T00:00:00.000Z', durationMs: 0, clauses: [], scenarios: [] }));
    const { limits } = new RecordedTarget({ recording: file }).capabilities;
    expect(limits.sqs.maxMessageBytes).toBe(262_144);
    expect(limits.sns.maxMessageBytes, 'a limit the recording lacks: its AWS value').toBe(262_144);
  });
});
