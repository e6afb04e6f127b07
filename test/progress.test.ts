/** Progress: rewritten in place on a terminal, one plain line per clause elsewhere. */
import { describe, expect, it } from 'vitest';
import { Progress } from '../app/cli/progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, out: { isTTY, columns: 80, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream };
}

describe('progress', () => {
  it('shows clause n of m, the current clause and failures so far on a terminal, rewriting one line', () => {
    const { chunks, out } = stream(true);
    const p = new Progress(out);
    p.start('sqs.a', 0, 2);
    p.end('[1/2] FAIL  sqs.a', 'fail');
    p.start('sqs.b', 1, 2);
    expect(chunks[0]).toMatch(/^\r\x1b\[2Kclause 1 of 2 · sqs\.a · \d+s · 0 failing$/);
    expect(chunks[1]).toBe('\r\x1b[2K[1/2] FAIL  sqs.a\n');
    expect(chunks[2]).toMatch(/clause 2 of 2 · sqs\.b · \d+s · 1 failing$/);
  });

  it('stays quiet and line-oriented when not a terminal (CI)', () => {
    const { chunks, out } = stream(false);
    const p = new Progress(out);
    p.start('sqs.a', 0, 1);
    p.end('[1/1] PASS  sqs.a', 'pass');
    expect(chunks).toEqual(['[1/1] PASS  sqs.a\n']);
  });
});
