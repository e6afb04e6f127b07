/**
 * The baseline file: version 3 holds signatures as data, one line each, and reads back as written; a
 * version 2 file (the same, with an entry's verdict named `observed`) and a version 1 file (text signatures)
 * are still read and written back as version 3; `--write-baseline`
 * merges a run into the file (the clauses that ran are replaced, the others kept, `--prune` drops
 * clauses that no longer exist) and keeps the dates of the entries that stay.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFrom, baselineJson, fromOlderEntries, mergeBaseline, readBaseline, writeBaseline } from '../src/baseline.js';
import { summarize, type ClauseResult, type Report } from '../src/report.js';
import type { Baseline } from '../src/judge.js';
import { signatureText } from '../src/signature.js';

const dir = mkdtempSync(join(tmpdir(), 'ssec-bf-'));
const sig = (operation: string) => ({ service: 'kms' as const, operation, expected: ['KMS.Validation'], observed: 'success' });
const baseline: Baseline = {
  'kms.b': {
    reason: 'b',
    since: '2026-01-02',
    deviations: [sig('CreateAlias'), { rule: 'r', service: 'sqs', operation: 'SendMessage', field: 'bodies at rest' }],
  },
  'kms.a': { reason: 'a', since: '2026-01-01', verdict: 'error', fault: { service: 'sqs', operation: 'CreateQueue', httpStatus: 500, code: 'ProtocolError' } },
  'kms.c': { reason: 'c', since: '2026-01-03', verdict: 'not-observable' },
};

const clause = (id: string, verdict: ClauseResult['verdict'], deviations: string[] = []): ClauseResult => ({
  id,
  title: id,
  level: 'MUST',
  sources: [],
  features: [],
  verdict,
  runs: 1,
  durationMs: 1,
  reason: `${id} ${verdict}`,
  ...(deviations.length
    ? {
        deviations: deviations.map((op) => ({
          signature: signatureText(sig(op)),
          identity: sig(op),
          reason: op,
          counterexample: { seed: 1, path: '0', steps: [] },
        })),
      }
    : {}),
});
const report = (clauses: ClauseResult[]): Report => ({
  tool: 'sse-conformance',
  version: '0',
  target: { name: 't' },
  seed: 1,
  startedAt: '2026-11-26T00:00:00.000Z',
  durationMs: 0,
  clauses,
  summary: summarize(clauses),
});

describe('the baseline file', () => {
  it('is version 3, entries sorted by clause id, each signature on one line, and reads back as written', () => {
    const file = join(dir, 'v3.json');
    writeBaseline(file, baseline);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).version).toBe(3);
    expect(Object.keys(JSON.parse(text).clauses)).toEqual(['kms.a', 'kms.b', 'kms.c']);
    expect(text).toContain('\n        { "service": "kms", "operation": "CreateAlias", "expected": ["KMS.Validation"], "observed": "success" },\n');
    expect(text).toContain('\n        { "rule": "r", "service": "sqs", "operation": "SendMessage", "field": "bodies at rest" }\n');
    expect(text).toContain('"fault": { "service": "sqs", "operation": "CreateQueue", "httpStatus": 500, "code": "ProtocolError" }');
    expect(readBaseline(file)).toEqual(baseline);
    expect(baselineJson(readBaseline(file))).toBe(text);
  });

  it('reads version 1 (text signatures) as the same data, and writes it back as version 3', () => {
    const file = join(dir, 'v1.json');
    const v1 = {
      'kms.b': { ...baseline['kms.b']!, deviations: baseline['kms.b']!.deviations!.map(signatureText) },
      'kms.c': { reason: 'c', since: '2026-01-03', observed: 'not-observable' },
    };
    writeFileSync(file, JSON.stringify(v1));
    expect(readBaseline(file)).toEqual({ 'kms.b': baseline['kms.b'], 'kms.c': baseline['kms.c'] });
    writeBaseline(file, readBaseline(file));
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(3);
    expect(readBaseline(file)).toEqual({ 'kms.b': baseline['kms.b'], 'kms.c': baseline['kms.c'] });
  });

  it('reads version 2 (the verdict of an entry without deviations named observed) as the same data, and writes it back as version 3', () => {
    const file = join(dir, 'v2.json');
    const { verdict: a, ...restA } = baseline['kms.a']!;
    const { verdict: c, ...restC } = baseline['kms.c']!;
    const v2 = { version: 2, clauses: { 'kms.a': { ...restA, observed: a }, 'kms.b': baseline['kms.b'], 'kms.c': { ...restC, observed: c } } };
    writeFileSync(file, JSON.stringify(v2));
    expect(readBaseline(file)).toEqual(baseline);
    writeBaseline(file, readBaseline(file));
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).version).toBe(3);
    expect(text).not.toContain('"observed": "error"');
    expect(text).toContain('"verdict": "error"');
    expect(readBaseline(file)).toEqual(baseline);
  });
});

describe('entries written for an older release', () => {
  it('are read as this version holds them (the vitest adapter takes a baseline object as given): observed becomes verdict, text signatures data', () => {
    const older = {
      'kms.a': { reason: 'a', since: '2026-01-01', observed: 'error' as const, fault: baseline['kms.a']!.fault },
      'kms.b': { ...baseline['kms.b']!, deviations: baseline['kms.b']!.deviations!.map(signatureText) },
      'kms.c': baseline['kms.c']!,
    };
    expect(fromOlderEntries(older)).toEqual(baseline);
    expect(fromOlderEntries(baseline)).toEqual(baseline);
  });
});

describe('--write-baseline merges', () => {
  it('replaces the entries of the clauses that ran, keeps the others with their dates, and drops those that now pass', () => {
    // Arrange: a run of kms.b (now one deviation), kms.c (now passes) and kms.d (new), not kms.a
    const run = report([clause('kms.b', 'fail', ['UpdateAlias']), clause('kms.c', 'pass'), clause('kms.d', 'fail', ['CreateKey'])]);
    // Act
    const fresh = baselineFrom(run, baseline, '2026-11-26');
    const merged = mergeBaseline(baseline, fresh, new Set(['kms.b', 'kms.c', 'kms.d']));
    // Assert
    expect(Object.keys(merged).sort()).toEqual(['kms.a', 'kms.b', 'kms.d']);
    expect(merged['kms.a']).toBe(baseline['kms.a']);
    expect(merged['kms.b']).toMatchObject({ since: '2026-01-02', deviations: [sig('UpdateAlias')] });
    expect(merged['kms.d']).toMatchObject({ since: '2026-11-26', deviations: [sig('CreateKey')] });
  });

  it('with prune, drops the entries of clauses that no longer exist; without, keeps them', () => {
    const fresh = baselineFrom(report([clause('kms.b', 'fail', ['CreateAlias'])]), baseline, '2026-11-26');
    const known = new Set(['kms.b', 'kms.c']);
    expect(Object.keys(mergeBaseline(baseline, fresh, new Set(['kms.b']))).sort()).toEqual(['kms.a', 'kms.b', 'kms.c']);
    expect(Object.keys(mergeBaseline(baseline, fresh, new Set(['kms.b']), { known })).sort()).toEqual(['kms.b', 'kms.c']);
  });
});
