/**
 * `sse-conformance diff A.json B.json` as a user runs it: two runs of the reference with different
 * clause selections, and a crafted B with a deviation A lacks (exit 1), and files that are not reports (exit 2).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { cli } from './cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'ssec-diff-'));
const file = (name: string) => join(dir, name);
const ID = 'kms.aliases.alias-name-rules';
const SIG = '[too-long] kms:CreateAlias expected KMS.Validation, observed success';

beforeAll(() => {
  for (const [name, clauses] of [
    ['a.json', ['kms.aliases.*']],
    ['b.json', ['kms.aliases.*', 'sqs.sse-sqs.*']],
  ] as const) {
    const r = cli(['run', ...clauses.flatMap((c) => ['--clause', c]), '--runs', '2', '--format', 'json'], { timeout: 60_000 });
    expect(r.code, r.err).toBe(0);
    writeFileSync(file(name), r.out);
  }
  // B as a target that accepts a too-long alias name would report it.
  const a = JSON.parse(readFileSync(file('a.json'), 'utf8')) as Report;
  const counterexample = {
    seed: 1,
    path: '0',
    input: 'too-long',
    steps: [
      {
        op: 'CreateAlias',
        service: 'kms' as const,
        principal: 0,
        input: { AliasName: 'alias/<run>-aaaa', TargetKeyId: 'key#0' },
        observed: { ok: true },
        expected: [{ ok: false, code: 'KMS.Validation' }],
      },
    ],
  };
  const clauses = a.clauses.map((c) =>
    c.id === ID ? { ...c, verdict: 'fail' as const, reason: SIG, counterexample, deviations: [{ signature: SIG, reason: SIG, counterexample }] } : c,
  );
  writeFileSync(
    file('deviant.json'),
    JSON.stringify({ ...a, target: { name: 'deviant' }, clauses, summary: { ...a.summary, pass: a.summary.pass - 1, fail: 1 } }),
  );
}, 180_000);

describe('sse-conformance diff', () => {
  it('two runs with different selections: the extra clauses are only in B, nothing new, exit 0', () => {
    const r = cli(['diff', file('a.json'), file('b.json')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^A: .*a\.json: reference, sse-conformance \S+, seed 20261123, \d+ clauses/);
    const [a, b] = ['a.json', 'b.json'].map((n) => (JSON.parse(readFileSync(file(n), 'utf8')) as Report).clauses.map((c) => c.id));
    const extra = b!.filter((id) => !a!.includes(id)).sort();
    expect(extra.length).toBeGreaterThan(0);
    expect(r.out).toContain(`\nOnly in B (${extra.length}):\n${extra.map((id) => `  ${id}: pass\n`).join('')}\n`);
    expect(r.out).toMatch(
      new RegExp(
        `\\n0 deviations in B not in A, 0 in A not in B, 0 clauses changed, 0 not compared, 0 only in A, ${extra.length} only in B, ${a!.length} unchanged\\n$`,
      ),
    );
  });

  it('a deviation B has and A does not: named with its place for replay, exit 1; the other way round it is lost, exit 0', () => {
    const gained = cli(['diff', file('a.json'), file('deviant.json')]);
    expect(gained.code, gained.err).toBe(1);
    expect(gained.out).toContain(`Changed (1):\n  ${ID}: pass → fail\n    + ${SIG}  (deviation 1 in B)\n`);
    expect(gained.out).toContain(`Replay one: sse-conformance replay ${file('deviant.json')} CLAUSE --deviation N`);
    const lost = cli(['diff', file('deviant.json'), file('a.json')]);
    expect(lost.code).toBe(0);
    expect(lost.out).toContain(`  ${ID}: fail → pass\n    - ${SIG}  (deviation 1 in A)\n`);
    // The place given is the one replay takes (the reference does not reproduce a crafted deviation).
    const replay = cli(['replay', file('deviant.json'), ID, '--deviation', '1', '--target', 'reference']);
    expect(replay.out, replay.err).toMatch(/^Replay of kms\.aliases\.alias-name-rules \(seed 1, path 0\)/);
  });

  it('writes Markdown for a pull request with --format markdown', () => {
    const r = cli(['diff', file('a.json'), file('deviant.json'), '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^# sse-conformance diff\n\n\*\*1 deviation in B not in A, 0 in A not in B, 1 clause changed/);
    expect(r.out).toContain(`- \`${ID}\`: pass → **fail**\n  - gained: \`${SIG}\` (deviation 1 in B)`);
  });

  it('refuses a file that is not a report with one line naming where, exit 2', () => {
    const report = JSON.parse(readFileSync(file('b.json'), 'utf8')) as Report;
    (report.clauses[3] as { verdict: string }).verdict = 'passed';
    writeFileSync(file('bad.json'), JSON.stringify(report));
    const bad = cli(['diff', file('a.json'), file('bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /^sse-conformance: cannot read report .*bad\.json: not an sse-conformance JSON report: clauses\[3\]\.verdict: expected one of "pass"\|/,
    );
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.out).toBe('');
    const missing = cli(['diff', file('nope.json'), file('a.json')]);
    expect([missing.code, missing.err.trim()]).toEqual([2, `sse-conformance: cannot read report ${file('nope.json')}: no such file`]);
    expect(cli(['diff', file('a.json')]).code).toBe(2);
  });
});
