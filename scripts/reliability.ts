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
import os from 'node:os';
import { readBaseline } from '../src/baseline.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { concurrencyOf } from '../src/target.js';
import { targetModule } from '../test-targets/registry.js';
import { writeReliabilitySection } from './reliability-doc.js';

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
  writeReliabilitySection(target, section());
  process.stdout.write(`${target} seed ${seed}: ${off.length} flips, ${seconds} s\n`);
}
const total = [...flips.values()].reduce((n, v) => n + v.length, 0);
process.stdout.write(`${target}: verdict flips: ${total}; wrote docs/reliability.md\n`);
