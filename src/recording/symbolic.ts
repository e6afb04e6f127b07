/**
 * What a recording holds instead of concrete values. Resources get the session's symbols, made
 * unambiguous (a queue's name, URL and ARN are `queue#0`, `url(queue#0)`, `arn(queue#0)`; a FIFO
 * name keeps `.fifo`); principals are `principal#N`; ids the target chose for messages are
 * `message#N` and `receipt#N`; bytes the target made are `blob#N`. Then every account id, request id
 * and credential is redacted. `Binder` goes the other way when a recording is replayed.
 */

import { createHash } from 'node:crypto';
import { fromRegistry, madeUpOf, resourceKinds, targetIds } from '../services/registry.js';
import { redactSecrets } from '../secrets.js';
import { ACCOUNT_SYMBOL, RUN_SYMBOL } from '../symbol-table.js';

/** Bytes as text, when they are valid UTF-8. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Message bodies at the size limits are one character repeated (up to 1 MiB): a recording writes them as
 * `{ "$repeat": "a", "count": n, "then": "€" }` (then: what follows the run, if anything).
 */
export function compact(s: string): unknown {
  if (s.length < 1024) return s;
  const c = String.fromCodePoint(s.codePointAt(0)!);
  let n = 0;
  while (s.startsWith(c, n * c.length)) n++;
  const rest = s.slice(n * c.length);
  // biome-ignore lint/suspicious/noThenProperty: the rest of a repeated string, a plain data field; never awaited
  return rest.length <= 64 ? { $repeat: c, count: n, ...(rest ? { then: rest } : {}) } : s;
}

function expand(o: Record<string, unknown>): string {
  return String(o.$repeat).repeat(Number(o.count)) + String(o.then ?? '');
}

/** A plain symbol of a resource whose name the client chose (`queue#0`): a FIFO name keeps its `.fifo`. */
function namedByClient(sym: string): boolean {
  const kind = /^([a-z][a-z0-9-]*)#\d+$/.exec(sym)?.[1];
  return kind !== undefined && madeUpOf(kind)?.chosenBy === 'client';
}

/** A concrete value → its symbol, from a session's symbols (src/session.ts). */
export function recordingSymbols(sessionSymbols: ReadonlyMap<string, string>): Map<string, string> {
  const table = new Map<string, string>();
  for (const [concrete, sym] of sessionSymbols) {
    if (sym === RUN_SYMBOL) table.set(concrete, sym);
    else if (concrete.includes('://')) table.set(concrete, `url(${sym})`);
    else if (concrete.startsWith('arn:')) table.set(concrete, sym.startsWith('arn(') ? sym : `arn(${sym})`);
    else table.set(concrete, namedByClient(sym) && concrete.endsWith('.fifo') ? `${sym}.fifo` : sym);
  }
  return table;
}

export interface Secrets {
  /** The target's account ids (from its principals' ARNs). */
  accounts: string[];
  /** Every credential the target's clients use (access key ids, secrets, session tokens). */
  credentials: string[];
}

const REDACTIONS: [RegExp, string][] = [
  [/(arn:aws[\w-]*:[\w-]*:[\w-]*:)\d{12}(?=:)/g, '$1<account>'],
  [/(https?:\/\/[^\s/"'\\]+\/)\d{12}(?=\/)/g, '$1<account>'],
  [/(request[ _-]?id["']?\s*[:=]?\s*["']?)[A-Za-z0-9][A-Za-z0-9-]{7,}/gi, '$1<request-id>'],
];

/** Account ids in ARNs and queue URLs as a recording writes them (`<account>`), whoever's they are. */
export function redactAccounts(s: string): string {
  return s.replace(REDACTIONS[0]![0], REDACTIONS[0]![1]).replace(REDACTIONS[1]![0], REDACTIONS[1]![1]);
}

/** Turns a scenario's requests and outputs into their recorded form, in call order. */
export class Symbolizer {
  readonly #table: Map<string, string>;
  #keys: string[] = [];
  readonly #secrets: Secrets;
  readonly #sentBytes = new Set<string>();
  readonly #counts = new Map<string, number>();

  constructor(sessionSymbols: ReadonlyMap<string, string>, principals: readonly string[], secrets: Secrets) {
    this.#table = recordingSymbols(sessionSymbols);
    principals.forEach((p, i) => {
      this.#table.set(p, `principal#${i}`);
    });
    this.#secrets = { accounts: secrets.accounts.filter((a) => a.length > 0), credentials: secrets.credentials.filter((c) => c.length >= 12) };
    this.#sort();
  }

  #sort(): void {
    this.#keys = [...this.#table.keys()].filter((k) => k.length > 0 && !k.startsWith('bytes:')).sort((a, b) => b.length - a.length);
  }

  string(s: string): string {
    let out = s;
    for (const k of this.#keys) if (out.includes(k)) out = out.split(k).join(this.#table.get(k)!);
    out = redactSecrets(out, this.#secrets.credentials);
    for (const [re, by] of REDACTIONS) out = out.replace(re, by);
    // The account id on its own, not inside a longer run of digits, letters or dashes (a UUID's last group may be all zeros).
    for (const a of this.#secrets.accounts) if (out.includes(a)) out = out.replace(new RegExp(`(?<![\\w-])${a}(?![\\w-])`, 'g'), ACCOUNT_SYMBOL);
    return out;
  }

  /** A request: bytes the client sent are kept (base64), bytes the target made before are named. */
  request(v: unknown): unknown {
    return this.#walk(v, 'request', undefined);
  }

  /** An output: message and receipt ids and bytes the target made get symbols first. */
  output(v: unknown): unknown {
    this.#name(v, undefined);
    return this.#walk(v, 'output', undefined);
  }

  #next(kind: string): string {
    const n = this.#counts.get(kind) ?? 0;
    this.#counts.set(kind, n + 1);
    return `${kind}#${n}`;
  }

  #name(v: unknown, key: string | undefined): void {
    // Identifiers the target chose (message ids, receipt handles, AWS managed keys the run did not create) are named
    // by the output that first shows them (src/services/: each entry's `targetIds`).
    const id = typeof v === 'string' && key !== undefined ? targetIds().find((t) => t.fields.includes(key) && (t.when?.(v) ?? true)) : undefined;
    if (typeof v === 'string' && id && !this.#table.has(v)) {
      this.#table.set(v, this.#next(id.symbol));
      this.#sort();
    } else if (Array.isArray(v)) for (const x of v) this.#name(x, key);
    else if (v && typeof v === 'object' && !(v instanceof Uint8Array) && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) this.#name(x, k);
  }

  #walk(v: unknown, side: 'request' | 'output', key: string | undefined): unknown {
    if (typeof v === 'string') return compact(this.string(v));
    // An S3 object's body, read back (src/buffered-body.ts): what the run wrote, recorded as the text it sent was
    if (side === 'output' && key === 'Body' && v instanceof Uint8Array) {
      const text = utf8(v);
      if (text !== undefined) return { $text: compact(this.string(text)) };
    }
    if (v instanceof Uint8Array) {
      const b64 = Buffer.from(v).toString('base64');
      const named = this.#table.get(`bytes:${b64}`);
      if (named) return { $blob: named, length: v.length };
      if (side === 'request' || this.#sentBytes.has(b64)) {
        this.#sentBytes.add(b64);
        return { $bytes: b64 };
      }
      const sym = this.#next('blob');
      this.#table.set(`bytes:${b64}`, sym);
      return { $blob: sym, length: v.length };
    }
    if (v instanceof Date) return { $date: Number.isNaN(v.getTime()) ? String(v) : v.toISOString() };
    if (Array.isArray(v)) return v.map((x) => this.#walk(x, side, key));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => [k, this.#walk(x, side, k)]),
      );
    return v;
  }
}

/**
 * The symbol tokens a recorded string can hold: the resource kinds the session names (`queue#0`, `url(queue#0)`,
 * `arn(key#0)`), the identifiers targets choose (`message#0`), principals, the run prefix and the account.
 */
const token = fromRegistry(() => {
  const kinds = resourceKinds()
    .filter(({ resource }) => resource.create.symbolic !== false)
    .map(({ resource }) => resource.kind);
  const plain = [...kinds, ...targetIds().map((t) => t.symbol), 'principal'];
  return new RegExp(String.raw`(?:url|arn)\((?:${kinds.join('|')})#\d+\)|(?:${plain.join('|')})#\d+(?:\.fifo)?|<run>|<account>`, 'g');
});

/**
 * Symbol ↔ concrete value while a recording is replayed (check-model on the reference, the
 * recorded target). Symbols get bound as the replay meets them; `concrete` makes a recorded value
 * sendable, `symbolic` reads a concrete one back.
 */
export class Binder {
  readonly #toConcrete = new Map<string, string>();
  readonly #toSymbol = new Map<string, string>();
  readonly #blobs = new Map<string, Uint8Array>();
  readonly #echoes = new Map<string, string>();
  #keys: string[] = [];

  /**
   * A string the client sent, as the recording reads and as it was sent: an answer that shows the
   * recorded form shows what was sent (a generated ARN whose account id was redacted is echoed as sent).
   */
  remember(recorded: unknown, sent: unknown): void {
    if (typeof recorded === 'string' && typeof sent === 'string') {
      if (recorded !== sent) this.#echoes.set(recorded, sent);
    } else if (Array.isArray(recorded) && Array.isArray(sent))
      recorded.forEach((r, i) => {
        this.remember(r, sent[i]);
      });
    else if (recorded && sent && typeof recorded === 'object' && typeof sent === 'object' && !(sent instanceof Uint8Array)) {
      for (const [k, r] of Object.entries(recorded)) this.remember(r, (sent as Record<string, unknown>)[k]);
    }
  }

  bind(symbol: string, concrete: string): void {
    this.#toConcrete.set(symbol, concrete);
    this.#toSymbol.set(concrete, symbol);
    this.#keys = [...this.#toSymbol.keys()].filter((k) => k.length > 0).sort((a, b) => b.length - a.length);
  }

  bound(symbol: string): string | undefined {
    return this.#toConcrete.get(symbol);
  }

  bindBlob(symbol: string, bytes: Uint8Array): void {
    this.#blobs.set(symbol, bytes);
  }

  /**
   * A recorded value with every bound symbol replaced; `fresh(symbol)` names one not bound yet (or
   * returns undefined to leave it as it is).
   */
  concrete(v: unknown, fresh: (symbol: string) => string | undefined = () => undefined): unknown {
    if (typeof v === 'string') {
      const echoed = this.#echoes.get(v);
      if (echoed !== undefined) return echoed;
      return v.replace(token(), (t) => {
        const c = this.#toConcrete.get(t) ?? fresh(t);
        if (c !== undefined && !this.#toConcrete.has(t)) this.bind(t, c);
        return c ?? t;
      });
    }
    if (Array.isArray(v)) return v.map((x) => this.concrete(x, fresh));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.$repeat === 'string') return this.concrete(expand(o), fresh);
      if (typeof o.$bytes === 'string') return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
      if ('$text' in o) return new Uint8Array(Buffer.from(String(this.concrete(o.$text, fresh)), 'utf8'));
      if (typeof o.$blob === 'string') {
        let bytes = this.#blobs.get(o.$blob);
        if (!bytes) {
          // Bytes only the target knows: any unique bytes of the recorded length stand for them.
          const seed = createHash('sha256').update(o.$blob).digest();
          bytes = new Uint8Array(Number(o.length ?? 0)).map((_, i) => seed[i % seed.length]!);
          this.bindBlob(o.$blob, bytes);
        }
        return bytes;
      }
      if (typeof o.$date === 'string') return new Date(o.$date);
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, this.concrete(x, fresh)]));
    }
    return v;
  }

  /**
   * A concrete value read back in symbols (bound ones only), bytes as base64, dates as ISO strings;
   * with `redact`, account ids in ARNs and URLs too (as the recorder wrote them).
   */
  symbolic(v: unknown, opts: { redact?: boolean } = {}): unknown {
    if (typeof v === 'string') {
      let out = v;
      for (const k of this.#keys) if (out.includes(k)) out = out.split(k).join(this.#toSymbol.get(k)!);
      return compact(opts.redact ? redactAccounts(out) : out);
    }
    if (v instanceof Uint8Array) {
      for (const [sym, b] of this.#blobs) if (Buffer.compare(Buffer.from(b), Buffer.from(v)) === 0) return { $blob: sym, length: v.length };
      return { $bytes: Buffer.from(v).toString('base64') };
    }
    if (v instanceof Date) return { $date: v.toISOString() };
    if (Array.isArray(v)) return v.map((x) => this.symbolic(x, opts));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => [k, this.symbolic(x, opts)]),
      );
    return v;
  }

  /**
   * Binds the symbols of a recorded output to the values at the same places of a concrete one (the
   * first time each is met): `KeyId: "key#0"` against the model's key id binds key#0.
   */
  unify(recorded: unknown, concrete: unknown): void {
    if (typeof recorded === 'string' && typeof concrete === 'string') {
      const whole = recorded.match(token());
      if (whole?.length === 1 && whole[0] === recorded && !this.#toConcrete.has(recorded)) this.bind(recorded, concrete);
      return;
    }
    if (recorded && typeof recorded === 'object' && concrete instanceof Uint8Array) {
      const o = recorded as Record<string, unknown>;
      if (typeof o.$blob === 'string' && !this.#blobs.has(o.$blob)) this.bindBlob(o.$blob, concrete);
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(concrete)) {
      recorded.forEach((r, i) => {
        this.unify(r, concrete[i]);
      });
      return;
    }
    if (recorded && typeof recorded === 'object' && concrete && typeof concrete === 'object' && !Array.isArray(recorded)) {
      for (const [k, r] of Object.entries(recorded)) this.unify(r, (concrete as Record<string, unknown>)[k]);
    }
  }
}
