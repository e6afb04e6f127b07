/**
 * The docs hold together: every relative Markdown link in README.md, CONTRIBUTING.md, docs/*.md and
 * reference/README.md points to a file or folder that exists, and every `#anchor` into a Markdown file
 * is the GitHub slug of one of its headings. The README stays short (under 250 lines), and a source
 * comment that cites a section of docs/architecture.md names a heading it has.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubAnchor } from '../src/facts.js';
import { PACKAGE_ROOT } from '../src/paths.js';

/** The lines of a Markdown file, those of fenced code blocks blanked. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

/** The anchors GitHub gives a file's headings; a repeated heading gets -1, -2, … */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of prose(markdown)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    // The heading's text as rendered: code spans, emphasis and links reduced to their text.
    const text = m[1]!
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/\*/g, '');
    const base = githubAnchor(text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Every inline link and image target of a Markdown file, outside code, with its line number. */
function linkTargets(markdown: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  prose(markdown).forEach((line, i) => {
    // A code span may sit inside a link's text (`[`docs/spec.md`](docs/spec.md)`), but a link inside a code span is no link.
    const text = line.replace(/`[^`]*`/g, 'code');
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ line: i + 1, target: m[1]! });
  });
  return out;
}

/** What is wrong with the links of one Markdown file (path relative to root), one line per broken link. */
function brokenLinks(root: string, file: string): string[] {
  const problems: string[] = [];
  const markdown = readFileSync(join(root, file), 'utf8');
  for (const { line, target } of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …: not checked here
    const [path = '', anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = path === '' ? join(root, file) : join(root, dirname(file), decodeURIComponent(path));
    const where = `${file}:${line}: ${target}`;
    if (!existsSync(resolved)) {
      problems.push(`${where}: no such file ${relative(root, resolved)}`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))) {
      problems.push(`${where}: ${relative(root, resolved)} has no heading #${anchor}`);
    }
  }
  return problems;
}

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'reference/README.md',
  ...readdirSync(join(PACKAGE_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('the links of the docs', () => {
  it.each(DOCS)('%s: every relative link points to a file that exists, every #anchor to a heading there', (file) => {
    expect(brokenLinks(PACKAGE_ROOT, file)).toEqual([]);
  });

  it('checks the docs that matter, and finds their links', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['docs/cli.md', 'docs/targets.md', 'docs/library.md', 'docs/architecture.md']));
    const readme = linkTargets(readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8')).map((l) => l.target);
    expect(readme).toEqual(expect.arrayContaining(['docs/cli.md', 'docs/architecture.md#specs-the-specification', 'LICENSE', 'NOTICE']));
  });
});

describe('the link checker', () => {
  it('anchors headings as GitHub does (githubAnchor of src/facts.ts), numbering repeated ones', () => {
    expect(githubAnchor('specs/: the specification')).toBe('specs-the-specification');
    expect(githubAnchor('Errors, once')).toBe('errors-once');
    expect(githubAnchor("floci's port")).toBe('flocis-port');
    expect(githubAnchor('SQS-11 SendMessage → KmsDisabled')).toBe('sqs-11-sendmessage--kmsdisabled');
    expect([...headingAnchors('# A\n## `run` options\n```\n# not a heading\n```\n## A\n')]).toEqual(['a', 'run-options', 'a-1']);
  });

  it('reports a link to a missing file and an anchor that is no heading, and ignores links in code', () => {
    // Arrange: two docs, one linking to the other right and wrong.
    const root = mkdtempSync(join(tmpdir(), 'ssec-links-'));
    writeFileSync(join(root, 'other.md'), '# Other\n\n## A section\n');
    writeFileSync(
      join(root, 'doc.md'),
      '# Doc\n\n[ok](other.md#a-section) [self](#doc) [web](https://example.com/x#y)\n' +
        '[gone](missing.md) [bad anchor](other.md#no-section) [bad self](#nowhere)\n' +
        '`[in code](missing.md)`\n```\n[in a block](missing.md)\n```\n',
    );
    // Act
    const problems = brokenLinks(root, 'doc.md');
    // Assert
    expect(problems).toEqual([
      'doc.md:4: missing.md: no such file missing.md',
      'doc.md:4: other.md#no-section: other.md has no heading #no-section',
      'doc.md:4: #nowhere: doc.md has no heading #nowhere',
    ]);
  });
});

it('keeps the README under 250 lines: the rest is in docs/', () => {
  const lines = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8').split('\n');
  const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  expect(count).toBeLessThan(250);
});

it('source comments cite sections of docs/architecture.md that exist, and no design document outside the repository', () => {
  const anchors = headingAnchors(readFileSync(join(PACKAGE_ROOT, 'docs/architecture.md'), 'utf8'));
  const cited: string[] = [];
  const designMd: string[] = [];
  for (const top of ['src', 'reference', 'test-targets', 'specs', 'scripts', 'test', 'bench']) {
    for (const f of readdirSync(join(PACKAGE_ROOT, top), { recursive: true, encoding: 'utf8' })) {
      if (!/\.(ts|mjs|js|py|go)$/.test(f) || f.includes('node_modules') || f.startsWith('.generated')) continue;
      const path = `${top}/${f}`;
      if (path === 'test/docs-links.test.ts') continue;
      const text = readFileSync(join(PACKAGE_ROOT, path), 'utf8');
      for (const m of text.matchAll(/docs\/architecture\.md,\s*(?:\*\s*)?"([^"]+)"/g)) {
        cited.push(m[1]!);
        expect(anchors.has(githubAnchor(m[1]!)), `${path} cites docs/architecture.md, "${m[1]}"`).toBe(true);
      }
      if (/\bdesign\.md\b|\(design[ ,:]/.test(text)) designMd.push(path);
    }
  }
  expect(cited.length).toBeGreaterThanOrEqual(6);
  expect(designMd).toEqual([]);
});
