/**
 * Deterministic identifiers and ARNs. A model instance numbers everything it creates, so the same
 * sequence of calls yields the same IDs (needed for reproducible counterexamples).
 */
export class IdSource {
  #n = 0;

  /** A UUID-shaped id (8-4-4-4-12 hex) derived from a counter and a salt. */
  uuid(salt = 0): string {
    const n = ++this.#n;
    // Stryker disable next-line ArithmeticOperator: EQ-opaque
    const hex = (n * 2654435761 + salt * 40503).toString(16).padStart(12, '0').slice(-12);
    const seq = n.toString(16).padStart(20, '0');
    return `${seq.slice(0, 8)}-${seq.slice(8, 12)}-4${seq.slice(13, 16)}-8${seq.slice(17, 20)}-${hex}`;
  }

  /** A short opaque token, unique within this model. */
  token(prefix: string): string {
    return `${prefix}${(++this.#n).toString(36)}`;
  }
}

// Stryker disable next-line Regex: EQ-same
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Stryker disable next-line Regex: MSG
export const MRK_RE = /^mrk-[0-9a-f]{32}$/;

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(s: string): Arn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(s);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

/** The account of an IAM principal ARN (`arn:aws:iam::123456789012:user/x`), or undefined for service principals. */
export function principalAccount(principal: string): string | undefined {
  const arn = parseArn(principal);
  if (arn) return arn.account || undefined;
  if (/^\d{12}$/.test(principal)) return principal;
  return undefined;
}
