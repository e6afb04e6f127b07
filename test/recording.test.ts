/**
 * Recordings in-process, on the reference and a deliberately wrong variant of it: redaction leaves no
 * planted credential, account id or request id; check-model disagrees exactly where the variant broke
 * a clause and names the step; a recording edited by hand to contradict the model exits 1 naming the
 * step; a bad file exits 2 with one line; the recorded target replays the same verdicts and reports
 * what it does not hold as not observable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReferenceClients } from '../reference/index.js';
import { checkModel } from '../src/recording/check-model.js';
import { Recorder } from '../src/recording/recorder.js';
import { RecordingSchema, isCall, type Recording } from '../src/recording/schema.js';
import { Symbolizer } from '../src/recording/symbolic.js';
import type { Report } from '../src/report.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import type { Target } from '../src/target.js';
import { RecordedTarget } from '../test-targets/recorded/recorded-target.js';
import { ReferenceTarget, startModel } from '../test-targets/reference/reference-target.js';
import { cli } from './cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'ssec-recording-'));
const clauses = await loadClauses();
const pick = (...prefixes: string[]) => clauses.filter((c) => prefixes.some((p) => c.id.startsWith(p)));

/** CreateAlias succeeds whatever the name: kms.aliases.alias-name-rules fails on it. */
const acceptsAnyAlias = ({ kms }: ReferenceClients) =>
  kms.middlewareStack.add(
    (next, context) => async (args) =>
      ((context as { commandName?: string }).commandName === 'CreateAliasCommand' ? { output: { $metadata: {} }, response: {} } : next(args)) as never,
    { step: 'initialize', name: 'accept-any-alias' },
  );

async function record(
  target: Target,
  selected = pick('kms.aliases.', 'sqs.sse-kms.send-fails-when-key-unusable'),
  seed = 7,
): Promise<{ report: Report; recording: Recording }> {
  const recorder = new Recorder(target, { seed, runs: 5, clauses: selected.map((c) => c.id) });
  const report = await runConformance(target, { clauses: selected, seed, runs: 5, onScenario: (e) => recorder.add(e) });
  // As a file holds it: through JSON and the schema.
  return { report, recording: RecordingSchema.parse(JSON.parse(JSON.stringify(recorder.recording()))) };
}

const verdicts = (r: Report) => Object.fromEntries(r.clauses.map((c) => [c.id, [c.verdict, ...(c.deviations ?? []).map((d) => d.signature)]]));

describe('recordings', () => {
  it('redact every planted credential, the account id and request ids, and keep resource names symbolic', () => {
    // Arrange: a session's symbols and a principal, with secrets planted where targets put them
    const sym = new Symbolizer(
      new Map([
        ['ssec-x1r1', '<run>'],
        ['ssec-x1r1-q1', 'queue#0'],
        ['http://h/123456789012/ssec-x1r1-q1', 'queue#0'],
      ]),
      ['arn:aws:iam::123456789012:user/p0'],
      { accounts: ['123456789012'], credentials: ['sentinel-secret-5f1c9e0b7a', 'short'] },
    );
    // Act
    const out = JSON.stringify([
      sym.request({
        QueueUrl: 'http://h/123456789012/ssec-x1r1-q1',
        Policy: '{"Principal":{"AWS":"arn:aws:iam::123456789012:user/p0"},"Resource":"arn:aws:sqs:us-east-1:123456789012:ssec-x1r1-q1"}',
      }),
      sym.output({
        Owner: '123456789012',
        Other: 'arn:aws:sns:us-east-1:210987654321:t',
        Echo: 'sig AKIASENTINEL7Q2X9Z1W sentinel-secret-5f1c9e0b7a',
        Note: 'RequestId: 8f1c2a3b-1111-2222-3333-444455556666',
        Id: '00000000-0000-1000-8000-123456789012',
        Body: 'short',
      }),
    ]);
    // Assert
    // The one place 123456789012 may stay is the UUID group asserted below; anywhere else it is an unredacted account id.
    const outsideUuid = out.replaceAll('8000-123456789012', '');
    for (const secret of ['123456789012', '210987654321', 'AKIASENTINEL7Q2X9Z1W', 'sentinel-secret-5f1c9e0b7a', '8f1c2a3b-1111'])
      expect(outsideUuid, secret).not.toContain(secret);
    expect(out).toContain('url(queue#0)');
    expect(out).toContain('principal#0');
    expect(out).toContain('arn:aws:sqs:us-east-1:<account>:queue#0');
    expect(out).toContain('<request-id>');
    expect(out).toContain('"Body":"short"'); // a credential shorter than 12 characters is not hunted in data
    expect(out).toContain('8000-123456789012'); // a UUID group is not an account id
  });

  it('check-model disagrees in exactly the scenarios where a wrong variant of the model broke a clause', async () => {
    // Arrange
    const { report, recording } = await record(new ReferenceTarget({ decorate: acceptsAnyAlias }));
    expect(report.clauses.find((c) => c.id === 'kms.aliases.alias-name-rules')!.verdict).toBe('fail');
    // Act
    const check = await checkModel(recording, startModel);
    // Assert
    const disagreeing = new Set(check.disagreements.map((d) => `${d.clause}#${d.index}`));
    const violations = recording.scenarios.filter((s) => s.outcome === 'violation');
    expect(violations.length).toBeGreaterThan(0);
    expect(
      recording.scenarios.filter((s) => disagreeing.has(`${s.clause}#${s.index}`) !== (s.outcome === 'violation')).map((s) => `${s.clause}#${s.index}`),
    ).toEqual([]);
    // the variant changed CreateAlias only: every disagreement is at or after one
    expect(check.disagreements.filter((d) => !d.steps.some((c) => c.op === 'CreateAlias')).map((d) => d.clause)).toEqual([]);
    // and the unmodified model agrees with its own recording
    expect((await checkModel((await record(new ReferenceTarget())).recording, startModel)).disagreements).toEqual([]);
  });

  it('a recording edited by hand to contradict the model makes check-model exit 1, naming the step', async () => {
    // Arrange: SendMessage to a queue whose key is disabled, edited from KMS.Disabled to success
    const { recording } = await record(new ReferenceTarget(), pick('sqs.sse-kms.send-fails-when-key-unusable'));
    const scenario = recording.scenarios.find((s) =>
      s.steps.some((c) => isCall(c) && c.op === 'SendMessage' && 'code' in c.outcome && c.outcome.code === 'KMS.Disabled'),
    )!;
    const k = scenario.steps.findIndex((c) => isCall(c) && c.op === 'SendMessage' && 'code' in c.outcome);
    const call = scenario.steps[k]!;
    if (!isCall(call)) throw new Error('not a call');
    call.outcome = { ok: true, output: { MessageId: 'message#0', MD5OfMessageBody: '0' } };
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(recording));
    // Act
    const r = cli(['check-model', file]);
    // Assert
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain(
      `${scenario.clause} (scenario ${scenario.index}, input ${scenario.inputHash}, the clause passed) step ${k + 1}: sqs:SendMessage recorded success; the model gives KMS.Disabled (HTTP 400)`,
    );
    expect(r.out).toContain(`${k + 1}. sqs:SendMessage {"QueueUrl":"url(queue#0)"`);
    expect(r.out).toMatch(/1 disagreements in 1 clauses/);
  }, 60_000);

  it('check-model refuses a file that is not a recording with one line and exit 2', () => {
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ format: 'sse-conformance-recording', formatVersion: 99 }));
    writeFileSync(join(dir, 'not-json.json'), '{');
    for (const [file, says] of [
      ['old.json', 'formatVersion'],
      ['not-json.json', 'not JSON'],
      ['absent.json', 'no such file'],
    ] as const) {
      const r = cli(['check-model', join(dir, file)]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(says);
    }
  }, 30_000);

  it('check-model does not call a recording that holds nothing to compare an agreement: exit 2, and says so', async () => {
    const { recording } = await record(new ReferenceTarget(), []);
    expect(recording.scenarios).toHaveLength(0);
    writeFileSync(join(dir, 'empty.json'), JSON.stringify(recording));
    const r = cli(['check-model', join(dir, 'empty.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no recorded outcome could be compared with the model; nothing was checked/);
    expect(r.out).toContain('Nothing was compared');
  }, 30_000);

  it('the recorded target gives the verdicts of the recorded run, and not observable for what it does not hold', async () => {
    // Arrange
    const { report, recording } = await record(new ReferenceTarget({ decorate: acceptsAnyAlias }));
    const file = join(dir, 'variant.json');
    writeFileSync(file, JSON.stringify(recording));
    const selected = pick('kms.aliases.', 'sqs.sse-kms.send-fails-when-key-unusable');
    // Act
    const replayed = await runConformance(new RecordedTarget({ recording: file }), { clauses: selected, seed: 7, runs: 5 });
    const otherSeed = await runConformance(new RecordedTarget({ recording: file }), { clauses: selected, seed: 8, runs: 5 });
    const otherClause = await runConformance(new RecordedTarget({ recording: file }), { clauses: pick('sqs.sse-sqs.enabled-by-default'), seed: 7, runs: 5 });
    // Assert
    expect(verdicts(replayed)).toEqual(verdicts(report));
    expect(otherSeed.clauses.map((c) => c.verdict)).toEqual(selected.map(() => 'not-observable'));
    expect(otherClause.clauses[0]!.verdict).toBe('not-observable');
    expect(otherClause.clauses[0]!.reason).toContain('the recording holds no scenario');
  });

  it('S3 clauses round-trip: object bodies are recorded as the text written, upload IDs as symbols, a given key MD5 is sent as given', async () => {
    // Arrange: every S3 clause recorded on the reference, through JSON and the schema
    const selected = pick('s3.');
    const { report, recording } = await record(new ReferenceTarget(), selected, 3);
    const file = join(dir, 's3.json');
    writeFileSync(file, JSON.stringify(recording));
    const calls = recording.scenarios.flatMap((x) => x.steps.filter(isCall));
    const read = calls.find((c) => c.op === 'GetObject' && 'ok' in c.outcome && c.outcome.ok);
    const started = calls.find((c) => c.op === 'CreateMultipartUpload' && 'ok' in c.outcome && c.outcome.ok);
    // Act
    const checked = await checkModel(recording, startModel);
    const replayed = await runConformance(new RecordedTarget({ recording: file }), { clauses: selected, seed: 3, runs: 5 });
    // Assert: a body as text, not a stream's internals; an upload ID as a symbol
    expect(report.clauses.every((c) => c.verdict === 'pass')).toBe(true);
    expect((read!.outcome as { output: { Body: unknown } }).output.Body).toEqual({ $text: expect.any(String) });
    expect((started!.outcome as { output: { UploadId: unknown } }).output.UploadId).toMatch(/^upload#\d+$/);
    // The model allows every recorded outcome, and the recorded target gives the run's verdicts
    expect(checked.disagreements).toEqual([]);
    expect(verdicts(replayed)).toEqual(verdicts(report));
  });

  it('a recording gives the CLI its seed when none is given, under faults too', async () => {
    // Arrange: recorded with seed 7, which is not the CLI's default
    const { report, recording } = await record(new ReferenceTarget({ decorate: acceptsAnyAlias }));
    const file = join(dir, 'seeded.json');
    writeFileSync(file, JSON.stringify(recording));
    const select = ['--clause', 'kms.aliases.*', '--clause', 'sqs.sse-kms.send-fails-when-key-unusable'];
    // Act: replayed without --seed, alone and wrapped by the faulty target (no fault drawn: rates 0)
    const plain = cli(['run', '--target', 'recorded', '--recording', file, ...select, '--no-baseline', '--format', 'json']);
    const faulty = cli([
      'run',
      '--target',
      'recorded',
      '--recording',
      file,
      ...select,
      '--faults',
      'server-error=0,seed=1',
      '--no-baseline',
      '--format',
      'json',
    ]);
    // Assert: both ran with the recording's seed, so every scenario was found and the verdicts are the recorded run's
    for (const r of [plain, faulty]) {
      const replayed = JSON.parse(r.out) as Report;
      expect(replayed.seed).toBe(7);
      expect(verdicts(replayed)).toEqual(verdicts(report));
    }
  }, 60_000);

  it('the recorded target answers at-rest inspections from the recording: what the inspection saw then decides the verdict', async () => {
    // Arrange: the reference seals SSE-KMS bodies; a copy of its recording edited to show them as plaintext, as moto and LocalStack do
    const selected = pick('sqs.at-rest.');
    const { report, recording } = await record(new ReferenceTarget(), selected);
    expect(recording.scenarios.every((s) => s.steps.some((st) => !isCall(st)))).toBe(true);
    const file = join(dir, 'at-rest.json');
    writeFileSync(file, JSON.stringify(recording));
    const unsealed = structuredClone(recording);
    for (const s of unsealed.scenarios)
      for (const st of s.steps) if (!isCall(st)) st.messages = st.messages.map((m) => (m.sealed ? { ...m, sealed: false, body: 'plaintext' } : m));
    const edited = join(dir, 'at-rest-unsealed.json');
    writeFileSync(edited, JSON.stringify(unsealed));
    // Act
    const replayed = await runConformance(new RecordedTarget({ recording: file }), { clauses: selected, seed: 7, runs: 5 });
    const replayedUnsealed = await runConformance(new RecordedTarget({ recording: edited }), { clauses: selected, seed: 7, runs: 5 });
    // Assert
    expect(verdicts(replayed)).toEqual(verdicts(report));
    expect(Object.values(verdicts(report)).map(([v]) => v)).toEqual(['pass', 'pass', 'pass']);
    expect(Object.fromEntries(replayedUnsealed.clauses.map((c) => [c.id, c.verdict]))).toEqual({
      'sqs.at-rest.message-attributes-are-never-sealed': 'pass',
      'sqs.at-rest.only-kms-sealed-bodies-are-hidden': 'fail',
      'sqs.at-rest.sealed-body-is-not-plaintext-at-rest': 'fail',
    });
  });
});
