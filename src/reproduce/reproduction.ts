/**
 * A replayed counterexample as a neutral list of steps that emitters (node.ts, aws-cli.ts) turn
 * into standalone scripts. It is built from the raw steps a session recorded (exact inputs, never
 * the symbolised and cut report steps) and the session's symbol map: every concrete identifier the
 * target assigned becomes a variable captured from the output of the step that returned it, and the
 * run prefix becomes the script's own prefix (of the same length, so that names keep their length).
 */
import type { Clause } from '../clause.js';
import { spellingsOf, type Service } from '../errors/codes.js';
import { describeExpected, type Expected } from '../outcome.js';
import type { ReplayedSteps } from '../runner.js';
import { fromRegistry, services } from '../services/registry.js';

/** Literal text, or the value of a script variable (`RUN`: the script's run prefix). */
export type Part = string | { variable: string };

export type Value =
  | { kind: 'text'; parts: Part[] }
  | { kind: 'bytes'; base64: string }
  | { kind: 'date'; iso: string }
  | { kind: 'plain'; value: number | boolean | null }
  | { kind: 'list'; items: Value[] }
  | { kind: 'record'; entries: [string, Value][] };

/** A path into an output: field names and list indices. */
export type OutputPath = (string | number)[];

export interface Capture {
  variable: string;
  path: OutputPath;
}

/** What the target answered during the replay, as reports show it (symbols, cut strings). */
export type Answer = { ok: true } | { ok: false; code: string; name: string; httpStatus?: number; message: string };

export interface ReproStep {
  /** 1-based, as the replay numbers steps. */
  n: number;
  service: Service;
  op: string;
  principal: number;
  /** Milliseconds the clause let pass before this step (data-key reuse windows). */
  waitMs?: number;
  input: Value;
  /** Identifiers this step's output holds that later steps (or the final check) need. */
  captures: Capture[];
  /** What the target answered during the replay. */
  replayed: Answer;
}

/** The step the clause judged last, and how. */
export type Judgement =
  /** The call's outcome: success or one of these canonical codes. */
  | { kind: 'outcome'; allowed: Expected[] }
  /**
   * A value of the output: `path` locates it when the clause compared a field as returned; without
   * a path the clause derived what it compared (parsed bodies, counts), and a person has to read it.
   */
  | { kind: 'value'; what: string; expected: Value; observed: Value; path?: OutputPath };

export interface Reproduction {
  clause: { id: string; title: string; level: string; source: string };
  seed: number;
  path: string;
  target: { name: string; endpoint?: string };
  /** Length of the replay's run prefix: the script's own prefix has the same length. */
  prefixLength: number;
  steps: ReproStep[];
  /**
   * The failing step (the last one) and the clause's expectation on it; `aws` and `target` state
   * what AWS answers and what the target answered, in one line each (report forms: symbols, cut strings).
   */
  judged: { step: number; judgement: Judgement; aws: string; target: string };
  /** Every spelling of the canonical codes the script compares with, per `service:code`. */
  spellings: Record<string, string[]>;
  /** Steps that act as a second identity (principal ≠ 0). */
  otherPrincipals: number[];
}

export const RUN_VARIABLE = 'RUN';

/** Where each operation returns identifiers that later inputs name, and the variable suffix for each (src/services/: each entry's `captures`). */
const captures = fromRegistry(
  () =>
    new Map<string, readonly (readonly [OutputPath, string])[]>(
      services().flatMap((e) => Object.entries(e.captures ?? {}).map(([op, c]) => [`${e.name}:${op}`, c as readonly (readonly [OutputPath, string])[]])),
    ),
);

export class NotReproducibleError extends Error {
  override readonly name = 'NotReproducibleError';
}

/** The neutral reproduction of a replayed counterexample whose last step failed the clause. */
export function toReproduction(
  clause: Pick<Clause, 'id' | 'title' | 'level' | 'sources'>,
  replay: { seed: number; path: string; target: { name: string; endpoint?: string }; replayed: ReplayedSteps },
): Reproduction {
  const { replayed } = replay;
  // The step the replay was judged by, and nothing after it: a scenario goes on after a failed soft check,
  // and what it did later cannot change what that step answered.
  const raw = replayed.judged ? replayed.steps.slice(0, replayed.judged.step + 1) : replayed.steps;
  const last = raw.at(-1);
  if (!last) throw new NotReproducibleError(`the replay of ${clause.id} made no call: nothing to reproduce`);
  const captured = new Map<string, Capture & { step: number }>(); // concrete value → where it is captured
  const names = new Set<string>();
  raw.forEach((r, i) => {
    for (const [path, suffix] of captures().get(`${r.step.service}:${r.step.op}`) ?? []) {
      const v = valueAt(r.output, path);
      const symbol = typeof v === 'string' ? replayed.symbols.get(v) : undefined;
      if (typeof v !== 'string' || !symbol || captured.has(v)) continue;
      let variable = variableName(symbol, suffix);
      while (names.has(variable)) variable += '_';
      names.add(variable);
      captured.set(v, { variable, path, step: i });
    }
  });
  // A value becomes a variable from the step after the one that captured it.
  const substitutions = (upTo: number): [string, string][] => [
    [replayed.prefix, RUN_VARIABLE],
    ...[...captured].filter(([, c]) => c.step < upTo).map(([v, c]) => [v, c.variable] as [string, string]),
  ];
  const used = new Set<string>();
  const convert = (x: unknown, upTo: number) => toValue(x, substitutions(upTo), used);
  const steps: ReproStep[] = raw.map((r, i) => ({
    n: i + 1,
    service: r.step.service as Service,
    op: r.step.op,
    principal: r.step.principal,
    ...(r.waitedMs ? { waitMs: r.waitedMs } : {}),
    input: convert(r.input ?? {}, i),
    captures: [],
    replayed: answerOf(r.step.observed),
  }));
  const judged = replayed.judged?.check ? { ...last, check: replayed.judged.check } : last;
  const judgement = judge(judged, (x) => convert(x, raw.length));
  for (const [, c] of captured) if (used.has(c.variable)) steps[c.step]!.captures.push({ variable: c.variable, path: c.path });
  const spellings: Record<string, string[]> = {};
  const codes = (s: ReproStep) => [
    ...(s.replayed.ok ? [] : [s.replayed.code]),
    ...(s === steps.at(-1) && judgement.kind === 'outcome' ? judgement.allowed.flatMap((a) => (a.ok ? [] : [a.code])) : []),
  ];
  for (const s of steps) {
    for (const code of codes(s)) {
      // The name the SDK gave during the replay counts too (a protocol error has no spelling in the table).
      const seen = !s.replayed.ok && s.replayed.code === code ? [s.replayed.name] : [];
      spellings[`${s.service}:${code}`] = [...new Set([...(spellings[`${s.service}:${code}`] ?? []), ...spellingsFor(s.service, code), ...seen])];
    }
  }
  return {
    clause: { id: clause.id, title: clause.title, level: clause.level, source: clause.sources[0]?.url ?? '' },
    seed: replay.seed,
    path: replay.path,
    target: replay.target,
    prefixLength: replayed.prefix.length,
    steps,
    judged: { step: steps.length, judgement, ...statements(last.step, judgement) },
    spellings,
    otherPrincipals: steps.filter((s) => s.principal !== 0).map((s) => s.n),
  };
}

/** `key#0` + `Arn` → `key0Arn`; `arn(queue#1)` + `Arn` → `queue1Arn`. */
function variableName(symbol: string, suffix: string): string {
  const m = /([a-z]+)#(\d+)/.exec(symbol);
  return m ? `${m[1]}${m[2]}${suffix}` : `value${suffix}`;
}

/** The spellings a script compares with: the table's, else the error name itself (`Unmapped:X` → X). */
function spellingsFor(service: Service, code: string): string[] {
  if (code.startsWith('Unmapped:')) return [code.slice('Unmapped:'.length)];
  const known = spellingsOf(service, code);
  return known.length ? known : [code];
}

function answerOf(observed: Record<string, unknown>): Answer {
  if (observed.ok) return { ok: true };
  return {
    ok: false,
    code: String(observed.code),
    name: String(observed.name),
    ...(typeof observed.httpStatus === 'number' ? { httpStatus: observed.httpStatus } : {}),
    message: String(observed.message ?? ''),
  };
}

/**
 * The clause's expectation on the failing step. A value check whose observed value sits in the
 * output under the name the clause gave it (`KmsDataKeyReusePeriodSeconds` in `Attributes`) can be
 * decided by a script; a check of something derived (a count, a parsed body), or whose expectation
 * is a description such as `(absent)`, cannot.
 */
function judge(last: ReplayedSteps['steps'][number], convert: (x: unknown) => Value): Judgement {
  const expected = (last.step.expected ?? []) as (Expected & Record<string, unknown>)[];
  const check = last.check;
  const isValueCheck = check !== undefined && expected.length === 1 && Object.keys(expected[0]!).some((k) => k !== 'ok');
  if (!isValueCheck) {
    const allowed = expected.map((e) => (e.ok ? { ok: true as const } : { ok: false as const, code: String(e.code) }));
    if (allowed.length === 0)
      throw new NotReproducibleError(
        `the last step (${last.step.service} ${last.step.op}) carries no expectation: the clause judged something a script cannot see`,
      );
    return { kind: 'outcome', allowed };
  }
  const descriptive = typeof check.expected === 'string' && /^\(.*\)$/.test(check.expected);
  const path =
    descriptive || !isScalar(check.expected) ? undefined : (find(last.output, check.what.split('.'), check.observed) ?? absentAttribute(last, check));
  return { kind: 'value', what: check.what, expected: convert(check.expected), observed: convert(check.observed ?? null), ...(path ? { path } : {}) };
}

/** What AWS answers and what the target answered on the judged step, from the report step. */
function statements(step: ReplayedSteps['steps'][number]['step'], j: Judgement): { aws: string; target: string } {
  const o = step.observed;
  const call = o.ok ? 'success' : `${String(o.code)} (${String(o.name)}, HTTP ${String(o.httpStatus ?? '?')}): ${String(o.message ?? '').replace(/\s+/g, ' ')}`;
  if (j.kind === 'outcome') return { aws: describeExpected(j.allowed), target: call };
  const shown = (x: unknown) => (x === undefined ? '(absent)' : typeof x === 'string' ? x : JSON.stringify(x));
  const expected = (step.expected?.[0] as Record<string, unknown> | undefined)?.[j.what];
  return { aws: `${j.what}: ${shown(expected)}`, target: `${j.what}: ${shown((o as Record<string, unknown>)[j.what])}` };
}

/**
 * An attribute the target left out of a Get…Attributes answer (the observed value is absent): it
 * would sit in `Attributes` under the name the clause checked.
 */
function absentAttribute(last: ReplayedSteps['steps'][number], check: { what: string; observed: unknown }): OutputPath | undefined {
  const attributes = (last.output as { Attributes?: unknown } | undefined)?.Attributes;
  const read = /^Get\w*Attributes$/.test(last.step.op) && check.observed === undefined && !check.what.includes('.');
  return read && (attributes === undefined || (typeof attributes === 'object' && attributes !== null)) ? ['Attributes', check.what] : undefined;
}

const isScalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/** The path in `output` that ends with `names` and holds exactly `value`, if there is one. */
function find(output: unknown, names: string[], value: unknown): OutputPath | undefined {
  const walk = (x: unknown, path: OutputPath): OutputPath | undefined => {
    const tail = path.slice(-names.length);
    if (path.length >= names.length && tail.every((p, i) => p === names[i]) && x === value) return path;
    if (Array.isArray(x)) {
      for (const [i, item] of x.entries()) {
        const found = walk(item, [...path, i]);
        if (found) return found;
      }
    } else if (x && typeof x === 'object' && !(x instanceof Uint8Array)) {
      for (const [k, v] of Object.entries(x)) {
        const found = walk(v, [...path, k]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return value === undefined ? undefined : walk(output, []);
}

function valueAt(x: unknown, path: OutputPath): unknown {
  return path.reduce<unknown>((v, p) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined), x);
}

/** Plain data → Value; strings split around the concrete values that are variables (longest first). */
function toValue(x: unknown, substitutions: [string, string][], used: Set<string>): Value {
  const longestFirst = [...substitutions].sort((a, b) => b[0].length - a[0].length);
  const walk = (v: unknown): Value => {
    if (typeof v === 'string') return { kind: 'text', parts: template(v, longestFirst, used) };
    if (v instanceof Uint8Array) return { kind: 'bytes', base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (v instanceof Date) return { kind: 'date', iso: v.toISOString() };
    if (Array.isArray(v)) return { kind: 'list', items: v.map(walk) };
    if (v && typeof v === 'object')
      return {
        kind: 'record',
        entries: Object.entries(v)
          .filter(([, e]) => e !== undefined)
          .map(([k, e]) => [k, walk(e)]),
      };
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) return { kind: 'plain', value: v };
    return { kind: 'plain', value: null }; // undefined in a list (the SDK sends nothing for it either)
  };
  return walk(x);
}

function template(s: string, substitutions: [string, string][], used: Set<string>): Part[] {
  let parts: Part[] = [s];
  for (const [concrete, variable] of substitutions) {
    if (!concrete) continue;
    parts = parts.flatMap((p) => {
      if (typeof p !== 'string' || !p.includes(concrete)) return [p];
      used.add(variable);
      return p.split(concrete).flatMap((lit, i) => (i === 0 ? [lit] : [{ variable }, lit]));
    });
  }
  return parts.filter((p) => p !== '');
}
