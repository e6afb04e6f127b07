/** Selecting clauses by id pattern (glob with `*`) and by feature tag. */
import type { Clause } from './clause.js';

export function selectClauses(all: Clause[], opts: { clause?: string[]; tag?: string[] }): Clause[] {
  const globs = (opts.clause ?? []).map((p) => new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  return all.filter((c) =>
    (globs.length === 0 || globs.some((g) => g.test(c.id))) &&
    (!opts.tag?.length || opts.tag.every((t) => (c.features as string[]).includes(t))));
}
