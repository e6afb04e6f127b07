/**
 * `npx tsx scripts/report-screenshot.ts OUT.png REPORT.json... [--open CLAUSE-ID]`: the README's
 * picture of the HTML report, taken from real JSON reports (one per target, merged as `report`
 * merges them) in Debian's headless Chromium through playwright-core, one 1400 × 900 screen.
 * `--open` opens the first cell of that clause that is not a pass, to show a counterexample.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readReport } from '../app/cli/read-report.js';
import { mergeShards } from '../src/reports/merge.js';
import { reporter } from '../src/reports/registry.js';

const args = process.argv.slice(2);
const openAt = args.indexOf('--open');
const open = openAt >= 0 ? args.splice(openAt, 2)[1] : undefined;
const [out, ...files] = args;
if (!out?.endsWith('.png') || files.length === 0) {
  console.error('usage: tsx scripts/report-screenshot.ts OUT.png REPORT.json... [--open CLAUSE-ID]');
  process.exit(2);
}
const html = join(mkdtempSync(join(tmpdir(), 'ssec-shot-')), 'report.html');
writeFileSync(html, reporter('html').render(mergeShards(files.map(readReport))));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(pathToFileURL(html).href);
  if (open) {
    const row = page.locator('tr.clause').filter({ has: page.locator('td.id code', { hasText: open }) });
    await row.locator('td:not(.v-pass):not(.id) summary').first().click();
  }
  await page.screenshot({ path: out });
  console.log(`wrote ${out} from ${files.join(', ')}`);
} finally {
  await browser.close();
}
