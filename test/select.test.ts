/** Clause selection: id globs (picomatch) and feature tags, on the real specification. */
import { expect, it } from 'vitest';
import { selectClauses } from '../src/select.js';
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
