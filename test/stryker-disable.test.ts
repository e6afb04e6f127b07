/**
 * Every `// Stryker disable` comment in reference/ (an excluded mutant in `npm run mutation`) says
 * why, with a kind docs/spec-strength.md counts: `equivalent:`, `model-choice:` or `message:`,
 * followed by the reason itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { EXCLUSION_KINDS, kindOf } from '../scripts/spec-strength.js';

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

it('kindOf reads the kind before the first colon and nothing else', () => {
  expect(kindOf(' equivalent: same loop bound')).toBe('equivalent');
  expect(kindOf('message: text only')).toBe('message');
  expect(kindOf('Ignored using a comment')).toBe('unexplained');
  expect(kindOf(undefined)).toBe('unexplained');
});

it('finds the disable comments', () => {
  expect(directives.length).toBeGreaterThan(0);
});

it.each(directives.map((d) => [d.where, d.text] as const))('%s gives a reason with a kind', (where, text) => {
  const m = DIRECTIVE.exec(text);
  expect(m, `${where}: not a Stryker directive Stryker can read: ${text.trim()}`).not.toBeNull();
  if (m![1] === 'restore') return;
  const reason = (m![4] ?? '').trim();
  expect(EXCLUSION_KINDS, `${where}: the reason must start with ${EXCLUSION_KINDS.map((k) => `'${k}:'`).join(', ')}: ${text.trim()}`).toContain(kindOf(reason));
  const why = reason.replace(/^[a-z-]+:/, '').trim();
  expect(why.length, `${where}: the reason after the kind is too short to say why: ${text.trim()}`).toBeGreaterThanOrEqual(15);
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
