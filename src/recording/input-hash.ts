/**
 * A stable hash of a generated input: the same clause, seed and input give the same hash on any
 * machine and any run, so a recording can be matched to the scenario a later run generates.
 * Command sequences (model-based clauses) hash by their commands' own descriptions; records by their
 * fields in sorted order; bytes by their content.
 */
import { createHash } from 'node:crypto';

function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (typeof v === 'bigint') return { $bigint: String(v) };
  if (v === undefined) return { $undefined: true };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    // fast-check command sequences are iterables of commands that describe themselves.
    if (Symbol.iterator in v) return { $commands: [...(v as Iterable<unknown>)].map(String) };
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, plain((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function inputHash(input: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(plain(input)))
    .digest('hex')
    .slice(0, 20);
}
