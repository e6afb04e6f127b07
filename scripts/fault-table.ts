/**
 * `npm run fault-table [-- --targets moto,reference]`: re-measures the fault table of issue 11. For
 * each target, a control run of a few quick clauses, then the same run through the faulty target
 * (test-targets/faulty/) once per fault: silent after N requests, 20 % HTTP 500, 20 % throttling,
 * 20 % connection resets, 20 % truncated answers, 2 s latency, never answering; then one fault (500, throttling,
 * reset, truncation) on the first call of each cleanup operation, and a DeleteAlias that always fails. Each row says what
 * happened (verdicts, exit code, time) and whether it is right, judged by the rules in `judge` below,
 * not by hand. Writes docs/faults.md. Targets run side by side (silence rows mostly wait).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { readBaseline } from '../src/baseline.js';
import type { Clause } from '../src/clause.js';
import { exitCodeOf } from '../app/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { VERDICTS, type Report } from '../src/report.js';
import type { Baseline } from '../src/judge.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { FaultyTarget, type FaultSpec } from '../test-targets/faulty/index.js';
import { QUICK_CLAUSES } from '../test-targets/faulty/quick-clauses.js';
import { makeTarget, targetModule } from '../test-targets/registry.js';
import { REQUEST_TIMEOUT_MS } from '../test-targets/sdk-target.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const targets = (arg('--targets') ?? 'moto,reference').split(',');
const RUNS = 3;
const SEED = 7;
const FAULT_SEED = 3;
/** The bound of one request on HTTP targets; the reference is given the same one for silence. */
const TIMEOUT_MS = REQUEST_TIMEOUT_MS;

interface Row {
  fault: string;
  spec: (controlRequests: number) => FaultSpec;
  /**
   * Which verdicts are right for this fault, given the control run. `one-fault`: exactly one fault is injected, and
   * every clause keeps its control verdict (a single fault on a cleanup call is retried away).
   */
  kind: 'injected-errors' | 'unchanged' | 'silence' | 'one-fault';
  /** The text an error caused by this fault carries. */
  cause: RegExp;
}

const ROWS: Row[] = [
  {
    fault: 'target silent after N requests (N: 60 % of the control run)',
    spec: (n) => ({ silentAfter: Math.floor(n * 0.6) }),
    kind: 'silence',
    cause: /requestTimeout/,
  },
  {
    fault: '20 % HTTP 500',
    spec: () => ({ serverErrorRate: 0.2 }),
    kind: 'injected-errors',
    cause: /answered HTTP 500 .*injected by the faulty target \(server-error\)/,
  },
  {
    fault: '20 % throttling',
    spec: () => ({ throttleRate: 0.2 }),
    kind: 'injected-errors',
    cause: /still throttled after 4 attempts .*injected by the faulty target \(throttle\)/,
  },
  { fault: '20 % connection resets', spec: () => ({ resetRate: 0.2 }), kind: 'injected-errors', cause: /read ECONNRESET/ },
  {
    fault: '20 % truncated answers (connection dropped mid-body)',
    spec: () => ({ truncateRate: 0.2 }),
    kind: 'injected-errors',
    cause: /failed without a service answer: aborted/,
  },
  { fault: '2 s latency on every request', spec: () => ({ latencyMs: 2_000 }), kind: 'unchanged', cause: /$^/ },
  { fault: 'never answers, from the start', spec: () => ({ silentAfter: 0 }), kind: 'silence', cause: /requestTimeout/ },
  // Cleanup: one fault on the first call of each cleanup operation the quick clauses need (src/services/: each resource kind's delete).
  ...(['DeleteQueue', 'DeleteTopic', 'DeleteAlias', 'ScheduleKeyDeletion'] as const).flatMap((operation) =>
    (
      [
        ['HTTP 500', { serverErrorRate: 1 }],
        ['throttling', { throttleRate: 1 }],
        ['connection reset', { resetRate: 1 }],
        ['truncated answer', { truncateRate: 1 }],
      ] as const
    ).map(
      ([what, rate]): Row => ({
        fault: `one ${what} on the first ${operation} (cleanup)`,
        spec: () => ({ ...rate, operation, maxFaults: 1 }),
        kind: 'one-fault',
        cause: /$^/,
      }),
    ),
  ),
  {
    fault: 'every DeleteAlias answers HTTP 500 (cleanup cannot delete)',
    spec: () => ({ serverErrorRate: 1, operation: 'DeleteAlias' }),
    kind: 'injected-errors',
    cause: /cleanup could not delete what the scenario created, so the clause stops: alias .*\(server-error\) \(after 4 attempts\)/,
  },
];

const counts = (r: Report) =>
  VERDICTS.filter((v) => r.summary[v])
    .map((v) => `${r.summary[v]} ${v === 'not-observable' ? 'not run' : v}`)
    .join(', ');

/**
 * An error for a delete that the row's fault hit on every attempt of cleanup's retries: it names what it left,
 * and quotes the fault (an HTTP 500 or throttling by what the faulty target says, a reset or cut answer by its error).
 */
function leftBehind(row: Row, reason: string): boolean {
  if (!/cleanup could not delete what the scenario created, so the clause stops: .*\(after 4 attempts\)$/.test(reason)) return false;
  const kind = /HTTP 500/.test(row.fault) ? 'server-error' : /throttling/.test(row.fault) ? 'throttle' : undefined;
  return kind ? reason.includes(`injected by the faulty target (${kind})`) : row.cause.test(reason) || /: aborted \(after/.test(reason);
}

/** Whether a faulted run is what it must be; the reasons when it is not. */
function judge(row: Row, control: Report, r: Report, seconds: number, injected: number): string[] {
  const wrong: string[] = [];
  const keeps = (upTo: number) =>
    r.clauses.slice(0, upTo).forEach((c, i) => {
      const before = control.clauses[i]!;
      if (c.verdict === before.verdict) return;
      if (c.verdict === 'error' && (row.cause.test(c.reason ?? '') || leftBehind(row, c.reason ?? ''))) return;
      wrong.push(`${c.id}: ${c.verdict} (without faults: ${before.verdict})`);
    });
  if (row.kind === 'unchanged' || row.kind === 'one-fault') {
    keeps(r.clauses.length);
    if (r.target.unavailable) wrong.push(`run stopped: ${r.target.unavailable}`);
    if (row.kind === 'one-fault' && injected !== 1) wrong.push(`${injected} faults injected, not 1`);
  } else if (row.kind === 'injected-errors') {
    keeps(r.clauses.length);
    if (r.target.unavailable) wrong.push(`run stopped: ${r.target.unavailable}`);
    if (!injected) wrong.push('no fault was injected'); // throttling may leave no error: retries absorb it
  } else {
    const broke = r.clauses.findIndex((c) => c.verdict === 'error');
    if (broke < 0) wrong.push('no clause met the silence');
    else {
      keeps(broke);
      if (!row.cause.test(r.clauses[broke]!.reason ?? '')) wrong.push(`${r.clauses[broke]!.id}: ${r.clauses[broke]!.reason}`);
      if (r.clauses.slice(broke + 1).some((c) => !c.reason?.startsWith('not run:'))) wrong.push('clauses ran after the target stopped answering');
    }
    if (exitCodeOf(r) !== 3) wrong.push(`exit code ${exitCodeOf(r)}`);
    // The README's promise: one request times out, one harmless probe times out, the run stops.
    const bound = (control.durationMs + 2 * TIMEOUT_MS) / 1000 + 5;
    if (seconds > bound) wrong.push(`took ${seconds.toFixed(0)} s, more than two request timeouts (${bound.toFixed(0)} s)`);
  }
  return wrong;
}

async function measure(name: string, clauses: Clause[]): Promise<string[]> {
  const m = targetModule(name);
  const baseline: Baseline | undefined = m.baseline ? readBaseline(m.baseline) : undefined;
  const run = (t: FaultyTarget) => runConformance(t, { clauses, runs: RUNS, seed: SEED, ...(baseline ? { baseline } : {}) });
  const wrap = (spec: FaultSpec) => new FaultyTarget(makeTarget(name), { seed: FAULT_SEED, ...spec }); // in-process silence: 30 s by default, as on HTTP
  const counted = wrap({});
  const control = await run(counted);
  const lines = [`| ${name} | none (control) | ${counts(control)} | — | ${exitCodeOf(control)} | ${(control.durationMs / 1000).toFixed(0)} s | — |`];
  for (const row of ROWS) {
    const spec = row.spec(counted.requests);
    const t = wrap(spec);
    const t0 = Date.now();
    const r = await run(t);
    const seconds = (Date.now() - t0) / 1000;
    const wrong = judge(
      row,
      control,
      r,
      seconds,
      Object.values(t.injected).reduce((a, b) => a + b, 0),
    );
    const injected =
      Object.entries(t.injected)
        .filter(([, n]) => n)
        .map(([f, n]) => `${n} ${f}`)
        .join(', ') || (spec.latencyMs ? `${spec.latencyMs / 1000} s added to each` : 'none');
    const right = wrong.length ? `**no**: ${wrong.join('; ').replace(/\|/g, '\\|')}` : 'yes';
    lines.push(`| ${name} | ${row.fault} | ${counts(r)} | ${injected} of ${t.requests} requests | ${exitCodeOf(r)} | ${seconds.toFixed(0)} s | ${right} |`);
    process.stdout.write(`${name}: ${row.fault}: ${counts(r)}, exit ${exitCodeOf(r)}, ${seconds.toFixed(0)} s, ${wrong.length ? 'WRONG' : 'right'}\n`);
  }
  return lines;
}

const all = await loadClauses();
const clauses = QUICK_CLAUSES.map(
  (id) =>
    all.find((c) => c.id === id) ??
    (() => {
      throw new Error(`no clause ${id}`);
    })(),
);
const measured = await Promise.all(targets.map((t) => measure(t, clauses)));
const rows = measured.flat();
const wrongRows = rows.filter((l) => l.includes('**no**')).length;
const command = `npm run fault-table${arg('--targets') ? ` -- --targets ${targets.join(',')}` : ''}`;
const doc = `# Target faults

Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},
${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, with ${targets.map((t) => `${t} ${targetModule(t).version ?? ''}`.trim()).join(' and ')} (side by side).

Each row runs the same ${clauses.length} quick clauses (${RUNS} generated runs each plus their examples, seed ${SEED}) through the faulty target
(\`test-targets/faulty/\`), which injects one fault through the target's own SDK clients (fault seed ${FAULT_SEED}).
The control row is the same run with nothing injected; baselines apply as in CI. Requests time out after
${TIMEOUT_MS / 1000} s (the reference, which has no HTTP, is given the same bound).

A row is right when no verdict comes from a fault: each clause keeps its control verdict or is an
\`error\` naming the injected fault, and the run goes on (exit code 1, or 0 when retries absorbed every
throttle); 2 s of latency changes nothing;
a target that goes silent ends the run with the clause it broke as \`error\`, the rest not run, exit
code 3, within two request timeouts of the control run's time. One fault on a cleanup call (the first call of
that operation: the quick clauses make each only to clean up) changes no verdict: cleanup retries it, as steps
retry throttling (a delete is idempotent, so 5xx answers and dropped connections are retried too); a delete that
keeps failing makes its clause an \`error\` naming what it left behind.

**Rows not right: ${wrongRows}** of ${rows.length - targets.length}.

| target | fault | verdicts | faults injected | exit code | time | right |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Clauses: ${clauses.map((c) => `\`${c.id}\``).join(', ')}.
`;
writeFileSync(join(PACKAGE_ROOT, 'docs/faults.md'), doc);
process.stdout.write(`rows not right: ${wrongRows}; wrote docs/faults.md\n`);
