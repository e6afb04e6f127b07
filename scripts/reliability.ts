/**
 * `npm run reliability [-- --seeds N]`: runs the whole specification on moto once per seed
 * (1…N, default 20) against moto's baseline, and counts verdict flips: clauses whose verdict on a
 * seed is not what the baseline says (a failure, a stale entry, an error it does not name). A baseline must hold for
 * any seed, so the figure must be 0. Writes docs/reliability.md. Emulators run without real-time
 * windows here (the data-key window clause is not observable; it has one input, so no seed changes it).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { readBaseline } from '../src/baseline.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { targetModule } from '../test-targets/registry.js';

const seedsArg = process.argv.indexOf('--seeds');
const seeds = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 20;
const target = process.argv.includes('--target') ? process.argv[process.argv.indexOf('--target') + 1]! : 'moto';
const m = targetModule(target);
const baseline = readBaseline(m.baseline!);
const clauses = await loadClauses();
const flips = new Map<string, string[]>();
const rows: string[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const t0 = Date.now();
  const report = await runConformance(m.create({}), { clauses, seed, baseline });
  // An error the baseline names (a deterministic target fault, by its signature) is an expected error, not a flip.
  const off = report.clauses.filter((c) => c.verdict === 'fail' || c.verdict === 'unexpected-pass' || c.verdict === 'error');
  for (const c of off) flips.set(c.id, [...(flips.get(c.id) ?? []), `seed ${seed}: ${c.verdict} — ${c.reason}`]);
  rows.push(
    `| ${seed} | ${report.summary.pass} | ${report.summary['expected-fail']} | ${report.summary['expected-error'] ?? 0} | ${off.length} | ${((Date.now() - t0) / 1000).toFixed(0)} s |`,
  );
  process.stdout.write(`seed ${seed}: ${off.length} flips\n`);
}
const total = [...flips.values()].reduce((n, v) => n + v.length, 0);
const doc = `# Reliability

Produced by \`npm run reliability -- --target ${target} --seeds ${seeds}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},
${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}: the whole specification on ${target} ${m.version ?? ''} once per seed, judged against
its baseline (\`test-targets/${target}/baseline.json\`, written with the default seed). A flip is a clause whose verdict on a
seed is not what the baseline says. A baseline must hold for any seed: the target figure is 0.

What faults of the target do to verdicts (latency, HTTP 500, throttling, resets, truncation, silence, one fault on
each cleanup call) is measured separately, by \`npm run fault-table\`: [faults.md](faults.md).

Cleanup and liveness under faults (held by tests, not measured here): cleanup retries each delete as steps retry
throttling, and a 5xx or a dropped connection too (a delete is idempotent), so one fault on any cleanup call changes no
verdict (the fault table's cleanup rows, \`test/cleanup-faults.test.ts\`); a delete that a fault keeps blocking makes
its clause an error naming the leftover. A target counts as gone only after five probes over 3.75 s (or one that
times out), and the start-up probe asks a dropped connection again the same way (\`test/liveness.test.ts\`). A
target that goes silent with deletes pending ends the run in two request timeouts (\`test/silent-cleanup.test.ts\`).
An emulator process dies with a CLI killed by SIGKILL (\`test/kill-cli.test.ts\`).

**Verdict flips: ${total}** (in ${flips.size} clauses, over ${seeds} seeds).

| seed | pass | expected failures | expected errors | flips | time |
|---|---|---|---|---|---|
${rows.join('\n')}

${
  flips.size
    ? `## Clauses that flipped\n\n${[...flips]
        .map(
          ([id, why]) =>
            `- \`${id}\` (${why.length} of ${seeds} seeds)\n${why
              .slice(0, 3)
              .map((w) => `  - ${w.replace(/\|/g, '\\|')}`)
              .join('\n')}`,
        )
        .join('\n')}\n`
    : ''
}`;
// The generated bad-input section is measured by `npm run bad-input`: kept as it is.
const previous = existsSync(join(PACKAGE_ROOT, 'docs/reliability.md')) ? readFileSync(join(PACKAGE_ROOT, 'docs/reliability.md'), 'utf8') : '';
const badInput = /<!-- bad-input:[\s\S]*?<!-- \/bad-input -->\n/.exec(previous)?.[0];
writeFileSync(join(PACKAGE_ROOT, 'docs/reliability.md'), badInput ? `${doc.trimEnd()}\n\n${badInput}` : doc);
process.stdout.write(`verdict flips: ${total}; wrote docs/reliability.md\n`);
