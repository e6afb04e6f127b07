/**
 * `npm run bad-input` (after `npm run build`): gives the built CLI the generated bad input of the CLI test
 * (scripts/bad-input-cases.ts: invalid option values, config files with an invalid setting) and every hostile
 * input class (`hostileCases`: files of every kind, output files that are no files, control characters and bidi,
 * URLs with credentials, numbers written every wrong way), two at a time, with a secret planted in the environment
 * and in the URLs. It counts the tries, stack traces, hangs, echoed secrets, echoed control characters and wrong
 * exits, and writes them into docs/reliability.md as its own section, leaving the rest of that file as it is.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { terminalText } from '../src/terminal-text.js';
import { BUILT_CLI } from '../test/cli-runner.js';
import { badConfig, badOption, HOSTILE_ENV, handled, hostileCases, TRY_TIMEOUT_MS, type Try, tryCliAsync } from './bad-input-cases.js';

if (!existsSync(BUILT_CLI)) {
  process.stderr.write('bad-input: the CLI is not built: run `npm run build` first\n');
  process.exit(2);
}
/** More tries than the test makes (25 and 20): this is the measurement. */
const BAD_OPTION_RUNS = { numRuns: 60, seed: 3 };
const BAD_CONFIG_RUNS = { numRuns: 40, seed: 5 };
const PARALLEL = 2;
const DOC = join(PACKAGE_ROOT, 'docs/reliability.md');
const dir = mkdtempSync(join(tmpdir(), 'ssec-bad-input-'));

/** A port nothing listens on: taken from the system, then let go. */
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
// A valid report and recording to make hostile ones from.
const report = join(dir, 'fixture-report.json');
const recording = join(dir, 'fixture-recording.json');
const made = spawnSync(process.execPath, [BUILT_CLI, 'run', '--clause', 'kms.aliases.*', '--runs', '1', '--format', 'json', '--record', recording], {
  encoding: 'utf8',
});
if (made.status !== 0) throw new Error(`bad-input: the fixture run failed: ${made.stderr}`);
writeFileSync(report, made.stdout);

interface Entry {
  cls: string;
  input: string;
  codes: number[];
  t?: Try;
  args: string[];
  writes?: string[];
}
const entries: Entry[] = [
  ...fc
    .sample(badOption, BAD_OPTION_RUNS)
    .map((args) => ({ cls: 'generated: run option', input: JSON.stringify(['run', ...args]), codes: [2], args: ['run', ...args] })),
  ...fc.sample(badConfig, BAD_CONFIG_RUNS).map((text, i) => {
    const file = join(dir, `generated-config-${i}.json`);
    writeFileSync(file, text);
    return { cls: 'generated: config file', input: text, codes: [2], args: ['run', '--config', file] };
  }),
  ...hostileCases(dir, { report, recording, closedPort }).map((c) => ({ ...c, input: JSON.stringify(c.args).slice(0, 300) })),
];

const t0 = Date.now();
let next = 0;
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    while (next < entries.length) {
      const e = entries[next++]!;
      e.t = await tryCliAsync(e.args, { env: HOSTILE_ENV, ...(e.writes ? { writes: e.writes } : {}) });
      if (!handled(e.t, e.codes)) process.stderr.write(`wrong: ${e.cls}: ${e.input.slice(0, 200)} → ${e.t.code} ${JSON.stringify(e.t.err.slice(0, 300))}\n`);
    }
  }),
);
const seconds = ((Date.now() - t0) / 1000).toFixed(0);
rmSync(dir, { recursive: true, force: true });

const tries = entries as (Entry & { t: Try })[];
const count = (f: (t: Try) => boolean, of = tries) => of.filter((x) => f(x.t)).length;
const stack = count((t) => t.stackTrace);
const hangs = count((t) => t.hang);
const secrets = count((t) => t.secret);
const controls = count((t) => t.control);
const right = tries.filter((x) => handled(x.t, x.codes));
const wrong = tries.filter((x) => !handled(x.t, x.codes));
// One row per class, in the order they were tried (the numbers: one row per option).
const classes = [...new Set(tries.map((x) => x.cls.replace(/^(number|control characters|file|output file): .*/, '$1')))];
const classOf = (x: Entry) => x.cls.replace(/^(number|control characters|file|output file): .*/, '$1');
const LABEL: Record<string, string> = {
  number: 'numbers (hex, exponent, huge, negative, empty, fraction, junk, blank, Infinity, binary) for every numeric option and --faults field',
  'control characters': 'ESC, screen clear, OSC title, bidi override and isolate, newline, CR, C1 in ids, patterns, tags, file names and file contents',
  file: 'files of every kind (regular, FIFO, /dev/zero, folder, missing, BOM, UTF-16, truncated, padded, deeply nested, not UTF-8, /proc/self/environ) for every reader',
  'output file': 'output files that are no files (FIFO, /dev/null, folder) for --record and replay --out',
};
const rows = classes.map((c) => {
  const of = tries.filter((x) => classOf(x) === c);
  return `| ${LABEL[c] ?? c} | ${of.length} | ${count((t) => t.stackTrace, of)} | ${count((t) => t.hang, of)} | ${count((t) => t.secret, of)} | ${count((t) => t.control, of)} | ${of.filter((x) => handled(x.t, x.codes)).length} |`;
});
const cell = (s: string) => terminalText(s, { oneLine: true, max: 200 }).replace(/\|/g, '\\|').replace(/`/g, "'");
const section = `<!-- bad-input: generated by \`npm run bad-input\`; npm run reliability keeps it -->
## Generated bad input

Produced by \`npm run bad-input\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, in ${seconds} s: the inputs of
\`scripts/bad-input-cases.ts\` given to the built CLI, two at a time, each bounded at ${TRY_TIMEOUT_MS / 1000} s, with a secret planted in
the environment (\`AWS_SECRET_ACCESS_KEY\` and another variable) and as the password of every URL: ${BAD_OPTION_RUNS.numRuns} generated \`run\`
command lines with an invalid option value (fast-check seed ${BAD_OPTION_RUNS.seed}), ${BAD_CONFIG_RUNS.numRuns} generated config files with an
invalid setting (seed ${BAD_CONFIG_RUNS.seed}), and every class of hostile input (issue 26). A try is right when it exits as
[src/exit-codes.ts](../src/exit-codes.ts) says (2 for a usage or configuration error, 3 for a target that cannot be
reached, 0 for a valid file with a hostile name or content) with at most one line on stderr, no stack trace, no
hang, the secret in no output (stdout, stderr, the files it wrote) and no raw control or bidi character (ESC, BEL,
CR, C1, U+202A–U+202E, U+2066–U+2069, …) on stdout or stderr.

**${stack} stack traces, ${hangs} hangs, ${secrets} echoed secrets and ${controls} echoed control characters in the generated bad-input test** (of ${tries.length} tries);
right: ${right.length} of ${tries.length}.

| input | tries | stack traces | hangs | secrets echoed | control characters echoed | right |
|---|---|---|---|---|---|---|
${rows.join('\n')}
${wrong.length ? `\nWrong:\n\n| input | exit code | stderr lines | stack trace | hang | secret | control |\n|---|---|---|---|---|---|---|\n${wrong.map((x) => `| \`${cell(x.input)}\` | ${x.t.code} | ${x.t.stderrLines} | ${x.t.stackTrace ? 'yes' : 'no'} | ${x.t.hang ? 'yes' : 'no'} | ${x.t.secret ? 'yes' : 'no'} | ${x.t.control ? 'yes' : 'no'} |`).join('\n')}\n` : ''}<!-- /bad-input -->
`;
const doc = readFileSync(DOC, 'utf8');
const SECTION = /<!-- bad-input:[\s\S]*?<!-- \/bad-input -->\n/;
writeFileSync(DOC, SECTION.test(doc) ? doc.replace(SECTION, () => section) : `${doc.trimEnd()}\n\n${section}`);
process.stdout.write(
  `${tries.length} tries in ${seconds} s: ${stack} stack traces, ${hangs} hangs, ${secrets} secrets, ${controls} control characters, ${right.length} right; wrote docs/reliability.md\n`,
);
process.exitCode = wrong.length ? 1 : 0;
