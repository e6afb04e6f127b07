/**
 * The HTML report in a real browser: headless Chromium from Debian's package (.ci/run installs it),
 * driven by playwright-core. It filters by verdict, opens a failure to its steps, and shows hostile
 * text as text. Without a browser it is reported as not run (test/prerequisites.ts); in CI it fails.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/reports/html.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';
import { MUTANTS } from './mutants/mutants.js';
import { requireOrSkip } from './prerequisites.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the HTML report in headless Chromium', () => {
  it('filters by verdict, opens a failure to its counterexample, and escapes what scenarios generated', async (ctx) => {
    requireOrSkip(ctx, { browser: CHROMIUM });
    // Arrange: the reference, and a buggy variant of it whose Publish ignores key state.
    const clauses = (await loadClauses()).filter((c) => c.id.startsWith('sns.') || c.id.startsWith('kms.key-state.'));
    const good = await runConformance(new ReferenceTarget(), { clauses, runs: 3 });
    const bug = MUTANTS.find((m) => m.clause === 'sns.sse.publish-fails-when-key-unusable')!;
    const buggy = await runConformance(new ReferenceTarget({ decorate: bug.decorate }), { clauses, runs: 10 });
    buggy.target.name = 'buggy <emulator>';
    const failing = buggy.clauses.filter((c) => c.verdict === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    failing[0]!.reason += ' <img src=x onerror="document.title=\'pwned\'">';
    const dir = mkdtempSync(join(tmpdir(), 'ssec-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml([good, buggy]));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      // Assert: everything shown at first, the target name escaped in the header
      await expect.poll(() => page.locator('#shown').textContent()).toBe(`${clauses.length} clauses shown`);
      expect(await page.locator('table.matrix > thead th').allTextContents()).toEqual(['clause', 'reference', 'buggy <emulator>']);
      // Act: filter to failures
      await page.selectOption('#verdict-filter', 'fail');
      const visible = page.locator('tr.clause:not(.hidden)');
      expect(await visible.count()).toBe(failing.length);
      expect(await page.locator('#shown').textContent()).toBe(`${failing.length} clauses shown`);
      const groupOf = (id: string) => id.split('.').slice(0, 2).join('.');
      const inGroup = (g: string) => clauses.filter((c) => groupOf(c.id) === g).length;
      expect(await page.locator('tr.area:not(.hidden)').allTextContents(), 'only groups (of two or more) with a failure keep their heading').toEqual(
        [...new Set(failing.map((c) => groupOf(c.id)))].filter((g) => inGroup(g) > 1),
      );
      // Assert: the reason shows in the cell before anything is opened
      const cell = visible.first().locator('td.v-fail');
      const firstId = await visible.first().locator('td.id code').textContent();
      const firstFailure = failing.find((c) => c.id === firstId)!;
      expect(await cell.locator('.reason').isVisible()).toBe(true);
      expect(await cell.locator('ol.steps').isVisible()).toBe(false);
      expect(await cell.locator('.reason').textContent()).toBe(firstFailure.reason);
      // Act: open the failure
      await cell.locator('summary').click();
      // Assert: its steps, expected vs observed, and the clause's sources are visible
      await expect.poll(() => cell.locator('ol.steps').isVisible()).toBe(true);
      const expectedCells = await cell.locator('.expected').allTextContents();
      expect(expectedCells.join(' ')).toMatch(/KMS\.(Disabled|InvalidState|NotFound)/);
      expect(await cell.locator('.observed').last().textContent()).toMatch(/^success/);
      expect(await cell.locator('ul.sources li').first().textContent()).toMatch(/^(SNS|SQS|KMS|X|CS)-\d+ \[(DOC|MODEL|OBS|INF|SDK)\] https:\/\//);
      // Assert: the injected markup is text, not an element
      expect(await page.locator('td img').count()).toBe(0);
      expect(await page.title()).not.toBe('pwned');
      expect(await cell.locator('.reason').textContent()).toContain('<img src=x');
      // Act, Assert: the feature filter combines with the verdict filter
      await page.selectOption('#verdict-filter', '');
      await page.selectOption('#feature-filter', 'fifo');
      const fifoRows = await page.locator('tr.clause:not(.hidden) td.id code').allTextContents();
      expect(fifoRows.length).toBeGreaterThan(0);
      expect(fifoRows.every((id) => clauses.find((c) => c.id === id)!.features.includes('fifo'))).toBe(true);
      await page.selectOption('#feature-filter', '');
      // Act, Assert: "expand all" opens every failure shown, and closes them again
      await page.selectOption('#verdict-filter', 'fail');
      await page.click('#expand-all');
      const shownDetails = page.locator('tr.clause:not(.hidden) details');
      expect(await shownDetails.count()).toBeGreaterThanOrEqual(failing.length);
      expect(await page.locator('tr.clause:not(.hidden) details[open]').count()).toBe(await shownDetails.count());
      expect(await page.locator('tr.clause:not(.hidden) ol.steps:visible').count()).toBe(failing.length);
      await page.click('#expand-all');
      expect(await page.locator('tr.clause:not(.hidden) details[open]').count()).toBe(0);
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('puts a group heading only over groups of two or more clauses, and fits twice as many clauses on one screen as it used to', async (ctx) => {
    requireOrSkip(ctx, { browser: CHROMIUM });
    // Arrange: every clause on the reference and on two variants that fail some (failing cells are the tall ones)
    const clauses = await loadClauses();
    const variants = MUTANTS.filter((m) => m.clause.startsWith('sqs.sse-kms.') || m.clause.startsWith('sns.sse.')).slice(0, 2);
    const reports = [await runConformance(new ReferenceTarget(), { clauses, runs: 2 })];
    for (const [i, m] of variants.entries()) {
      const r = await runConformance(new ReferenceTarget({ decorate: m.decorate }), { clauses, runs: 10 });
      r.target.name = `variant ${i + 1}`;
      reports.push(r);
    }
    expect(reports.some((r) => r.summary.fail > 0)).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'ssec-html-')), 'report.html');
    writeFileSync(file, renderHtml(reports));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      // Assert: each heading stands over at least two clauses of its group; lone clauses carry none
      const groups = await page.locator('tr.area').evaluateAll((hs) => hs.map((h) => (h as HTMLElement).dataset.group!));
      for (const g of groups) expect(await page.locator(`tr.clause[data-group="${g}"]`).count(), g).toBeGreaterThanOrEqual(2);
      expect(await page.locator('tr.clause.lone').count()).toBeGreaterThan(0);
      // Assert: from the matrix's first row down, one 900-pixel screen holds at least 28 whole clause rows (15 before group headings were dropped over lone clauses and reasons moved into one line)
      const fit = await page.locator('table.matrix').evaluate((table) => {
        const top = table.querySelector('tbody')!.getBoundingClientRect().top;
        return [...table.querySelectorAll('tr.clause')].filter((r) => r.getBoundingClientRect().bottom - top <= 900).length;
      });
      expect(fit).toBeGreaterThanOrEqual(28);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
