/** The built CLI as a user runs it: a child process, its output and its exit code. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as run } from './cli-runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { TARGET_MODULES } from '../test-targets/registry.js';

const cli = (...args: string[]) => run(args);

describe('sse-conformance CLI', () => {
  it('lists the specification as JSON without running anything', () => {
    const r = cli('list', '--format', 'json');
    expect(r.code).toBe(0);
    const clauses = JSON.parse(r.out) as { id: string; sources: { fact: string; url: string }[] }[];
    expect(clauses.length).toBeGreaterThanOrEqual(30);
    expect(clauses.every((c) => c.sources.length > 0)).toBe(true);
  });

  it('runs selected clauses against the reference and prints a JSON report with exit code 0', () => {
    const r = cli('run', '--target', 'reference', '--clause', 'sqs.sse-kms.*', '--runs', '3', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ tool: 'sse-conformance', target: { name: 'reference' }, seed: 20261123 });
    expect(report.clauses.length).toBeGreaterThan(5);
    expect(report.clauses.every((c: { id: string; verdict: string }) => c.id.startsWith('sqs.sse-kms.') && c.verdict === 'pass')).toBe(true);
    expect(report.summary.pass).toBe(report.clauses.length);
  });

  it('gives the same scenarios for the same seed', () => {
    const a = JSON.parse(cli('run', '--clause', 'model-based.*', '--runs', '5', '--seed', '7', '--format', 'json').out);
    const b = JSON.parse(cli('run', '--clause', 'model-based.*', '--runs', '5', '--seed', '7', '--format', 'json').out);
    const strip = (r: { clauses: { durationMs?: number }[] }) => r.clauses.map(({ durationMs: _d, ...rest }) => rest);
    expect(strip(a)).toEqual(strip(b));
  });

  it('refuses to touch an AWS account without an allow-list: a configuration error, exit code 2, nothing run', () => {
    const env = { ...process.env, SSE_CONFORMANCE_ALLOWED_ACCOUNTS: '' };
    const r = run(['run', '--target', 'aws', '--clause', 'sqs.sse-sqs.enabled-by-default'], { env });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sse-conformance: refusing to run against AWS without an allow-list: pass --allow-account ACCOUNT_ID/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it("run --help lists every target with its description, and gives the seed's default once", () => {
    const r = cli('run', '--help');
    expect(r.code).toBe(0);
    const targets = r.out.slice(r.out.indexOf('Targets (--target):'));
    for (const m of TARGET_MODULES) {
      const start = m.about.description
        .split(' ')
        .slice(0, 3)
        .join(' ')
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(targets, m.name).toMatch(new RegExp(`^  ${m.name} +${start}`, 'm'));
    }
    const seed = r.out.slice(r.out.indexOf('--seed <n>'), r.out.indexOf('--concurrency'));
    expect(seed.match(/default/g), seed).toHaveLength(1);
  });

  it('estimates KMS requests with the documented formulas', () => {
    expect(cli('estimate-kms-cost', '--service', 'sns', '--period', '2678400', '--producers', '1').out).toMatch(/= 17,856 KMS requests/);
    expect(cli('estimate-kms-cost', '--service', 'sqs', '--period', '2678400', '--reuse', '300', '--producers', '1', '--consumers', '1').out).toMatch(
      /= 26,784 KMS requests/,
    );
    const s3 = cli('estimate-kms-cost', '--service', 's3', '--writes', '100', '--reads', '100', '--requesters', '2').out;
    expect(s3).toMatch(/without S3 Bucket Keys: R = W \+ G = 100 \+ 100 = 200 KMS requests/);
    expect(s3).toMatch(/with S3 Bucket Keys: at least 2 per bucket and KMS key .* at most 200/);
  });

  it('explains a clause: sentence, sources, what it generates, verdict per target', () => {
    const r = cli('explain', 'sqs.sse-kms.mutual-exclusion-is-rejected');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/InvalidAttributeName/);
    expect(r.out).toMatch(/SQS-3 \[OBS\] https:\/\//);
    expect(r.out).toMatch(/reference\s+pass/);
    expect(r.out).toMatch(/moto\s+known deviation since \d{4}-\d{2}-\d{2}: sqs:SetQueueAttributes expected InvalidAttributeName/);
  });

  it("replays a counterexample from a report exactly, against the report's target or another", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-'));
    const report = join(dir, 'report.json');
    const id = 'sqs.sse-kms.mutual-exclusion-is-rejected';
    expect(cli('run', '--target', 'moto', '--no-baseline', '--clause', id, '--format', 'json', '--out', dir).code).toBe(1);
    const onMoto = cli('replay', report, id);
    expect(onMoto.code).toBe(1);
    expect(onMoto.out).toMatch(/^Replay of .* reproduced \(fail\)/);
    expect(onMoto.out).toMatch(/expected \[\{"ok":false,"code":"InvalidAttributeName"\}\]/);
    const onReference = cli('replay', report, id, '--target', 'reference');
    expect(onReference.code).toBe(0);
    expect(onReference.out).toMatch(/did not reproduce/);
  });

  it('writes JSON, JUnit and Markdown reports, and merges shards of one run into one report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-'));
    const listed = JSON.parse(cli('list', '--format', 'json').out) as { id: string }[];
    const [kms, sseSqs] = ['kms.', 'sqs.sse-sqs.'].map((prefix) => listed.filter((c) => c.id.startsWith(prefix)).length);
    expect(cli('run', '--clause', 'kms.*', '--runs', '2', '--out', join(dir, 'a'), '--format', 'junit').code).toBe(0);
    expect(cli('run', '--clause', 'sqs.sse-sqs.*', '--runs', '2', '--out', join(dir, 'b')).code).toBe(0);
    const junit = readFileSync(join(dir, 'a', 'junit.xml'), 'utf8');
    expect(junit).toMatch(new RegExp(`<testsuite name="sse-conformance: reference"[^>]* tests="${kms}" failures="0"`));
    expect(readFileSync(join(dir, 'a', 'report.md'), 'utf8')).toMatch(new RegExp(`\\| reference \\| ${kms} \\| 0 \\|`));
    const merged = cli('report', join(dir, 'a', 'report.json'), join(dir, 'b', 'report.json'), '--format', 'json');
    expect(merged.code).toBe(0);
    const reports = JSON.parse(merged.out);
    expect(reports.summary.pass).toBe(kms + sseSqs);
    expect(reports.clauses).toHaveLength(kms + sseSqs);
  });

  it('reads settings from a config file, lets flags override them, and reports each problem with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-cfg-'));
    writeFileSync(join(dir, 'sse-conformance.config.json'), JSON.stringify({ target: 'reference', clauses: ['kms.key-state.*'], runs: 2, seed: 5 }));
    const fromFile = run(['run', '--format', 'json'], { cwd: dir });
    expect(fromFile.code, fromFile.err).toBe(0);
    const report = JSON.parse(fromFile.out);
    expect(report.seed).toBe(5);
    expect(report.clauses.map((c: { id: string }) => c.id).every((id: string) => id.startsWith('kms.key-state.'))).toBe(true);
    // --runs counts generated inputs; a clause's fixed examples come on top of them.
    const examples = new Map((await loadClauses()).map((c) => [c.id, c.examples?.length ?? 0]));
    expect(report.clauses.every((c: { id: string; runs: number }) => c.runs <= 2 + examples.get(c.id)!)).toBe(true);
    const overridden = JSON.parse(run(['run', '--format', 'json', '--seed', '9', '--clause', 'sqs.sse-sqs.enabled-by-default'], { cwd: dir }).out);
    expect([overridden.seed, overridden.clauses.length]).toEqual([9, 1]);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ target: 'nowhere', runs: 0, allowAccounts: ['12'], endpoint: { sqs: 'not a url' }, colour: 'blue' }));
    const bad = run(['run', '--config', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    for (const path of ['target:', 'runs:', 'allowAccounts[0]: a 12-digit AWS account ID', 'endpoint']) expect(bad.err).toContain(path);
    expect(bad.err).toMatch(/Unrecognized key: "colour"/);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    expect(run(['run', '--config', join(dir, 'broken.json')]).err).toMatch(/cannot read config .*broken\.json: not JSON/);
  });

  it('splits a run into shards that together cover every selected clause once', () => {
    const ids = (shard: string) =>
      JSON.parse(run(['run', '--clause', 'kms.*', '--runs', '1', '--shard', shard, '--format', 'json']).out).clauses.map((c: { id: string }) => c.id);
    const a = ids('1/2');
    const b = ids('2/2');
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect([...a, ...b].sort()).toEqual(
      JSON.parse(run(['run', '--clause', 'kms.*', '--runs', '1', '--format', 'json']).out)
        .clauses.map((c: { id: string }) => c.id)
        .sort(),
    );
    expect(run(['run', '--shard', '3/2']).err).toMatch(/--shard must be i\/n/);
  });

  it('--write-baseline merges: the clauses that ran are replaced, the others kept as they were; --prune drops clauses that no longer exist', () => {
    // Arrange: a baseline with an entry for the clause that runs (the reference passes it), one that does not run, and one of a clause that is gone
    const dir = mkdtempSync(join(tmpdir(), 'ssec-wb-'));
    const file = join(dir, 'baseline.json');
    const entry = (since: string) => ({
      reason: 'r',
      since,
      deviations: [{ service: 'sqs', operation: 'CreateQueue', expected: ['success'], observed: 'KMS.Disabled' }],
    });
    const before = {
      'sqs.sse-sqs.enabled-by-default': entry('2026-01-01'),
      'kms.aliases.alias-name-rules': entry('2026-01-02'),
      'kms.gone.clause': entry('2026-01-03'),
    };
    writeFileSync(file, JSON.stringify({ version: 2, clauses: before }));
    const write = (...more: string[]) => cli('run', '--clause', 'sqs.sse-sqs.enabled-by-default', '--runs', '2', '--write-baseline', file, ...more);
    // Act, assert: without --prune
    const r = write();
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`${file} keeps an entry of clauses no longer in the specification (kms.gone.clause); --prune drops them`);
    // (A version 2 file is written back as version 3.)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 3,
      clauses: { 'kms.aliases.alias-name-rules': before['kms.aliases.alias-name-rules'], 'kms.gone.clause': before['kms.gone.clause'] },
    });
    // With --prune
    expect(write('--prune').code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 3, clauses: { 'kms.aliases.alias-name-rules': before['kms.aliases.alias-name-rules'] } });
    // A malformed file is refused before anything runs, in one line; so is --prune without a file.
    writeFileSync(file, JSON.stringify({ version: 3, clauses: { x: { reason: 'r', since: 's', deviations: ['old text'] } } }));
    const bad = write();
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /^sse-conformance: cannot read baseline .*baseline\.json: not an sse-conformance baseline: clauses\.x\.deviations\[0\]: expected object, received string$/m,
    );
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.out).toBe('');
    expect(cli('run', '--prune').err).toMatch(/--prune drops entries from the file of --write-baseline/);
  });

  it.each([
    [['report', '/nonexistent.json'], /cannot read report/],
    [['explain', 'no.such.clause'], /unknown clause "no.such.clause"/],
    [['estimate-kms-cost', '--service', 'sqs', '--period', '60', '--reuse', '30', '--producers', '1'], /--reuse must be between 60 and 86400/],
    [['estimate-kms-cost', '--service', 'sns', '--period', '60', '--reuse', '60', '--producers', '1'], /fixed 300 seconds/],
    [['estimate-kms-cost', '--service', 's3', '--writes', '5'], /--service s3 needs --reads/],
    [['estimate-kms-cost', '--service', 's3', '--writes', '5', '--reads', '1', '--period', '60'], /--period does not apply to --service s3/],
    [['estimate-kms-cost', '--service', 'sqs', '--producers', '1'], /--service sqs needs --period/],
    [['replay', '/nonexistent/report.json', 'x'], /cannot read report/],
    [['run', '--target', 'nowhere'], /unknown target "nowhere"/],
    [['run', '--clause', 'no.such.*'], /no clause matches/],
    [['run', '--runs', 'many'], /--runs must be a whole number from 1 to 10000/],
    [['run', '--format', 'yaml'], /Allowed choices are console, json/],
  ])('refuses %j with a clear message and exit code 2', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });
});
