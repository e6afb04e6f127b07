/**
 * SNS subscription filter policies, the subset the conformance suite uses to show that filtering
 * keeps working on attributes of encrypted topics (SNS-1): exact strings and numbers, `prefix`,
 * `suffix`, `anything-but`, `exists` and `numeric` comparisons, AND across keys, OR within a key.
 */
export type Attributes = Record<string, { Type: string; Value: string }>;

export function checkFilterPolicy(policy: string): string | undefined {
  try {
    const p = JSON.parse(policy);
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'Filter policy must be a JSON object';
    for (const v of Object.values(p)) if (!Array.isArray(v) || v.length === 0) return 'Filter policy values must be non-empty arrays';
    return undefined;
  } catch {
    return 'Filter policy is not valid JSON';
  }
}

export function filterMatches(policy: string, attrs: Attributes): boolean {
  const p = JSON.parse(policy) as Record<string, unknown[]>;
  return Object.entries(p).every(([name, conditions]) => conditions.some((c) => conditionMatches(c, attrs[name])));
}

function conditionMatches(c: unknown, attr: { Type: string; Value: string } | undefined): boolean {
  if (c !== null && typeof c === 'object') {
    const [op, arg] = Object.entries(c as Record<string, unknown>)[0] ?? [];
    if (op === 'exists') return (attr !== undefined) === arg;
    if (attr === undefined) return false;
    const values = attr.Type === 'String.Array' ? (JSON.parse(attr.Value) as unknown[]).map(String) : [attr.Value];
    switch (op) {
      case 'prefix':
        return values.some((v) => v.startsWith(String(arg)));
      case 'suffix':
        return values.some((v) => v.endsWith(String(arg)));
      case 'anything-but': {
        const banned = (Array.isArray(arg) ? arg : [arg]).map(String);
        return values.every((v) => !banned.includes(v));
      }
      case 'numeric': {
        const ops = arg as (string | number)[];
        return values.some((v) => {
          const x = Number(v);
          if (attr.Type !== 'Number' || Number.isNaN(x)) return false;
          for (let i = 0; i + 1 < ops.length; i += 2) {
            const n = Number(ops[i + 1]);
            const ok = { '=': x === n, '<': x < n, '<=': x <= n, '>': x > n, '>=': x >= n }[String(ops[i])];
            if (!ok) return false;
          }
          return true;
        });
      }
      default:
        return false;
    }
  }
  if (attr === undefined) return false;
  if (typeof c === 'number') return attr.Type === 'Number' && Number(attr.Value) === c;
  const values = attr.Type === 'String.Array' ? (JSON.parse(attr.Value) as unknown[]).map(String) : [attr.Value];
  return values.includes(String(c));
}
