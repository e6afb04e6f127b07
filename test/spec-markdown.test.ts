/** docs/spec.md links each source to its fact in specs/facts.md, under the fact's title. */
import { describe, expect, it } from 'vitest';
import { defineClause, type Clause } from '../src/clause.js';
import { FACTS_LINK, renderSpecMarkdown } from '../app/docs/spec-markdown.js';
import { parseFacts, readFacts } from '../src/facts.js';
import { loadClauses } from '../src/spec-loader.js';

const FACTS = parseFacts(['### SQS-3 Setting a KMS key together with SSE-SQS is rejected', '- **Behaviour:** …'].join('\n'));

function clause(sources: Clause['sources']): Clause {
  return defineClause({
    id: 'sqs.x.y',
    title: 'A title',
    level: 'MUST',
    theme: 'configuration',
    sources,
    features: ['sqs'],
    generates: 'anything at all',
    arbitrary: undefined as never,
    scenario: async () => {},
  });
}

describe('renderSpecMarkdown', () => {
  it("links a source to its fact's anchor with the fact's title, one line per fact with each page", () => {
    const md = renderSpecMarkdown(
      [
        clause([
          { fact: 'SQS-3', url: 'https://example.com/a', evidence: 'OBS' },
          { fact: 'SQS-3', url: 'https://example.com/b', evidence: 'DOC' },
        ]),
      ],
      FACTS,
    );
    expect(md).toContain(
      `  - [SQS-3 Setting a KMS key together with SSE-SQS is rejected](${FACTS_LINK}#sqs-3-setting-a-kms-key-together-with-sse-sqs-is-rejected): [OBS](https://example.com/a), [DOC](https://example.com/b)\n`,
    );
  });

  it('names a fact that is not in the fact base instead of linking nowhere', () => {
    const md = renderSpecMarkdown([clause([{ fact: 'SQS-999', url: 'https://example.com/a', evidence: 'DOC' }])], FACTS);
    expect(md).toContain('  - SQS-999 (not in specs/facts.md): [DOC](https://example.com/a)');
    expect(md).not.toContain('#sqs-999');
  });

  it('links every source of the real specification to a heading of specs/facts.md', async () => {
    const facts = readFacts();
    const anchors = new Set(facts.map((f) => f.anchor));
    const md = renderSpecMarkdown(await loadClauses(), facts);
    const links = [...md.matchAll(/\]\(\.\.\/specs\/facts\.md#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(30);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
  });
});
