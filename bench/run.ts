/** `npm run bench`: runs the benchmarks and writes docs/benchmarks.md. Exits non-zero if a target is missed. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { benchReference, type Row } from './reference.js';
import { benchTargets } from './targets.js';

const asTable = (rows: Row[]) =>
  ['| measure | value | target | met |', '|---|---|---|---|', ...rows.map((r) => `| ${r.name} | ${r.value} | ${r.target} | ${r.ok ? 'yes' : '**no**'} |`)].join(
    '\n',
  );
const reference = await benchReference();
const targets = await benchTargets();
const rows: Row[] = [...reference, ...targets];
const doc = `# Benchmarks

Produced by \`npm run bench\` (\`node --expose-gc --import tsx bench/run.ts\`) on ${new Date().toISOString().slice(0, 10)},
Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}.

Ratios are measured side by side in one process, in interleaved rounds (median of 7 rounds), because
absolute times on these shared machines are noise. The SDK floor is the same SDK client and command
answered by a middleware that returns a constant, in the same stack position the model uses, so the
ratio isolates the model's own cost.

## Reference model

${asTable(reference)}

## Harness and targets

The harness ratio runs the same 200 SendMessage calls against one moto_server, plainly and through a
clause session (normalisation, transcript, symbolic names), alternating, median of 7 rounds. CI-profile
times are one run each of every clause with the target's default number of generated runs (reference 25,
moto 25, fauxqs 25), including starting the emulators, and compared against the baselines.

${asTable(targets)}
`;
mkdirSync('docs', { recursive: true });
writeFileSync('docs/benchmarks.md', doc);
console.log(asTable(rows));
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
