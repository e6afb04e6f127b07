/**
 * `sse-conformance/vitest`: the specification as vitest tests, one per clause, the way
 * @fast-check/vitest turns properties into tests (vitest is an optional peer dependency, imported
 * only here). A clause the target cannot observe is skipped with the reason (`ctx.skip`); a clause
 * the baseline expects to fail, or to end in a target fault it names, is an `it.fails` test; a
 * failure's message carries the clause, the seed and path, the replay command and the steps.
 *
 *   import { describeConformance } from 'sse-conformance/vitest';
 *   describeConformance('reference');
 */
import { afterAll, beforeAll, describe, test, type TestContext } from 'vitest';
import { baselineFile, makeTarget } from '../test-targets/registry.js';
import { fromOlderEntries, readBaseline } from '../src/baseline.js';
import type { Clause } from '../src/clause.js';
import { replayCommand, stepLine } from './cli/console-report.js';
import type { ClauseResult } from '../src/report.js';
import type { Baseline } from '../src/judge.js';
import { DEFAULT_SEED, runClause } from '../src/runner.js';
import { selectClauses } from '../src/select.js';
import { loadClauses } from '../src/spec-loader.js';
import type { Target } from '../src/target.js';
import { existsSync } from 'node:fs';

export interface ConformanceSuiteOptions {
  /** The describe block's name (default: `SSE specification on <target>`). */
  name?: string;
  /** Only clauses whose id matches one of these globs (`sqs.*`), as `run --clause`. */
  clauses?: string[];
  /** Only clauses with every one of these feature tags, as `run --tag`. */
  tags?: string[];
  /** The run's seed (default: the CLI's, so a failure replays with the printed command). */
  seed?: number;
  /** Generated runs per clause (default: the target's profile, else 25). */
  runs?: number;
  /**
   * Known deviations: a baseline object, or the path of a baseline file. Default: a built-in
   * target named by string uses its own baseline (`sse-conformance/baselines/<name>.json`); false: none.
   */
  baseline?: Baseline | string | false;
  /** Per-test timeout in ms (default 300,000: a real-time data-key window waits about two minutes). */
  timeout?: number;
}

/** A clause that did not hold: the message is the whole story, so the stack is left out. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * Declares one vitest test per clause of the specification against `target`: a built-in target's
 * name (`'reference'`, `'moto'`, …), or any object implementing `Target`. Call it at the top level
 * of a test file (or inside a describe); it starts the target before the first test and disposes
 * of it after the last.
 */
export function describeConformance(target: Target | string, options: ConformanceSuiteOptions = {}): void {
  const t = typeof target === 'string' ? makeTarget(target) : target;
  const baseline = baselineOf(target, options.baseline);
  const seed = options.seed ?? DEFAULT_SEED;
  describe(options.name ?? `SSE specification on ${t.name}`, async () => {
    const clauses = selectClauses(await loadClauses(), { clause: options.clauses, tag: options.tags });
    if (clauses.length === 0) throw new Error(`sse-conformance: no clause matches ${[...(options.clauses ?? []), ...(options.tags ?? [])].join(', ')}`);
    beforeAll(() => t.start(), options.timeout ?? 300_000);
    afterAll(() => t.dispose());
    const prefix = t.namePrefix ?? `ssec-${Math.random().toString(36).slice(2, 8)}`;
    for (const [i, clause] of clauses.entries()) {
      const known = baseline?.[clause.id];
      const expectedToFail = (known?.deviations?.length ?? 0) > 0 || known?.fault !== undefined;
      const run = async (ctx: TestContext) => {
        const r = await runClause(t, clause, { seed, runs: options.runs ?? t.defaultRuns ?? 25, baseline, prefix: `${prefix}${i}` });
        judge(r, clause, t, expectedToFail, ctx);
      };
      (expectedToFail ? test.fails : test)(clause.id, { timeout: options.timeout ?? 300_000 }, run);
    }
  });
}

function baselineOf(target: Target | string, given: ConformanceSuiteOptions['baseline']): Baseline | undefined {
  if (given === false) return undefined;
  // An object written for an older release may still name an entry's verdict `observed`
  if (typeof given === 'object') return fromOlderEntries(given);
  if (typeof given === 'string') return readBaseline(given);
  const own = typeof target === 'string' ? baselineFile(target) : undefined;
  return own && existsSync(own) ? readBaseline(own) : undefined;
}

/**
 * Turns a verdict into what vitest shows. In an `it.fails` test (the baseline names deviations or a
 * fault) only the expected failure or error throws; a new deviation, a stale entry or another error
 * returns, so vitest fails it ("Expect test to fail"), and the story goes into an annotation the reporters print.
 */
function judge(r: ClauseResult, clause: Clause, target: Target, expectedToFail: boolean, ctx: TestContext): void {
  switch (r.verdict) {
    case 'pass':
      return;
    case 'not-observable':
      ctx.skip(`not observable: ${r.reason ?? ''}`);
      return;
    case 'expected-fail':
      throw new ConformanceFailure(`expected failure (baseline): ${failureText(r, clause, target)}`);
    case 'expected-error':
      throw new ConformanceFailure(`expected error (baseline): ${failureText(r, clause, target)}`);
    default: {
      const text = failureText(r, clause, target);
      if (!expectedToFail) throw new ConformanceFailure(text);
      void ctx.annotate(`${r.verdict === 'unexpected-pass' ? 'unexpected pass' : r.verdict}: ${text}`, 'error');
    }
  }
}

/** The clause, why, and for each deviation its seed and path, the replay command and the steps. */
export function failureText(r: ClauseResult, clause: Pick<Clause, 'id' | 'level' | 'title'>, target: Pick<Target, 'name' | 'endpoint'>): string {
  const lines = [`${clause.id} (${clause.level}): ${clause.title}`, `${r.verdict}: ${r.reason ?? ''}`];
  const where = { name: target.name, ...(target.endpoint ? { endpoint: target.endpoint } : {}) };
  const deviations = r.deviations ?? (r.counterexample ? [{ signature: r.reason ?? '', counterexample: r.counterexample }] : []);
  for (const [n, d] of deviations.entries()) {
    const ce = d.counterexample;
    lines.push(
      '',
      `${deviations.length > 1 ? `deviation ${n + 1} of ${deviations.length}: ${d.signature}; ` : ''}counterexample (seed ${ce.seed}, path ${ce.path}):`,
    );
    lines.push(...ce.steps.map(stepLine));
    lines.push(`replay: ${replayCommand(clause.id, ce, where)}`);
  }
  return lines.join('\n');
}
