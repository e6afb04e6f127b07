/**
 * `npm run reliability [-- --target moto --seeds N --concurrency C]`: runs the whole specification on a target
 * (default moto) once per seed (1…N, default 20) against its baseline, at the target's default concurrency
 * (measured, test-targets/<name>/measured.json) unless told otherwise, and counts verdict flips: clauses whose
 * verdict on a seed is not what the baseline says (a failure, a stale entry, an error it does not name). A
 * baseline must hold for any seed, and at any concurrency, so the figure must be 0. Writes the target's section
 * of docs/reliability.md after every seed (the other targets' sections stay as they are). Emulators run without
 * real-time windows here (the data-key window clauses are not observable; each has one input, so no seed changes it).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { readBaseline } from '../src/baseline.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { concurrencyOf } from '../src/target.js';
import { targetModule } from '../test-targets/registry.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const seeds = Number(arg('--seeds') ?? 20);
const target = arg('--target') ?? 'moto';
const asked = arg('--concurrency') === undefined ? undefined : Number(arg('--concurrency'));
const m = targetModule(target);
const baseline = readBaseline(m.baseline!);
const clauses = await loadClauses();
const concurrency = concurrencyOf(m.create({}), asked);
const command = `npm run reliability -- --target ${target} --seeds ${seeds}${asked === undefined ? '' : ` --concurrency ${asked}`}`;
const date = new Date().toISOString().slice(0, 10);
const load = () => os.loadavg()[0]!.toFixed(1);
const DOC = join(PACKAGE_ROOT, 'docs/reliability.md');

const HEAD = `# Reliability

Produced by \`npm run reliability\` (scripts/reliability.ts): the whole specification on a target once per seed,
judged against its baseline (\`test-targets/<target>/baseline.json\`, written with the default seed), its clauses run
concurrently as many at once as the target's measured default (test-targets/<target>/measured.json). A flip is a
clause whose verdict on a seed is not what the baseline says. A baseline must hold for any seed, and at any
concurrency: the target figure is 0. A run is what \`sse-conformance run --target <target> --seed N\` does, without
real-time windows.

What faults of the target do to verdicts (latency, HTTP 500, throttling, resets, truncation, silence, one fault on
each cleanup call) is measured separately, by \`npm run fault-table\`: [faults.md](faults.md).

Cleanup and liveness under faults (held by tests, not measured here): cleanup retries each delete as steps retry
throttling, and a 5xx or a dropped connection too (a delete is idempotent), so one fault on any cleanup call changes no
verdict (the fault table's cleanup rows, \`test/cleanup-faults.test.ts\`); a delete that a fault keeps blocking makes
its clause an error naming the leftover. A target counts as gone only after five probes over 3.75 s (or one that
times out), and the start-up probe asks a dropped connection again the same way (\`test/liveness.test.ts\`). A
target that goes silent with deletes pending ends the run in two request timeouts (\`test/silent-cleanup.test.ts\`).
An emulator process dies with a CLI killed by SIGKILL (\`test/kill-cli.test.ts\`).
`;

const flips = new Map<string, string[]>();
const rows: string[] = [];
const times: number[] = [];

function section(): string {
  const total = [...flips.values()].reduce((n, v) => n + v.length, 0);
  const done = rows.length;
  const sorted = [...times].sort((a, b) => a - b);
  return `<!-- reliability:${target} -->
## ${target} ${m.version ?? ''}

Produced by \`${command}\` on ${date}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}:
${concurrency} ${concurrency === 1 ? 'clause' : 'clauses'} at once${asked === undefined ? " (the target's default)" : ''}, ${clauses.length} clauses, ${done} of ${seeds} seeds run${done < seeds ? ' so far' : ''};
a whole run took ${sorted[0] ?? 0}–${sorted.at(-1) ?? 0} s (median ${sorted[Math.floor(sorted.length / 2)] ?? 0} s) on this shared machine, whose load average (1 minute) is shown per seed.

**Verdict flips: ${total}** (in ${flips.size} clauses, over ${done} seeds).

| seed | pass | expected failures | expected errors | flips | time | load at the start |
|---|---|---|---|---|---|---|
${rows.join('\n')}
${
  flips.size
    ? `\n### Clauses that flipped\n\n${[...flips]
        .map(
          ([id, why]) =>
            `- \`${id}\` (${why.length} of ${done} seeds)\n${why
              .slice(0, 3)
              .map((w) => `  - ${w.replace(/\|/g, '\\|')}`)
              .join('\n')}`,
        )
        .join('\n')}\n`
    : ''
}<!-- /reliability:${target} -->
`;
}

/** The document with this target's section in place (after the others, before the generated bad-input section). */
function write(): void {
  const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const sections = [...previous.matchAll(/<!-- reliability:([\w-]+) -->[\s\S]*?<!-- \/reliability:\1 -->\n/g)].filter((s) => s[1] !== target).map((s) => s[0]);
  // The generated bad-input section is measured by `npm run bad-input`: kept as it is.
  const badInput = /<!-- bad-input:[\s\S]*?<!-- \/bad-input -->\n/.exec(previous)?.[0];
  writeFileSync(DOC, [HEAD, ...sections, section(), ...(badInput ? [badInput] : [])].join('\n'));
}

for (let seed = 1; seed <= seeds; seed++) {
  const loadAtStart = load();
  const t0 = Date.now();
  const report = await runConformance(m.create({}), { clauses, seed, baseline, ...(asked === undefined ? {} : { concurrency: asked }) });
  // An error the baseline names (a deterministic target fault, by its signature) is an expected error, not a flip.
  const off = report.clauses.filter((c) => c.verdict === 'fail' || c.verdict === 'unexpected-pass' || c.verdict === 'error');
  if (report.target.unavailable) flips.set('(the target)', [...(flips.get('(the target)') ?? []), `seed ${seed}: ${report.target.unavailable}`]);
  for (const c of off) flips.set(c.id, [...(flips.get(c.id) ?? []), `seed ${seed}: ${c.verdict} — ${c.reason}`]);
  const seconds = Math.round((Date.now() - t0) / 1000);
  times.push(seconds);
  rows.push(
    `| ${seed} | ${report.summary.pass} | ${report.summary['expected-fail']} | ${report.summary['expected-error'] ?? 0} | ${off.length} | ${seconds} s | ${loadAtStart} |`,
  );
  write();
  process.stdout.write(`${target} seed ${seed}: ${off.length} flips, ${seconds} s\n`);
}
const total = [...flips.values()].reduce((n, v) => n + v.length, 0);
process.stdout.write(`${target}: verdict flips: ${total}; wrote docs/reliability.md\n`);
