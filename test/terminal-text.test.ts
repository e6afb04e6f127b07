/** What reaches a terminal (src/terminal-text.ts): control and bidi characters escaped, credentials in URLs redacted. */
import { describe, expect, it } from 'vitest';
import { hasControlCharacters, quoted, redactCredentials, terminalText } from '../src/terminal-text.js';

describe('terminalText', () => {
  it('escapes ESC sequences, OSC titles, BEL, CR, DEL and C1 controls, keeping newlines and tabs', () => {
    expect(terminalText('a\x1b[31mred\x1b[0m')).toBe('a\\u001b[31mred\\u001b[0m');
    expect(terminalText('\x1b]0;pwned\x07')).toBe('\\u001b]0;pwned\\u0007');
    expect(terminalText('over\rwrite\x7f\x9b')).toBe('over\\rwrite\\u007f\\u009b');
    expect(terminalText('line 1\n\tline 2\n')).toBe('line 1\n\tline 2\n');
  });

  it('escapes every bidi control and the line separators', () => {
    const bidi = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029';
    const shown = terminalText(bidi);
    expect(hasControlCharacters(shown)).toBe(false);
    expect(shown).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c\\u2028\\u2029');
  });

  it('on one line also escapes newlines and tabs, and cuts a long text', () => {
    expect(terminalText('a\nb\tc', { oneLine: true })).toBe('a\\nb\\tc');
    const long = terminalText('x'.repeat(70_000), { oneLine: true });
    expect(long.length).toBeLessThan(300);
    expect(long).toMatch(/70,000 characters/);
  });

  it('keeps the meaning of JSON it escapes', () => {
    const json = JSON.stringify({ id: 'a\u202eb\x7f\x85', n: 1 });
    expect(JSON.parse(terminalText(json))).toEqual({ id: 'a\u202eb\x7f\x85', n: 1 });
  });

  it('is idempotent', () => {
    const once = terminalText('\x1b[2J http://u:p@h/ \u202e', { oneLine: true });
    expect(terminalText(once, { oneLine: true })).toBe(once);
  });

  it('leaves ordinary text, Unicode included, as it is', () => {
    const text = 'sqs.sse-kms.* → ≤ 10,000 · ünïcödé 日本語 🙂';
    expect(terminalText(text)).toBe(text);
    expect(hasControlCharacters(text, true)).toBe(false);
  });
});

describe('redactCredentials', () => {
  it.each([
    ['http://user:pass@127.0.0.1:4566', 'http://***@127.0.0.1:4566'],
    ['https://token@example.com/path?q=1', 'https://***@example.com/path?q=1'],
    ['http://us@r:p@ss@h:1/x', 'http://***@h:1/x'],
    ['sqs=http://a:b@h:1,sns=http://h:2,kms=http://c:d@h:3', 'sqs=http://***@h:1,sns=http://h:2,kms=http://***@h:3'],
    ['nothing answers at http://u:p@h:1 (sqs): bad port', 'nothing answers at http://***@h:1 (sqs): bad port'],
    ['http://h:1/path@not-credentials', 'http://h:1/path@not-credentials'],
    ['mail me: a@b.c', 'mail me: a@b.c'],
  ])('%s → %s', (text, redacted) => expect(redactCredentials(text)).toBe(redacted));

  it('takes linear time on long runs that look like the start of a scheme (80,000 characters of a.a.… took 3.7 s)', () => {
    const t0 = performance.now();
    for (const text of ['a.'.repeat(500_000), 'a-'.repeat(500_000), 'http://'.padEnd(1_000_000, 'x'), 'x://'.repeat(250_000)]) terminalText(text);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('applies wherever text goes to a terminal', () => {
    expect(terminalText('at http://u:s3cret@h:1')).not.toContain('s3cret');
    expect(quoted('http://u:s3cret@h:1')).toBe('"http://***@h:1"');
  });
});
