/** The parser of specs/facts.md: what it takes from a fact, what it leaves as a problem, and GitHub's anchors. */
import { describe, expect, it } from 'vitest';
import { githubAnchor, parseFacts } from '../src/facts.js';

const DOC = [
  '# Facts',
  '',
  '```',
  '### SQS-99 An example inside a fence',
  '- **Behaviour:** not a fact',
  '```',
  '',
  '## Amazon SQS',
  '',
  '### SQS-1 Three modes',
  '- **Behaviour:** A queue is unencrypted, SSE-SQS or SSE-KMS,',
  '  never two at once.',
  '- **Source:** <https://docs.aws.amazon.com/a.html> (section); [recording](https://github.com/x/y/blob/main/z.json)',
  '- **Evidence:** DOC, OBS',
  '- **Undocumented:** nothing known.',
  '- **Observable:** On every target.',
  '',
  '### KMS-2 Broken',
  '- **Behavior:** misspelt label',
  '- **Evidence:** DOC',
  '- **Evidence:** MODEL',
  'stray text',
  '',
  '## Other',
  'text after a section heading belongs to no fact',
].join('\n');

describe('parseFacts', () => {
  const facts = parseFacts(DOC);

  it('finds the facts under ### headings with an id, and not the example in a code fence', () => {
    expect(facts.map((f) => f.id)).toEqual(['SQS-1', 'KMS-2']);
    expect(facts[0]!.title).toBe('Three modes');
    expect(facts[0]!.line).toBe(10);
  });

  it('takes each labelled line with its indented continuation, the source URLs and the evidence codes', () => {
    const f = facts[0]!;
    expect(f.fields.Behaviour).toBe('A queue is unencrypted, SSE-SQS or SSE-KMS,\nnever two at once.');
    expect(f.sources).toEqual(['https://docs.aws.amazon.com/a.html', 'https://github.com/x/y/blob/main/z.json']);
    expect(f.evidence).toEqual(['DOC', 'OBS']);
    expect(f.fields.Observable).toBe('On every target.');
    expect(f.problems).toEqual([]);
  });

  it('reports an unknown label, a repeated one and stray text instead of guessing', () => {
    expect(facts[1]!.problems).toEqual([
      'line 19: unknown label "Behavior"',
      'line 21: "Evidence" given twice',
      'line 22: text outside a labelled line: stray text',
    ]);
    expect(facts[1]!.evidence).toEqual(['DOC']);
  });
});

describe('githubAnchor', () => {
  it.each([
    ['SQS-11 KMS errors of SendMessage, SendMessageBatch and ReceiveMessage', 'sqs-11-kms-errors-of-sendmessage-sendmessagebatch-and-receivemessage'],
    [
      'SNS-9 A publisher needs kms:GenerateDataKey and kms:Decrypt on the topic key',
      'sns-9-a-publisher-needs-kmsgeneratedatakey-and-kmsdecrypt-on-the-topic-key',
    ],
    ['KMS-4 The deletion waiting period is 7 to 30 days', 'kms-4-the-deletion-waiting-period-is-7-to-30-days'],
    // github-slugger keeps hyphens and underscores, drops other punctuation and symbols, keeps non-Latin letters
    ['A -- B (c) d_e', 'a----b-c-d_e'],
    ['Grüße 你好 😄', 'grüße-你好-'],
  ])('%s → #%s', (heading, anchor) => {
    expect(githubAnchor(heading)).toBe(anchor);
  });
});
