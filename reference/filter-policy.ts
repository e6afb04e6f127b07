/**
 * SNS subscription filter policies, the subset the conformance suite uses to show that filtering
 * keeps working on attributes of encrypted topics (SNS-1): exact strings and numbers, `prefix`,
 * `suffix`, `anything-but`, `exists` and `numeric` comparisons, AND across keys, OR within a key.
 */
export type Attributes = Record<string, { Type: string; Value: string }>;

export function checkFilterPolicy(policy: string): string | undefined {
  try {
    const p = JSON.parse(policy);
    // Stryker disable next-line ConditionalExpression: EQ-same
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'Filter policy must be a JSON object';
    for (const v of Object.values(p)) {
      if (!Array.isArray(v) || v.length === 0) return 'Filter policy values must be non-empty arrays';
      for (const c of v) {
        const problem = operatorProblem(c);
        if (problem) return problem;
      }
    }
    return undefined;
  } catch {
    return 'Filter policy is not valid JSON';
  }
}

const NUMERIC_OPS = new Set(['=', '<', '<=', '>', '>=']);

/** An operator object ({"prefix": …}, {"numeric": […]}, …) SNS would refuse; plain strings, numbers, booleans and null are values. */
function operatorProblem(c: unknown): string | undefined {
  if (c === null || typeof c !== 'object') return undefined;
  const entries = Object.entries(c);
  if (Array.isArray(c) || entries.length !== 1) return 'Filter policy conditions must be values or objects with one operator';
  const [op, arg] = entries[0]!;
  switch (op) {
    case 'exists':
      return typeof arg === 'boolean' ? undefined : 'exists match pattern must be true or false';
    case 'prefix':
    case 'suffix':
      return typeof arg === 'string' ? undefined : `${op} match pattern must be a string`;
    case 'anything-but':
      return undefined;
    case 'numeric': {
      const pairs = Array.isArray(arg) && arg.length > 0 && arg.length % 2 === 0;
      return pairs && arg.every((x, i) => (i % 2 === 0 ? NUMERIC_OPS.has(x) : typeof x === 'number')) ? undefined : 'Malformed numeric match pattern';
    }
    default:
      return `Unrecognized match type ${op}`;
  }
}

export function filterMatches(policy: string, attrs: Attributes): boolean {
  const p = JSON.parse(policy) as Record<string, unknown[]>;
  return Object.entries(p).every(([name, conditions]) => conditions.some((c) => conditionMatches(c, attrs[name])));
}

function conditionMatches(c: unknown, attr: { Type: string; Value: string } | undefined): boolean {
  if (c !== null && typeof c === 'object') {
    // Stryker disable next-line ArrayDeclaration: EQ-unreachable
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
        // An array matches when one of its values is none of the banned ones (SNS numeric-value-matching page).
        return values.some((v) => !banned.includes(v));
      }
      case 'numeric': {
        const ops = arg as (string | number)[];
        // Stryker disable next-line MethodExpression: EQ-same
        return values.some((v) => {
          const x = Number(v);
          // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: MC-filter-number
          if (attr.Type !== 'Number' || Number.isNaN(x)) return false;
          // Stryker disable next-line EqualityOperator: EQ-same
          for (let i = 0; i + 1 < ops.length; i += 2) {
            const n = Number(ops[i + 1]);
            const ok = { '=': x === n, '<': x < n, '<=': x <= n, '>': x > n, '>=': x >= n }[String(ops[i])];
            if (!ok) return false;
          }
          return true;
        });
      }
      // Stryker disable next-line all: EQ-unreachable
      default:
        // Stryker disable next-line BooleanLiteral: EQ-unreachable
        return false;
    }
  }
  if (attr === undefined) return false;
  // Stryker disable next-line ConditionalExpression: MC-filter-number
  if (typeof c === 'number') return attr.Type === 'Number' && Number(attr.Value) === c;
  const values = attr.Type === 'String.Array' ? (JSON.parse(attr.Value) as unknown[]).map(String) : [attr.Value];
  return values.includes(String(c));
}
