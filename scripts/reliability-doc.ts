/**
 * docs/reliability.md, written by the reliability scripts: a fixed head, then one section per measurement
 * (`<!-- reliability:<name> -->` … `<!-- /reliability:<name> -->`: scripts/reliability.ts per target,
 * scripts/reliability-alone.ts per target as `<target>-alone`), then the bad-input section `npm run bad-input` writes.
 * Writing a section keeps every other section as it is.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

const DOC = join(PACKAGE_ROOT, 'docs/reliability.md');

const HEAD = `# Reliability

Produced by \`npm run reliability\` (scripts/reliability.ts): the whole specification on a target once per seed,
judged against its baseline (\`test-targets/<target>/baseline.json\`, written with the default seed), its clauses run
concurrently as many at once as the target's measured default (test-targets/<target>/measured.json). A flip is a
clause whose verdict on a seed is not what the baseline says. A baseline must hold for any seed, and at any
concurrency: the target figure is 0. A run is what \`sse-conformance run --target <target> --seed N\` does, without
real-time windows.

Sections named *alone* are produced by \`npm run reliability:alone\` (scripts/reliability-alone.ts): each clause
that declares state shared across the account (\`shares\`, such as the AWS managed keys), run on its own on a
freshly started target, judged against the same baseline. Resource names are prefixed per run, so that state is the
only way an earlier clause can change a later one's verdict; a clause whose verdict differs alone would fail a
\`--clause\` or \`--shard\` run that the whole run passes. The target figure is 0.

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

/**
 * The document with section `name` (`text`, its markers included) in place of its previous text; sections in order
 * of name, so that a target's `<target>-alone` follows its seeds.
 */
export function writeReliabilitySection(name: string, text: string): void {
  const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const sections = new Map([...previous.matchAll(/<!-- reliability:([\w-]+) -->[\s\S]*?<!-- \/reliability:\1 -->\n/g)].map((m) => [m[1]!, m[0]]));
  sections.set(name, text);
  const ordered = [...sections].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => t);
  // The generated bad-input section is measured by `npm run bad-input`: kept as it is.
  const badInput = /<!-- bad-input:[\s\S]*?<!-- \/bad-input -->\n/.exec(previous)?.[0];
  writeFileSync(DOC, [HEAD, ...ordered, ...(badInput ? [badInput] : [])].join('\n'));
}
