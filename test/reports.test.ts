/** Reports escape what generated scenarios put in them: bodies may contain anything. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { renderJunit } from '../src/reports/junit.js';
import { renderMarkdown } from '../src/reports/markdown.js';

const hostile = 'a ``` fence | pipe ]]> cdata <script>x</script> & amp';
const report: Report = {
  tool: 'sse-conformance', version: '0', target: { name: 'x' }, seed: 1, startedAt: '2026-01-01T00:00:00Z', durationMs: 5,
  clauses: [{
    id: 'sqs.transparency.t', title: `Title with | pipe`, level: 'MUST', sources: [{ fact: 'SQS-15', url: 'https://example.com', evidence: 'DOC' }], features: [], verdict: 'fail',
    reason: `Body: expected "${hostile}"`, runs: 1, durationMs: 1,
    counterexample: { seed: 1, path: '0', input: { body: hostile }, steps: [{ op: 'SendMessage', service: 'sqs', principal: 0, input: { MessageBody: hostile }, observed: { ok: true } }] },
  }],
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
