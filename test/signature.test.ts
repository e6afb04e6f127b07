/**
 * Signatures as data (src/signature.ts): one function renders them as text, equality never reads that
 * text, and the text baselines held before (version 1, src/signature-v1.ts) reads back into exactly the
 * data they stand for. test/fixtures/baselines-v1/ holds the LocalStack, fauxqs and fakecloud baselines as
 * they were before their conversion to version 2 (the targets this change did not re-run through the CLI):
 * every signature in them reads into data that renders back to exactly its old text (the wording of
 * `signatureText` is still version 1's; were it ever changed, that proof would compare with the old wording).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../src/baseline.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { signatureKey, signatureText, withRule, type DeviationSignature } from '../src/signature.js';
import { identityOf, parseSignatureV1 } from '../src/signature-v1.js';
import { TARGET_MODULES } from '../test-targets/registry.js';
import { MUTANTS } from './mutants/mutants.js';

const V1 = join(PACKAGE_ROOT, 'test/fixtures/baselines-v1');
const v1Files = readdirSync(V1).map((f) => join(V1, f));
const v1Texts = (file: string): string[] =>
  Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { deviations?: string[] }>).flatMap((e) => e.deviations ?? []);

describe('signatureText, the one sentence of a signature', () => {
  it('renders each kind', () => {
    expect(signatureText({ rule: 'too-long', service: 'kms', operation: 'CreateAlias', expected: ['KMS.Validation'], observed: 'success' })).toBe(
      '[too-long] kms:CreateAlias expected KMS.Validation, observed success',
    );
    expect(signatureText({ service: 'sqs', operation: 'ReceiveMessage', expected: ['KMS.NotFound', '*', 'success'], observed: 'KMS.Disabled' })).toBe(
      'sqs:ReceiveMessage expected KMS.NotFound or any mapped error or success, observed KMS.Disabled',
    );
    expect(signatureText({ service: 'sqs', operation: 'SendMessage', field: 'bodies at rest' })).toBe('sqs:SendMessage bodies at rest differs');
    expect(signatureText({ rule: 'use', field: 'KeyState' })).toBe('[use] KeyState differs');
    expect(signatureText({ service: 'sqs', operation: 'CreateQueue', httpStatus: 500, code: 'ProtocolError' })).toBe(
      'sqs:CreateQueue answered HTTP 500 ProtocolError',
    );
  });
});

describe('signatureKey, what identity is', () => {
  const outcome = fc.record(
    {
      rule: fc.constantFrom('a', 'b'),
      service: fc.constantFrom('kms' as const, 'sqs' as const),
      operation: fc.constantFrom('CreateKey', 'SendMessage'),
      expected: fc.array(fc.constantFrom('success', '*', 'KMS.Disabled'), { minLength: 1, maxLength: 2 }),
      observed: fc.constantFrom('success', 'KMS.Disabled'),
    },
    { requiredKeys: ['service', 'operation', 'expected', 'observed'] },
  );
  const field = fc.record(
    {
      rule: fc.constantFrom('a', 'b'),
      service: fc.constantFrom('kms' as const, 'sqs' as const),
      operation: fc.constantFrom('CreateKey'),
      field: fc.constantFrom('x', 'y'),
    },
    { requiredKeys: ['field'] },
  );
  const signature: fc.Arbitrary<DeviationSignature> = fc.oneof(outcome, field);

  it('two signatures have the same key exactly when every field is equal', () => {
    fc.assert(
      fc.property(signature, signature, (a, b) => {
        expect(signatureKey(a) === signatureKey(b)).toBe(JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort()));
      }),
    );
  });

  it('the key is the same in any key order, and the rule a runner adds is part of it', () => {
    const s = { service: 'kms' as const, operation: 'CreateAlias', expected: ['KMS.Validation'], observed: 'success' };
    expect(signatureKey({ observed: 'success', expected: ['KMS.Validation'], operation: 'CreateAlias', service: 'kms' })).toBe(signatureKey(s));
    expect(signatureKey(withRule(s, 'too-long'))).not.toBe(signatureKey(s));
    expect(withRule(s, undefined)).toBe(s);
  });
});

describe('version 1: signatures as text', () => {
  it('every signature of the LocalStack, fauxqs and fakecloud baselines before version 2 reads into data that renders back to exactly its text', () => {
    const texts = v1Files.flatMap(v1Texts);
    expect(texts.length).toBeGreaterThan(200);
    for (const text of texts) {
      const data = parseSignatureV1(text);
      expect(data, text).toBeDefined();
      expect(signatureText(data!)).toBe(text);
    }
    // No two signatures that were distinct became equal, nor the other way round.
    const distinct = [...new Set(texts)];
    expect(new Set(distinct.map((t) => signatureKey(parseSignatureV1(t)!))).size).toBe(distinct.length);
  });

  it('a version 1 file reads as the same entries with signatures as data', () => {
    for (const file of v1Files) {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { deviations?: string[] }>;
      const read = readBaseline(file);
      expect(Object.keys(read)).toEqual(Object.keys(raw));
      for (const [id, e] of Object.entries(raw)) expect(read[id]!.deviations?.map(signatureText), `${file} ${id}`).toEqual(e.deviations);
    }
  });

  it('reads the text of each kind, and nothing that is not one', () => {
    expect(parseSignatureV1('[reserved] kms:CreateAlias expected any mapped error, observed success')).toEqual({
      rule: 'reserved',
      service: 'kms',
      operation: 'CreateAlias',
      expected: ['*'],
      observed: 'success',
    });
    expect(parseSignatureV1('sqs:ReceiveMessage expected KMS.NotFound or KMS.AccessDenied, observed Unmapped:Odd')).toEqual({
      service: 'sqs',
      operation: 'ReceiveMessage',
      expected: ['KMS.NotFound', 'KMS.AccessDenied'],
      observed: 'Unmapped:Odd',
    });
    expect(parseSignatureV1('[Disabled] sqs:SendMessage query-compatible error code differs')).toEqual({
      rule: 'Disabled',
      service: 'sqs',
      operation: 'SendMessage',
      field: 'query-compatible error code',
    });
    expect(parseSignatureV1('Bodies differs')).toEqual({ field: 'Bodies' });
    for (const text of ['', 'kms:CreateAlias failed', 'expected success, observed success', 'kms:CreateAlias expected success'])
      expect(parseSignatureV1(text), text).toBeUndefined();
  });

  it('a report deviation is its identity, else its text read as version 1', () => {
    const identity = { field: 'x' };
    expect(identityOf({ signature: 'anything', identity })).toBe(identity);
    expect(identityOf({ signature: 'sqs:SendMessage Body differs' })).toEqual({ service: 'sqs', operation: 'SendMessage', field: 'Body' });
    expect(identityOf({ signature: 'not one' })).toBeUndefined();
  });
});

describe('the stored signatures', () => {
  it('every committed baseline and every mutant holds signatures as data, and no two of them read the same as text', () => {
    const stored = [
      ...TARGET_MODULES.filter((m) => m.baseline).flatMap((m) => Object.values(readBaseline(m.baseline!)).flatMap((e) => e.deviations ?? [])),
      ...MUTANTS.map((m) => m.signature),
    ];
    expect(stored.length).toBeGreaterThan(400);
    const byKey = new Map(stored.map((s) => [signatureKey(s), s]));
    expect(new Set([...byKey.values()].map(signatureText)).size).toBe(byKey.size);
  });
});
