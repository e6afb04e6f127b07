/**
 * `npm run reliability:alone [-- --target moto]`: each clause that declares account-wide shared state (`shares`),
 * run alone on a freshly started target (default moto), against the target's baseline, with the default seed the
 * baseline was written with. A clause whose verdict alone is not what the baseline says depends on what the clauses
 * before it left behind, and would fail a `--clause` or `--shard` run that the whole run passes: the figure must be
 * 0. Writes the `<target>-alone` section of docs/reliability.md after every clause. Without real-time windows.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import os from 'node:os';
import { readBaseline } from '../src/baseline.js';
import { runConformance } from '../src/runner.js';
import { loadClauses } from '../src/spec-loader.js';
import { meets, requirementsOf } from '../src/target.js';
import { targetModule } from '../test-targets/registry.js';
import { writeReliabilitySection } from './reliability-doc.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const target = arg('--target') ?? 'moto';
const m = targetModule(target);
const baseline = readBaseline(m.baseline!);
const clauses = (await loadClauses()).filter((c) => (c.shares?.length ?? 0) > 0);
// Not observable is what the whole run gives too only where the target's capabilities or its baseline say so (as the
// matrix predicts it); a clause that observes nothing alone but is judged in the whole run is what this measures.
const capabilities = m.create({});
const expectedNotObservable = (c: (typeof clauses)[number]) =>
  requirementsOf(c).some((r) => !meets(capabilities, r)) || baseline[c.id]?.verdict === 'not-observable';
const date = new Date().toISOString().slice(0, 10);
const name = `${target}-alone`;

const rows: string[] = [];
const off: string[] = [];
const t0 = Date.now();

function section(): string {
  return `<!-- reliability:${name} -->
## ${target} ${m.version ?? ''}, each clause alone

Produced by \`npm run reliability:alone -- --target ${target}\` on ${date}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}:
${rows.length} of ${clauses.length} clauses that declare shared state run, each alone on a freshly started ${target}, default seed, ${Math.round((Date.now() - t0) / 1000)} s in all.

**Verdicts that differ from the baseline alone: ${off.length}.**
${off.length ? `\n${off.map((o) => `- ${o.replace(/\|/g, '\\|')}`).join('\n')}\n` : ''}
| verdict alone | clauses |
|---|---|
${[...new Set(rows)].map((v) => `| ${v} | ${rows.filter((r) => r === v).length} |`).join('\n')}
<!-- /reliability:${name} -->
`;
}

for (const clause of clauses) {
  const report = await runConformance(m.create({}), { clauses: [clause], baseline });
  const c = report.clauses[0];
  const verdict: string = report.target.unavailable ? 'target unavailable' : (c?.verdict ?? 'not run');
  rows.push(verdict);
  if (!(['pass', 'expected-fail', 'expected-error'].includes(verdict) || (verdict === 'not-observable' && expectedNotObservable(clause))))
    off.push(`\`${clause.id}\`: ${verdict} — ${report.target.unavailable ?? c?.reason ?? ''}`);
  writeReliabilitySection(name, section());
  process.stdout.write(`${target} ${clause.id}: ${verdict}\n`);
}
process.stdout.write(`${target}: ${off.length} of ${clauses.length} clauses differ from the baseline alone; wrote docs/reliability.md\n`);
