/** Selecting clauses by id pattern (a glob: `*`, `?`, `{a,b}`, `[ab]`, by picomatch) and by feature tag. */
import picomatch from 'picomatch';
import type { Clause } from './clause.js';

export function selectClauses(all: Clause[], opts: { clause?: string[]; tag?: string[] }): Clause[] {
  // Clause ids have no `/`, so `*` matches across the dots: `sqs.*` selects every SQS clause.
  const globs = (opts.clause ?? []).map((p) => picomatch(p, { dot: true }));
  return all.filter(
    (c) => (globs.length === 0 || globs.some((g) => g(c.id))) && (!opts.tag?.length || opts.tag.every((t) => (c.features as string[]).includes(t))),
  );
}
