/** Clause selection: id globs (picomatch) and feature tags, on the real specification. */
import { describe, expect, it } from 'vitest';
import { ClausePatternError, selectClauses } from '../src/select.js';
import { loadClauses } from '../src/spec-loader.js';

const all = await loadClauses();
const ids = (clause?: string[], tag?: string[]) => selectClauses(all, { ...(clause ? { clause } : {}), ...(tag ? { tag } : {}) }).map((c) => c.id);

it('selects everything without patterns, and by `*` across the dots of an id', () => {
  expect(ids()).toHaveLength(all.length);
  expect(ids(['sqs.*'])).toEqual(all.map((c) => c.id).filter((id) => id.startsWith('sqs.')));
  expect(ids(['sqs.*']).length).toBeGreaterThan(ids(['sqs.sse-kms.*']).length);
  expect(ids(['sqs.sse-kms.*']).every((id) => id.startsWith('sqs.sse-kms.'))).toBe(true);
  expect(ids(['*'])).toHaveLength(all.length);
});

it('matches an exact id literally (its dots are not wildcards) and nothing for an unknown one', () => {
  expect(ids(['kms.aliases.alias-name-rules'])).toEqual(['kms.aliases.alias-name-rules']);
  expect(ids(['kms.aliases.alias-name-rule'])).toEqual([]);
  expect(ids(['kms-aliases-alias-name-rules'])).toEqual([]);
  expect(ids(['kms.aliases.alias-name-rules.*'])).toEqual([]);
});

it('takes several patterns, braces and ?, and narrows by every tag given', () => {
  const both = ids(['kms.aliases.*', 'sns.*']);
  expect(both.sort()).toEqual([...ids(['kms.aliases.*']), ...ids(['sns.*'])].sort());
  expect(ids(['{kms.aliases,sns}.*']).sort()).toEqual(both.sort());
  expect(ids(['kms.aliases.alias-name-rule?'])).toEqual(['kms.aliases.alias-name-rules']);
  const fifo = ids(['sqs.*'], ['fifo']);
  expect(fifo.length).toBeGreaterThan(0);
  for (const id of fifo) expect(all.find((c) => c.id === id)!.features as string[]).toContain('fifo');
  expect(ids(undefined, ['fifo', 'no-such-tag'])).toEqual([]);
});

describe('patterns that are not one are a usage error (exit code 2), never a stack trace or a hang', () => {
  it.each([
    ['', /a clause pattern is empty/],
    ['a'.repeat(70_000), /70000 characters; a pattern matches clause ids, and takes at most 256/],
    ['***', /not a glob \(a run of three or more \*\)/],
    ['sqs.\x1b[31m*', /clause ids hold no blanks or control characters/],
    ['sqs .*', /clause ids hold no blanks/],
    ['sqs.\u202e*', /control characters/],
    ['*+(e)*q', /extended globs/],
    ['*?*?*?*?*?*?*?*?q', /more than 6 wildcards/],
  ])('%j', (pattern, message) => {
    expect(() => ids([pattern])).toThrow(ClausePatternError);
    expect(() => ids([pattern])).toThrow(message);
  });

  it('takes the widest patterns it allows at once', () => {
    const t0 = Date.now();
    expect(ids(['*?*?*?q'])).toEqual([]);
    expect(ids(['**'])).toHaveLength(all.length);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});
