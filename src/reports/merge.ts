/** Merging reports: shards of one run on one target become one report; different targets stay side by side. */
import { summarize, type Report } from '../report.js';

export function mergeShards(reports: Report[]): Report[] {
  const byTarget = new Map<string, Report>();
  for (const r of reports) {
    // Emulators this project starts listen on a new port in each shard; only a user's endpoint tells targets apart.
    const key = `${r.target.name} ${r.target.name === 'endpoint' ? (r.target.endpoint ?? '') : ''} ${r.seed}`;
    const seen = byTarget.get(key);
    if (!seen) {
      byTarget.set(key, { ...r, clauses: [...r.clauses] });
      continue;
    }
    const ids = new Set(seen.clauses.map((c) => c.id));
    seen.clauses.push(...r.clauses.filter((c) => !ids.has(c.id)));
    seen.durationMs = Math.max(seen.durationMs, r.durationMs);
    // ISO 8601 strings, which sort as text (Math.min would take them for numbers).
    // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
    seen.startedAt = seen.startedAt < r.startedAt ? seen.startedAt : r.startedAt;
  }
  return [...byTarget.values()].map((r) => ({ ...r, clauses: r.clauses.sort((a, b) => (a.id < b.id ? -1 : 1)), summary: summarize(r.clauses) }));
}
