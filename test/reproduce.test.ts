/**
 * Standalone reproductions (replay --emit) from crafted raw steps: identifiers become variables
 * captured where the target returned them, bytes and 1 MiB strings come out byte-identical, and
 * the failing step states what AWS answers and what the target answered.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitAwsCli, json, kebab } from '../src/reproduce/aws-cli.js';
import { emitNode, js } from '../src/reproduce/node.js';
import { NotReproducibleError, toReproduction, type Value } from '../src/reproduce/reproduction.js';
import type { ReplayedSteps } from '../src/runner.js';
import type { RawStep, Step } from '../src/session.js';

const CLAUSE = {
  id: 'sqs.example.clause',
  title: 'An example sentence',
  level: 'MUST' as const,
  sources: [{ fact: 'SQS-8', url: 'https://docs.aws.amazon.com/example.html', evidence: 'DOC' as const }],
};
const PREFIX = 'replayr1';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`;
const QUEUE_NAME = `${PREFIX}-q1`;
const QUEUE_URL = `http://127.0.0.1:40000/123456789012/${QUEUE_NAME}`;
const QUEUE_ARN = `arn:aws:sqs:us-east-1:123456789012:${QUEUE_NAME}`;
const PLAINTEXT = new Uint8Array([0, 1, 2, 127, 128, 254, 255]);
const BODY = 'a'.repeat(1_048_570) + 'tail"\'\\'; // 1 MiB; quotes and a backslash at the end

const symbols = new Map([
  [PREFIX, '<run>'],
  [KEY_ID, 'key#0'],
  [KEY_ARN, 'arn(key#0)'],
  [QUEUE_NAME, 'queue#0'],
  [QUEUE_URL, 'queue#0'],
  [QUEUE_ARN, 'arn(queue#0)'],
]);

function raw(
  service: Step['service'],
  op: string,
  input: object,
  observed: Step['observed'],
  extra: Partial<RawStep> & { expected?: Step['expected']; principal?: number } = {},
): RawStep {
  const { expected, principal, ...rest } = extra;
  const step: Step = { op, service, principal: principal ?? 0, input: {}, observed, ...(expected ? { expected } : {}) };
  return { step, input, ...rest };
}

/** A scenario that creates a key and a queue, encrypts bytes, sends a 1 MiB body, and fails on the reuse period. */
function replayed(last: RawStep): ReplayedSteps {
  return {
    prefix: PREFIX,
    symbols,
    steps: [
      raw('kms', 'CreateKey', {}, { ok: true }, { output: { KeyMetadata: { KeyId: KEY_ID, Arn: KEY_ARN } } }),
      raw('kms', 'Encrypt', { KeyId: KEY_ID, Plaintext: PLAINTEXT }, { ok: true }, { output: { CiphertextBlob: new Uint8Array([9]) } }),
      raw('sqs', 'CreateQueue', { QueueName: QUEUE_NAME, Attributes: { KmsMasterKeyId: KEY_ARN } }, { ok: true }, { output: { QueueUrl: QUEUE_URL } }),
      raw(
        'sqs',
        'GetQueueAttributes',
        { QueueUrl: QUEUE_URL, AttributeNames: ['QueueArn'] },
        { ok: true },
        { output: { Attributes: { QueueArn: QUEUE_ARN } } },
      ),
      raw(
        'sqs',
        'SendMessage',
        { QueueUrl: QUEUE_URL, MessageBody: BODY, MessageAttributes: { source: { DataType: 'String', StringValue: QUEUE_ARN } } },
        { ok: true },
        { output: {}, waitedMs: 2_000 },
      ),
      last,
    ],
  };
}

const FAILING = raw(
  'sqs',
  'SetQueueAttributes',
  { QueueUrl: QUEUE_URL, Attributes: { KmsDataKeyReusePeriodSeconds: '59' } },
  { ok: true },
  { expected: [{ ok: false, code: 'InvalidAttributeValue' }] },
);
const reproduction = () => toReproduction(CLAUSE, { seed: 7, path: '2:0', target: { name: 'moto' }, replayed: replayed(FAILING) });

/** Evaluates a Value's JavaScript with the script's variables bound to the replay's concrete values. */
function evalJs(v: Value, vars: Record<string, string>): unknown {
  return new Function(...Object.keys(vars), `return ${js(v)};`)(...Object.values(vars));
}
const VARS = { RUN: PREFIX, key0Id: KEY_ID, key0Arn: KEY_ARN, queue0Url: QUEUE_URL, queue0Arn: QUEUE_ARN };

describe('toReproduction', () => {
  it('turns identifiers into variables captured at the step that returned them, only where later steps need them', () => {
    const r = reproduction();
    expect(r.steps.map((s) => s.captures.map((c) => `${c.variable}=${c.path.join('.')}`))).toEqual([
      ['key0Id=KeyMetadata.KeyId', 'key0Arn=KeyMetadata.Arn'],
      [],
      ['queue0Url=QueueUrl'],
      ['queue0Arn=Attributes.QueueArn'],
      [],
      [],
    ]);
    // The queue name keeps its literal part after the run prefix; the URL is the captured variable.
    expect(r.steps[2]!.input).toEqual({
      kind: 'record',
      entries: [
        ['QueueName', { kind: 'text', parts: [{ variable: 'RUN' }, '-q1'] }],
        ['Attributes', { kind: 'record', entries: [['KmsMasterKeyId', { kind: 'text', parts: [{ variable: 'key0Arn' }] }]] }],
      ],
    });
    expect(r.steps[4]!.waitMs).toBe(2_000);
    expect(r.prefixLength).toBe(PREFIX.length);
    expect(r.judged).toMatchObject({
      step: 6,
      aws: 'InvalidAttributeValue',
      target: 'success',
      judgement: { kind: 'outcome', allowed: [{ ok: false, code: 'InvalidAttributeValue' }] },
    });
    expect(r.spellings).toEqual({ 'sqs:InvalidAttributeValue': ['InvalidAttributeValue'] });
  });

  it('locates a value check in the output when the clause compared a field as returned, and not when it compared a description', () => {
    const check = (expected: unknown, observed: unknown) =>
      toReproduction(CLAUSE, {
        seed: 7,
        path: '0',
        target: { name: 'moto' },
        replayed: replayed(
          raw(
            'sqs',
            'GetQueueAttributes',
            { QueueUrl: QUEUE_URL },
            { ok: true, ...(observed === undefined ? {} : { KmsDataKeyReusePeriodSeconds: String(observed) }) },
            {
              expected: [{ ok: true, KmsDataKeyReusePeriodSeconds: expected } as never],
              output: { Attributes: { ...(observed === undefined ? {} : { KmsDataKeyReusePeriodSeconds: observed }), QueueArn: QUEUE_ARN } },
              check: { what: 'KmsDataKeyReusePeriodSeconds', expected, observed },
            },
          ),
        ),
      }).judged;
    expect(check('300', '59')).toMatchObject({
      aws: 'KmsDataKeyReusePeriodSeconds: 300',
      target: 'KmsDataKeyReusePeriodSeconds: 59',
      judgement: { kind: 'value', path: ['Attributes', 'KmsDataKeyReusePeriodSeconds'] },
    });
    expect(check('(absent)', '59').judgement).not.toHaveProperty('path');
    // An attribute the target leaves out: where it would be.
    expect(check('1024', undefined)).toMatchObject({
      target: 'KmsDataKeyReusePeriodSeconds: (absent)',
      judgement: { path: ['Attributes', 'KmsDataKeyReusePeriodSeconds'] },
    });
  });

  it('refuses a last step that carries no expectation', () => {
    expect(() =>
      toReproduction(CLAUSE, { seed: 1, path: '0', target: { name: 'moto' }, replayed: replayed(raw('sqs', 'ListQueues', {}, { ok: true })) }),
    ).toThrow(NotReproducibleError);
  });
});

describe('emitNode', () => {
  it('rebuilds every input byte-identical from variables: bytes as base64, a 1 MiB body compactly', () => {
    const r = reproduction();
    const rebuilt = r.steps.map((s) => evalJs(s.input, VARS));
    // Buffer and Uint8Array compare as unequal types: both become their bytes in hex first.
    const bytesAsHex = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Uint8Array || v?.type === 'Buffer' ? `bytes:${Buffer.from(v.data ?? v).toString('hex')}` : v)));
    expect(bytesAsHex(rebuilt)).toEqual(bytesAsHex(replayed(FAILING).steps.map((s) => s.input)));
    expect((rebuilt[1] as { Plaintext: Buffer }).Plaintext.toString('hex')).toBe('0001027f80feff');
    expect(js(r.steps[4]!.input).length).toBeLessThan(400);
  });

  it('writes no concrete identifier, imports only the SDK, and states expected and observed at the failing step', () => {
    const script = emitNode(reproduction(), { endpoint: 'http://127.0.0.1:4566' });
    for (const concrete of [KEY_ID, QUEUE_URL, QUEUE_ARN, PREFIX]) expect(script).not.toContain(concrete);
    expect([...script.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual(['@aws-sdk/client-kms', '@aws-sdk/client-sqs']);
    expect(script).toContain('const ENDPOINT = process.env.ENDPOINT ?? "http://127.0.0.1:4566";');
    expect(script).toContain('const key0Arn = r1.out?.["KeyMetadata"]?.["Arn"];');
    expect(script).toContain('new SetQueueAttributesCommand({ QueueUrl: queue0Url, Attributes: { KmsDataKeyReusePeriodSeconds: "59" } })');
    expect(script).toContain('Buffer.from("AAECf4D+/w==", \'base64\')');
    expect(script).toContain('"a".repeat(1048570) + "tail\\"\'\\\\"');
    expect(script).toContain('await pause(2000);');
    expect(script).toMatch(/AWS answers: {7}InvalidAttributeValue\n\/\/ {3}moto answered: {5}success/);
    expect(script).toContain('// Source https://docs.aws.amazon.com/example.html');
    expect(script).toContain('if (isOneOf(r6, \'sqs\', ["InvalidAttributeValue"])) {');
    expect(script).not.toContain('act as a second identity');
  });

  it('a step as another principal needs a second identity, said in the script', () => {
    const other = raw(
      'sqs',
      'SendMessage',
      { QueueUrl: QUEUE_URL, MessageBody: 'x' },
      { ok: true },
      { principal: 1, expected: [{ ok: false, code: 'KMS.AccessDenied' }] },
    );
    const r = toReproduction(CLAUSE, { seed: 1, path: '0', target: { name: 'reference' }, replayed: replayed(other) });
    const script = emitNode(r);
    expect(r.otherPrincipals).toEqual([6]);
    expect(script).toContain('// Steps 6 act as a second identity');
    expect(script).toMatch(/if \(!ENDPOINT\) \{ console\.log\('Steps 6 act as a second identity: set SECOND_AWS_PROFILE/);
    expect(script).toContain('await call(6, "sqs SendMessage as principal 1", \'sqs\', 1,');
    expect(r.spellings['sqs:KMS.AccessDenied']).toEqual(['KmsAccessDenied', 'KMS.AccessDeniedException']);
  });

  it('is valid JavaScript', () => {
    const dir = mkdtempSync(join(tmpdir(), 'repro-'));
    const file = join(dir, 'r.mjs');
    writeFileSync(file, emitNode(reproduction()));
    const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('emitAwsCli', () => {
  it('names operations as the AWS CLI does', () => {
    expect(['GetQueueAttributes', 'ReEncrypt', 'CreateKey', 'SendMessageBatch', 'ListMFADevices'].map(kebab)).toEqual([
      'get-queue-attributes',
      're-encrypt',
      'create-key',
      'send-message-batch',
      'list-mfa-devices',
    ]);
  });

  it('writes aws lines with --cli-input-json, captures with --query, and checks the failing step', () => {
    const script = emitAwsCli(reproduction());
    for (const concrete of [KEY_ID, QUEUE_URL, QUEUE_ARN, PREFIX]) expect(script).not.toContain(concrete);
    expect(script).toContain(
      `out=$(aws --endpoint-url "$ENDPOINT" kms create-key --cli-input-json '{}' --query '[KeyMetadata.KeyId, KeyMetadata.Arn]' --output text 2>"$WORK/err"); outcome 1 'kms CreateKey' $?`,
    );
    expect(script).toContain(`key0Arn=$(printf '%s\\n' "$out" | cut -f2)`);
    expect(script).toContain(
      `sqs create-queue --cli-input-json '{"QueueName":"'"$RUN"'-q1","Attributes":{"KmsMasterKeyId":"'"$key0Arn"'"}}' --query 'QueueUrl' --output text`,
    );
    expect(script).toContain(`kms encrypt --cli-input-json '{"KeyId":"'"$key0Id"'","Plaintext":"AAECf4D+/w=="}'`);
    expect(script).toContain('sleep 2');
    expect(script).toContain('# At step 6 (sqs SetQueueAttributes):\n#   AWS answers:       InvalidAttributeValue\n#   moto answered:     success');
    expect(script).toContain(`case "$answer" in InvalidAttributeValue) echo 'Does not reproduce: the target now answers as AWS does.'; exit 0 ;; esac`);
    expect(script).toMatch(/exit 1\n$/);
  });

  it('writes a 1 MiB input through a file, byte-identical once the shell has run', () => {
    const script = emitAwsCli(reproduction());
    const line = script.split('\n').find((l) => l.includes('> "$WORK/input-5.json"'))!;
    expect(line.length).toBeLessThan(400);
    const work = mkdtempSync(join(tmpdir(), 'repro-sh-'));
    const sh = spawnSync('sh', ['-c', line], { encoding: 'utf8', env: { ...process.env, WORK: work, queue0Url: QUEUE_URL, queue0Arn: QUEUE_ARN } });
    expect(sh.status, sh.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'input-5.json'), 'utf8'))).toEqual(replayed(FAILING).steps[4]!.input);
  });

  it('splices variables into JSON that parses back to the input', () => {
    const r = reproduction();
    for (const [i, s] of r.steps.entries()) {
      const text = json(s.input)
        .map((g) => ('lit' in g ? g.lit : 'variable' in g ? VARS[g.variable as keyof typeof VARS] : g.char.repeat(g.count)))
        .join('');
      const original = replayed(FAILING).steps[i]!.input as Record<string, unknown>;
      const expected = JSON.parse(
        JSON.stringify(original, (_k, v) => (v && typeof v === 'object' && 'BYTES_PER_ELEMENT' in v ? Buffer.from(v as Uint8Array).toString('base64') : v)),
      );
      expect(JSON.parse(text)).toEqual(expected);
    }
  });
});

describe('an emitted AWS CLI script run by sh', () => {
  // The AWS CLI is not installed here: a stand-in `aws` answers as moto did (or as AWS does), and logs its arguments.
  const FAKE = [
    '#!/bin/sh',
    'echo "$*" >> "$FAKE_LOG"',
    'case "$*" in',
    '  *" create-queue "*) echo "http://fake:1/000000000000/q-url" ;;',
    '  *" set-queue-attributes "*) if [ -n "${FAKE_ERROR:-}" ]; then echo "An error occurred ($FAKE_ERROR) when calling the SetQueueAttributes operation: no" >&2; exit 254; fi ;;',
    'esac',
  ].join('\n');
  const twoSteps: ReplayedSteps = {
    prefix: PREFIX,
    symbols,
    steps: [raw('sqs', 'CreateQueue', { QueueName: QUEUE_NAME }, { ok: true }, { output: { QueueUrl: QUEUE_URL } }), FAILING],
  };

  function runWith(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'repro-cli-'));
    writeFileSync(join(dir, 'aws'), FAKE);
    chmodSync(join(dir, 'aws'), 0o755);
    writeFileSync(join(dir, 'repro.sh'), emitAwsCli(toReproduction(CLAUSE, { seed: 7, path: '0', target: { name: 'moto' }, replayed: twoSteps })));
    const log = join(dir, 'log');
    const r = spawnSync('sh', [join(dir, 'repro.sh')], {
      encoding: 'utf8',
      env: { PATH: `${dir}:${process.env.PATH}`, FAKE_LOG: log, ENDPOINT: 'http://fake:1', ...env },
    });
    return { code: r.status, out: r.stdout + r.stderr, log: readFileSync(log, 'utf8') };
  }

  it('passes the captured queue URL on and exits 1 while the target accepts what AWS rejects', () => {
    const r = runWith({});
    expect(r.code, r.out).toBe(1);
    expect(r.log).toMatch(
      /^--endpoint-url http:\/\/fake:1 sqs create-queue --cli-input-json \{"QueueName":"r[0-9a-f]{7}-q1"\} --query QueueUrl --output text$/m,
    );
    expect(r.log).toContain(
      'sqs set-queue-attributes --cli-input-json {"QueueUrl":"http://fake:1/000000000000/q-url","Attributes":{"KmsDataKeyReusePeriodSeconds":"59"}}',
    );
    expect(r.out).toContain('At step 2, AWS answers: InvalidAttributeValue');
    expect(r.out).toContain('During the replay, moto answered: success');
    expect(r.out).toContain('Reproduces: the target answers otherwise than AWS.');
  });

  it('exits 0 once the target answers as AWS does', () => {
    const r = runWith({ FAKE_ERROR: 'InvalidAttributeValue' });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('2. sqs SetQueueAttributes: InvalidAttributeValue');
    expect(r.out).toContain('Does not reproduce');
  });
});
