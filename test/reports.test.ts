/** Reports escape what generated scenarios put in them: bodies may contain anything. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFrom } from '../src/baseline.js';
import { signatureText } from '../src/signature.js';
import { clauseLine, renderConsoleSummary } from '../app/cli/console-report.js';
import { summarize, type ClauseResult, type Report, type Step, type Verdict } from '../src/report.js';
import { renderHtml } from '../src/reports/html.js';
import { renderJunit } from '../src/reports/junit.js';
import { renderMarkdown } from '../src/reports/markdown.js';
import { cell } from '../src/reports/markdown-text.js';
import { REPORTERS, writeReports } from '../src/reports/registry.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { ReferenceTarget } from '../test-targets/reference/reference-target.js';
import { MUTANTS } from './mutants/mutants.js';

const hostile = 'a ``` fence | pipe ]]> cdata <script>x</script> & amp';
const report: Report = {
  tool: 'sse-conformance',
  version: '0',
  target: { name: 'x' },
  seed: 1,
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 5,
  clauses: [
    {
      id: 'sqs.transparency.t',
      title: `Title with | pipe`,
      level: 'MUST',
      sources: [{ fact: 'SQS-15', url: 'https://example.com', evidence: 'DOC' }],
      features: [],
      verdict: 'fail',
      reason: `Body: expected "${hostile}"`,
      runs: 1,
      durationMs: 1,
      counterexample: {
        seed: 1,
        path: '0',
        input: { body: hostile },
        steps: [{ op: 'SendMessage', service: 'sqs', principal: 0, input: { MessageBody: hostile }, observed: { ok: true } }],
      },
    },
  ],
  summary: { pass: 0, fail: 1, 'expected-fail': 0, 'unexpected-pass': 0, 'not-observable': 0, error: 0 },
};

describe('reports', () => {
  it('keeps hostile text inside a longer Markdown fence and escapes table cells', () => {
    const md = renderMarkdown([report]);
    const fence = /\n(`{4,})text\n[\s\S]*?\n\1\n/.exec(md);
    expect(fence, 'a fence of 4+ backticks encloses the counterexample').not.toBeNull();
    expect(fence![0]).toContain(hostile);
    expect(md).toContain('Title with \\| pipe');
  });

  it('produces well-formed JUnit XML whatever the failure text contains', () => {
    const xml = renderJunit([report]);
    expect(xml).toMatch(/<testsuite name="sse-conformance: x"[^>]*failures="1"/);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { testsuites: { testsuite: { testcase: { failure: { '#text': string } } } } };
    // Intact except "]]>", which the JUnit renderer neutralises (see src/reports/junit.ts).
    expect(parsed.testsuites.testsuite.testcase.failure['#text']).toContain(hostile.replace(']]>', ']] >'));
  });
});

/** The cells of a GFM table row, split as GitHub splits them: `\` escapes the next character, an unescaped `|` ends a cell. */
function cellsOf(row: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') cur += row[i]! + (row[++i] ?? '');
    else if (row[i] === '|') cells.push(cur.trim()), (cur = '');
    else cur += row[i];
  }
  cells.push(cur.trim());
  return cells.slice(1, -1);
}

const result = (id: string, verdict: Verdict, reason?: string): ClauseResult => ({
  id,
  title: `the rule of ${id}`,
  level: 'MUST',
  sources: [{ fact: 'SQS-3', url: 'https://example.com', evidence: 'DOC' }],
  features: [],
  verdict,
  runs: 1,
  durationMs: 1,
  ...(reason ? { reason } : {}),
});
const reportOf = (name: string, clauses: ClauseResult[]): Report => ({ ...report, target: { name }, clauses, summary: summarize(clauses) });

describe('the Markdown report of several targets', () => {
  it('is a clause × target matrix: one row per clause, each target its verdict and, when not a pass, its reason', () => {
    const a = reportOf('moto', [
      result('sqs.a.one', 'pass'),
      result('sqs.a.two', 'expected-fail', 'sqs:CreateQueue expected InvalidAttributeName, observed success'),
    ]);
    const b = reportOf('goaws | fork', [
      result('sqs.a.one', 'fail', 'a \\| b, then a pipe | and a backslash \\'),
      result('sqs.a.three', 'not-observable', 'needs at-rest inspection'),
    ]);
    const md = renderMarkdown([a, b]);
    const lines = md.split('\n');
    const head = lines.indexOf('## Clauses × targets');
    expect(head).toBeGreaterThan(0);
    const table = lines.slice(head + 2, lines.indexOf('', head + 2));
    expect(cellsOf(table[0]!)).toEqual(['clause', 'moto', 'goaws \\| fork']);
    expect(table.slice(2).map(cellsOf)).toEqual([
      ['`sqs.a.one`', 'pass', '**fail**: a \\\\\\| b, then a pipe \\| and a backslash \\\\'],
      ['`sqs.a.three`', '—', '**not-observable**: needs at-rest inspection'],
      ['`sqs.a.two`', '**expected-fail**: sqs:CreateQueue expected InvalidAttributeName, observed success', '—'],
    ]);
    // One target: the summary row is enough, no matrix
    expect(renderMarkdown([a])).not.toContain('## Clauses × targets');
  });

  it('escapes table cells as the generated docs do: a backslash before a pipe cannot end the cell', () => {
    const text = 'ends in a backslash \\| then more';
    expect(cellsOf(`| ${cell(text)} | next |`)).toEqual([cell(text), 'next']);
    expect(cellsOf(`| ${text.replace(/\|/g, '\\|')} | next |`), 'escaping the pipe alone is not enough').toHaveLength(3);
  });
});

describe('one step description for every format', () => {
  it('shows the principal, the checked values and the time waited on the console, in Markdown and in HTML', () => {
    const step: Step = {
      op: 'ReceiveMessage',
      service: 'sqs',
      principal: 1,
      input: { QueueUrl: 'queue#0' },
      expected: [{ ok: true, Body: 'b' }],
      observed: { ok: true, Body: 'c', waited: '2.0 s of a 5 s bound, 3 polls, bound reached' },
    };
    const c: ClauseResult = { ...result('sqs.a.one', 'fail', 'Body differs'), counterexample: { seed: 1, path: '0', steps: [step] } };
    const r = reportOf('x', [c]);
    const html = renderHtml([r])
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"');
    for (const [name, text] of [
      ['console', renderConsoleSummary(r)],
      ['markdown', renderMarkdown([r])],
      ['html', html],
    ] as const) {
      expect(text, name).toContain('sqs:ReceiveMessage');
      expect(text, name).toContain('as principal 1');
      expect(text, name).toContain('{"Body":"c"}');
      expect(text, name).toContain('waited 2.0 s of a 5 s bound, 3 polls, bound reached');
      expect(text, name).toContain('[{"ok":true,"Body":"b"}]');
    }
  });
});

describe('console lines', () => {
  it('print the reason of an expected failure once', async () => {
    // Arrange: a variant of the reference that breaks one clause, and a baseline that names its deviation
    const mutant = MUTANTS.find((m) => m.clause === 'sqs.sse-kms.mutual-exclusion-is-rejected')!;
    const clauses = (await loadClauses()).filter((c) => c.id === mutant.clause);
    const first = await runConformance(new ReferenceTarget({ decorate: mutant.decorate }), { clauses, runs: 10 });
    expect(first.clauses[0]!.verdict).toBe('fail');
    // Act
    const again = await runConformance(new ReferenceTarget({ decorate: mutant.decorate }), { clauses, runs: 10, baseline: baselineFrom(first) });
    const line = clauseLine(again.clauses[0]!, 0, 1);
    // Assert
    expect(line).toMatch(/XFAIL/);
    expect(line.split(signatureText(mutant.signature)).length - 1, line).toBe(1);
    expect(line).toMatch(/known deviation: in the baseline since \d{4}-\d{2}-\d{2}/);
  });
});

describe('the report registry', () => {
  it('is what docs/cli.md lists: every format in the run and report rows, and the file --out writes it to', () => {
    const cli = readFileSync(join(PACKAGE_ROOT, 'docs/cli.md'), 'utf8').split('\n');
    const runRow = cli.find((l) => l.startsWith('| `run '))!;
    const reportRow = cli.find((l) => l.startsWith('| `report '))!;
    for (const r of REPORTERS) {
      expect(runRow, r.format).toMatch(new RegExp(`--format [^\`]*\\b${r.format}\\b`));
      expect(runRow, r.file).toContain(r.file);
      expect(reportRow, r.format).toMatch(new RegExp(`--format [^\`]*\\b${r.format}\\b`));
    }
  });

  it('writes every format into the --out folder, each rendered by its own reporter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssec-out-'));
    writeReports(join(dir, 'a', 'b'), [report]);
    expect(readdirSync(join(dir, 'a', 'b')).sort()).toEqual(REPORTERS.map((r) => r.file).sort());
    for (const r of REPORTERS) expect(readFileSync(join(dir, 'a', 'b', r.file), 'utf8'), r.format).toBe(r.render([report]));
    expect(JSON.parse(readFileSync(join(dir, 'a', 'b', 'report.json'), 'utf8'))).toEqual(report);
  });
});
