/**
 * Every `// Stryker disable` comment in reference/ (an excluded mutant in `npm run mutation`) says
 * why with one reason code of REASON_CODES (scripts/spec-strength.ts), whose legend
 * docs/spec-strength.md shows; the code's kind is what that document counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { kindOf, REASON_CODES, renderReasonLegend } from '../scripts/spec-strength.js';

const files = (readdirSync(join(PACKAGE_ROOT, 'reference'), { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => join(e.parentPath, e.name));

/** Stryker's own directive syntax (instrumenter's directive-bookkeeper): `Stryker disable [next-line] Mutators[: reason]`. */
const DIRECTIVE = /Stryker (disable|restore)(?: (next-line))? ([a-zA-Z, ]+)(?::(.+)?)?/;

const directives = files.flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .map((text, i) => ({ where: `${relative(PACKAGE_ROOT, f)}:${i + 1}`, text }))
    .filter(({ text }) => /\bStryker (disable|restore)\b/.test(text)),
);

it('finds the reference sources', () => {
  expect(files.length).toBeGreaterThan(10);
});

it('kindOf gives the kind of a known code and nothing else', () => {
  expect(kindOf(' EQ-same')).toBe('equivalent');
  expect(kindOf('MSG')).toBe('message');
  expect(kindOf('MC-order')).toBe('model-choice');
  expect(kindOf('MSG: text only')).toBe('unexplained');
  expect(kindOf('equivalent: the old form')).toBe('unexplained');
  expect(kindOf('constructor')).toBe('unexplained');
  expect(kindOf('Ignored using a comment')).toBe('unexplained');
  expect(kindOf(undefined)).toBe('unexplained');
});

it('docs/spec-strength.md shows the legend of the codes as the code has it', () => {
  // The document is otherwise written by a mutation run; the legend must not wait for one.
  expect(readFileSync(join(PACKAGE_ROOT, 'docs/spec-strength.md'), 'utf8')).toContain(renderReasonLegend());
});

it('uses every code of the legend', () => {
  const used = new Set(directives.map((d) => (DIRECTIVE.exec(d.text)?.[4] ?? '').replace(/\s*\*\/.*$/, '').trim()));
  expect(Object.keys(REASON_CODES).filter((c) => !used.has(c))).toEqual([]);
});

it('finds the disable comments', () => {
  expect(directives.length).toBeGreaterThan(0);
});

it.each(directives.map((d) => [d.where, d.text] as const))('%s gives a known reason code', (where, text) => {
  const m = DIRECTIVE.exec(text);
  expect(m, `${where}: not a Stryker directive Stryker can read: ${text.trim()}`).not.toBeNull();
  if (m![1] === 'restore') return;
  // A block comment's reason ends where the comment does.
  const reason = (m![4] ?? '').replace(/\s*\*\/.*$/, '').trim();
  expect(Object.keys(REASON_CODES), `${where}: the reason must be one code of the legend in docs/spec-strength.md: ${text.trim()}`).toContain(reason);
});

/**
 * Stryker reads a directive only as the leading comment of the next piece of code: one placed just
 * before a closing `}`, `]` or `)`, or before a blank line, is silently ignored, and an unmatched
 * block `disable` stays on to the end of the file, excluding mutants nobody explained.
 */
const sources = files.map((f) => ({ file: relative(PACKAGE_ROOT, f), lines: readFileSync(f, 'utf8').split('\n') }));

it.each(sources.map((s) => [s.file, s] as const))('%s: each directive leads a line of code, each block disable is restored', (_file, { file, lines }) => {
  let open: string | undefined;
  lines.forEach((text, i) => {
    const m = DIRECTIVE.exec(text);
    if (!m || !/^\s*\/\//.test(text)) return;
    const next = lines.slice(i + 1).find((l) => !/^\s*\/\//.test(l)) ?? '';
    const atTheEnd = lines.slice(i + 1).every((l) => /^\s*[}\])]*;?\s*$/.test(l)); // a restore there has nothing left to restore
    if (m[1] === 'restore' && atTheEnd) open = undefined;
    else
      expect(/^\s*([}\])]|$)/.test(next), `${file}:${i + 1}: the directive leads no code (the next line is '${next.trim()}'), so Stryker ignores it`).toBe(
        false,
      );
    if (m[2] === 'next-line') return;
    if (m[1] === 'disable') {
      expect(open, `${file}:${i + 1}: a block disable while the one at ${open} is still open`).toBeUndefined();
      open = `${file}:${i + 1}`;
    } else open = undefined;
  });
  expect(open, `${open}: a block disable without a restore excludes every mutant to the end of the file`).toBeUndefined();
});
