/** A report counts its verdicts per level (issue 23 §3): a wording difference (OBSERVED) is told apart from broken behaviour (MUST). */
import { describe, expect, it } from 'vitest';
import { renderConsoleSummary } from '../app/cli/console-report.js';
import { summarize, summarizeByLevel, type ClauseResult, type Report, type Verdict } from '../src/report.js';
import { renderMarkdown } from '../src/reports/markdown.js';

const clause = (id: string, level: ClauseResult['level'], verdict: Verdict): ClauseResult => ({
  id,
  title: id,
  level,
  sources: [],
  features: [],
  verdict,
  runs: 1,
  durationMs: 1,
});
const clauses = [
  clause('a.must.pass', 'MUST', 'pass'),
  clause('a.must.fail', 'MUST', 'fail'),
  clause('a.must.fail2', 'MUST', 'fail'),
  clause('a.should.xfail', 'SHOULD', 'expected-fail'),
  clause('a.observed.fail', 'OBSERVED', 'fail'),
];
const report: Report = {
  tool: 'sse-conformance',
  version: '0',
  target: { name: 'x' },
  seed: 1,
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 5,
  clauses,
  summary: summarize(clauses),
};

describe('verdicts per level', () => {
  it('counts each level apart, and the levels add up to the summary', () => {
    const byLevel = summarizeByLevel(report);
    expect(byLevel.MUST).toMatchObject({ pass: 1, fail: 2 });
    expect(byLevel.SHOULD).toMatchObject({ 'expected-fail': 1, fail: 0 });
    expect(byLevel.OBSERVED).toMatchObject({ fail: 1, pass: 0 });
    for (const v of Object.keys(report.summary) as Verdict[]) expect(byLevel.MUST[v] + byLevel.SHOULD[v] + byLevel.OBSERVED[v], v).toBe(report.summary[v]);
  });

  it('shows on the console and in Markdown', () => {
    expect(renderConsoleSummary(report)).toContain('by level: MUST: 1 pass, 2 fail · SHOULD: 1 expected-fail · OBSERVED: 1 fail');
    expect(renderMarkdown([report])).toContain('| x | 1 pass, 2 fail | 1 expected-fail | 1 fail |');
  });
});
