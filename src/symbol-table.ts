/**
 * The symbols a scenario's reports and recordings show instead of concrete identifiers: `key#0`, `queue#1`,
 * `arn(queue#1)`, `url(queue#1)`, `principal#2`, the run prefix `<run>` and account ids `<account>`. This module
 * holds their grammar (made and parsed here only: the session, the recorder, check-model, the recorded target and
 * the reproductions all go through it) and one scenario's table of them.
 */
import { abbreviate } from './abbreviate.js';
import type { Fields, ResourceKind } from './services/define.js';

/** The run prefix, as every report shows it. */
export const RUN_SYMBOL = '<run>';
/** Any account id, as recordings show it. */
export const ACCOUNT_SYMBOL = '<account>';

/** A symbol of a resource: its kind and number, a FIFO name's suffix, and which identifier of it (`arn(…)`, `url(…)`). */
export interface ParsedSymbol {
  kind: string;
  n: number;
  fifo: boolean;
  of?: 'arn' | 'url';
}

const SYMBOL = /^(?:(arn|url)\()?([a-z][a-z0-9-]*)#(\d+)(\.fifo)?(\))?$/;

/** `queue#0`, `arn(key#1)`, `topic#2.fifo` as their parts; undefined for anything else (`<run>`, a concrete value). */
export function parseSymbol(sym: string): ParsedSymbol | undefined {
  const m = SYMBOL.exec(sym);
  if (!m || Boolean(m[1]) !== Boolean(m[5])) return undefined;
  return { kind: m[2]!, n: Number(m[3]), fifo: m[4] !== undefined, ...(m[1] ? { of: m[1] as 'arn' | 'url' } : {}) };
}

/** The symbol of the n-th resource of a kind, or of one of its other identifiers. */
export const symbolOf = (kind: string, n: number, of?: 'arn' | 'url'): string => (of ? `${of}(${kind}#${n})` : `${kind}#${n}`);

/** One scenario's symbols: concrete identifier → symbol, the run prefix shown as `<run>`. */
export class SymbolTable {
  readonly #symbols = new Map<string, string>();
  /** The next number of each kind (`queue#2`). */
  readonly #counts = new Map<string, number>();

  constructor(prefix: string) {
    // Names the run made but never created (a rejected alias) show the prefix as `<run>`: the same seed gives the same report.
    this.#symbols.set(prefix, RUN_SYMBOL);
  }

  /** Concrete identifier → symbol, read-only. */
  get map(): ReadonlyMap<string, string> {
    return this.#symbols;
  }

  has(id: string): boolean {
    return this.#symbols.has(id);
  }

  /**
   * A name the client chooses (a queue's, a topic's: the resource kind's `create.name`) gets its symbol when it is
   * first sent, whatever the answer: the same input then reads the same on every target (a replay elsewhere
   * compares step for step).
   */
  named(r: ResourceKind, op: string, input: Fields): void {
    if (r.create.operation !== op || !r.create.name) return;
    const name = r.create.name(input);
    if (typeof name === 'string' && !this.#symbols.has(name)) this.#add(r.kind, [name]);
  }

  /**
   * A resource the scenario created, by the identifier it is deleted by: it gets a symbol (its other identifiers
   * `arn(…)` of it), or the symbol of the name it was created with. False when the identifier already stands for
   * something else of the scenario: then it is not this creation's to track.
   */
  created(r: ResourceKind, id: string, input: Fields, out: Fields): boolean {
    const name = r.create.name?.(input);
    // An identifier that is the name the client chose (an S3 bucket's) already has its symbol from `named`.
    if (this.#symbols.has(id) && id !== name) return false;
    if (id === name) {
      // Named when sent.
    } else if (r.create.symbolic === false) {
      // Shown as sent (the run prefix as `<run>`), never replaced by a symbol.
    } else if (typeof name === 'string' && this.#symbols.has(name)) this.#symbols.set(id, this.#symbols.get(name)!);
    else this.#add(r.kind, [id, ...(r.create.others?.(out) ?? [])]);
    return true;
  }

  /** Calls whose answer shows another identifier of one the table knows (GetQueueAttributes' QueueArn): `arn(queue#0)`. */
  learn(r: ResourceKind, op: string, input: Fields, out: Fields): void {
    for (const l of r.learn ?? []) {
      if (l.operation !== op) continue;
      const known = l.known(input);
      const arn = l.arn(out);
      if (typeof known === 'string' && typeof arn === 'string' && arn && this.#symbols.has(known)) this.#symbols.set(arn, `arn(${this.#symbols.get(known)})`);
    }
  }

  /**
   * What reports show of a value: every concrete resource identifier replaced by its symbol, and
   * long strings (message bodies near the size limit) cut to their start and their length.
   */
  symbolize(v: unknown): unknown {
    const keys = [...this.#symbols.keys()].sort((a, b) => b.length - a.length);
    const walk = (x: unknown): unknown => {
      if (typeof x === 'string') {
        let s = x;
        for (const k of keys) if (s.includes(k)) s = s.split(k).join(this.#symbols.get(k)!);
        return abbreviate(s);
      }
      if (x instanceof Uint8Array) return `<${x.length} bytes>`;
      if (Array.isArray(x)) return x.map(walk);
      if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, val]) => [k, walk(val)]));
      return x;
    };
    return walk(v);
  }

  #add(kind: string, values: unknown[]): void {
    const n = this.#counts.get(kind) ?? 0;
    this.#counts.set(kind, n + 1);
    const [primary, ...others] = values;
    if (typeof primary === 'string' && primary) this.#symbols.set(primary, symbolOf(kind, n));
    for (const o of others) if (typeof o === 'string' && o) this.#symbols.set(o, symbolOf(kind, n, 'arn'));
  }
}
