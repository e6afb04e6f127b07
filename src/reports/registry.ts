/**
 * Every report format in one place: its name for `--format`, the file `--out` writes it to, and its
 * renderer. The CLI's format choices, its help text and the files `--out` writes all come from here,
 * so a new format is one entry (and its renderer in its own file).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Report } from '../report.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { writeOutputFile } from '../write-file.js';

export interface Reporter {
  /** The value of `--format`. */
  format: string;
  /** The file name `--out DIR` writes it to. */
  file: string;
  /** Renders one report, or several targets side by side. */
  render(reports: Report[]): string;
}

/** One report as the object the schema describes; several as an array of them. */
const renderJson = (reports: Report[]) => JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n';

export const REPORTERS: readonly Reporter[] = [
  { format: 'json', file: 'report.json', render: renderJson },
  { format: 'junit', file: 'junit.xml', render: renderJunit },
  { format: 'markdown', file: 'report.md', render: renderMarkdown },
  { format: 'html', file: 'report.html', render: renderHtml },
];

export const REPORT_FORMATS: readonly string[] = REPORTERS.map((r) => r.format);

export function reporter(format: string): Reporter {
  const r = REPORTERS.find((x) => x.format === format);
  if (!r) throw new Error(`no reporter for format "${format}" (known: ${REPORT_FORMATS.join(', ')})`);
  return r;
}

/** "report.json, junit.xml, report.md and report.html", for help texts. */
export function reportFileList(): string {
  const files = REPORTERS.map((r) => r.file);
  return files.length > 1 ? `${files.slice(0, -1).join(', ')} and ${files.at(-1)!}` : files.join('');
}

/**
 * Creates a folder and its missing parents one at a time: Node's recursive mkdirSync never returns
 * for some paths it cannot create (under /proc it spun at full CPU).
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
    d = dirname(d);
  }
  for (const m of missing) mkdirSync(m);
}

/** Writes every format into `dir`, each to its own file. */
export function writeReports(dir: string, reports: Report[]): void {
  ensureDir(dir);
  for (const r of REPORTERS) writeOutputFile(join(dir, r.file), r.render(reports));
}
