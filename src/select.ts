/** Selecting clauses by id pattern (a glob: `*`, `?`, `{a,b}`, `[ab]`, by picomatch) and by feature tag. */
import picomatch from 'picomatch';
import type { Clause } from './clause.js';
import { hasControlCharacters, quoted } from './terminal-text.js';
import { UsageError } from './usage-error.js';

/** A clause pattern (`--clause`, or `clauses` in a config) that is not one: exit code 2. */
export class ClausePatternError extends UsageError {
  override readonly name = 'ClausePatternError';
}

/** Clause ids are under 100 characters: a longer pattern is a mistake (picomatch itself throws past 65,536). */
export const MAX_PATTERN_LENGTH = 256;
/**
 * Wildcards (`*`, `?`, `[`) a pattern may hold. Each one multiplies the backtracking of the regular expression
 * picomatch builds: `*?*?*?*?*?*?*?*?q` takes a minute on one clause id. Six take at most milliseconds.
 */
export const MAX_WILDCARDS = 6;

/** The matcher of one pattern, or a ClausePatternError that says what is wrong with it. */
function matcher(pattern: string): (id: string) => boolean {
  const refuse = (why: string) => new ClausePatternError(`clause pattern ${quoted(pattern)}: ${why}`);
  if (pattern === '') throw new ClausePatternError('a clause pattern is empty: give a clause id or a glob such as sqs.*');
  if (pattern.length > MAX_PATTERN_LENGTH) throw refuse(`${pattern.length} characters; a pattern matches clause ids, and takes at most ${MAX_PATTERN_LENGTH}`);
  if (/\s/.test(pattern) || hasControlCharacters(pattern, true)) throw refuse('clause ids hold no blanks or control characters');
  if (/\*{3,}/.test(pattern)) throw refuse('not a glob (a run of three or more *); * alone matches any part of an id');
  if (/[()]/.test(pattern)) throw refuse('extended globs with ( ) are not taken: use * ? [ab] {a,b}');
  if ((pattern.match(/[*?[]/g)?.length ?? 0) > MAX_WILDCARDS) throw refuse(`more than ${MAX_WILDCARDS} wildcards (* ? [)`);
  try {
    // Clause ids have no `/`, so `*` matches across the dots: `sqs.*` selects every SQS clause.
    return picomatch(pattern, { dot: true });
  } catch (e) {
    throw refuse(`not a glob (${(e as Error).message})`);
  }
}

export function selectClauses(all: Clause[], opts: { clause?: string[]; tag?: string[] }): Clause[] {
  const globs = (opts.clause ?? []).map(matcher);
  return all.filter(
    (c) => (globs.length === 0 || globs.some((g) => g(c.id))) && (!opts.tag?.length || opts.tag.every((t) => (c.features as string[]).includes(t))),
  );
}
