/**
 * sse-conformance/vitest, seen the way its users see it: the fixture (test/vitest-fixture/) is run
 * by a vitest of its own, and what vitest reports for each test is checked: one test per clause, a
 * not-observable clause skipped with its reason, a baselined deviation or target fault an expected failure (it.fails),
 * a failure's message with the clause, seed and path, replay command and steps.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import type { TestOutcome } from './vitest-fixture/summary-reporter.js';

const ID = 'sqs.sse-kms.key-policy-deny-refuses-send';

it('turns clauses into vitest tests: skipped with the reason, expected failures, failures that say how to replay', () => {
  // Arrange
  const summary = join(mkdtempSync(join(tmpdir(), 'ssec-vitest-')), 'summary.json');
  const vitest = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');
  // Act
  const r = spawnSync(
    process.execPath,
    [vitest, 'run', '--config', 'test/vitest-fixture/vitest.config.ts', '--reporter=./test/vitest-fixture/summary-reporter.ts'],
    {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, SSE_VITEST_SUMMARY: summary, CI: 'true' },
      timeout: 180_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  // Assert
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1); // two tests are meant to fail
  const rows = JSON.parse(readFileSync(summary, 'utf8')) as TestOutcome[];
  const row = (suite: string, id: string) => rows.find((x) => x.name === `${suite} > ${id}`)!;
  expect(rows.map((x) => x.name).sort()).toEqual(
    [
      ...['baselined', 'kms-only', 'no-baseline', 'other-baseline'].flatMap((s) => [`${s} > kms.aliases.alias-name-rules`, `${s} > ${ID}`]),
      `faulted > ${ID}`,
      `other-fault > ${ID}`,
    ].sort(),
  );
  // A clause the target cannot observe is skipped, never passed, and says why.
  expect(row('kms-only', ID)).toMatchObject({ state: 'skipped', note: 'not observable: reference lacks Amazon SQS' });
  expect(row('kms-only', 'kms.aliases.alias-name-rules').state).toBe('passed');
  // The deviations the baseline names: an expected failure, as it.fails shows it.
  expect(row('baselined', ID)).toMatchObject({ state: 'passed', fails: true, errors: [] });
  expect(row('baselined', 'kms.aliases.alias-name-rules')).toMatchObject({ state: 'passed', fails: false });
  // Without a baseline: a failure whose message is the whole story.
  const failed = row('no-baseline', ID);
  expect(failed).toMatchObject({ state: 'failed', fails: false });
  const message = failed.errors.join('\n');
  expect(message).toContain(`${ID} (MUST)`);
  expect(message).toContain('fail: sqs:SendMessage expected KMS.AccessDenied, observed success');
  expect(message).toMatch(/counterexample \(seed \d+, path [\d:]+\):/);
  expect(message).toMatch(new RegExp(`replay: sse-conformance replay ${ID.replace(/\./g, '\\.')} --seed \\d+ --path [\\d:]+ --target reference`));
  expect(message).toMatch(/ {2}1\. kms:CreateKey/);
  expect(message).toMatch(/\d\. sqs:SendMessage as principal 1 .*\n {7}observed success\n {7}expected .*KMS\.AccessDenied/);
  // A deviation the baseline does not name fails the expected-failure test, with the story as an annotation.
  const unnamed = row('other-baseline', ID);
  expect(unnamed).toMatchObject({ state: 'failed', fails: true });
  expect(unnamed.annotations.join('\n')).toContain('a deviation the baseline does not name: sqs:SendMessage expected KMS.AccessDenied, observed success');
  expect(unnamed.annotations.join('\n')).toContain(`replay: sse-conformance replay ${ID}`);
  // The target fault the baseline names: an expected error, as it.fails shows it; another fault fails that test.
  expect(row('faulted', ID)).toMatchObject({ state: 'passed', fails: true, errors: [] });
  const otherFault = row('other-fault', ID);
  expect(otherFault).toMatchObject({ state: 'failed', fails: true });
  expect(otherFault.annotations.join('\n')).toContain('error: reference (faults: serverErrorRate=1 seed=1): kms CreateKey answered HTTP 500');
  expect(otherFault.annotations.join('\n')).toContain('the baseline names another fault: kms:Encrypt answered HTTP 500 Unmapped:KMSInternalException');
}, 200_000);
