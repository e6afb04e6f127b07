/**
 * Bad and hostile input for the CLI (issues 11 and 26), and how one try came out: its exit code, its lines on
 * stderr, a stack trace, a hang, a planted secret or a control character in anything it wrote. Shared by
 * test/cli-bad-input.test.ts and `npm run bad-input` (scripts/bad-input.ts), which counts them into
 * docs/reliability.md.
 *
 * Two kinds: generated invalid option values and config files (fast-check), and `hostileCases`, one list of every
 * class an independent probe found handled wrongly: files of every kind for every reader, output files that are no
 * files, control characters and bidi overrides in ids, file names and file contents, URLs with credentials, and
 * numbers (hex, exponent, huge, negative, empty) for every numeric option and --faults field.
 */
import fc from 'fast-check';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI } from '../test/cli-runner.js';
import { TARGET_NAMES } from '../test-targets/registry.js';

// Values that are never valid for the option (a valid one would start a whole run).
const notWhole = (lo: number, hi: number) =>
  fc.string({ maxLength: 12 }).filter((v) => !(/^\d+$/.test(v.trim()) && +v >= lo && +v <= hi) && !v.startsWith('-'));

/** `run` arguments with one invalid option value. */
export const badOption = fc.oneof(
  notWhole(1, 10_000).map((v) => ['--runs', v]),
  notWhole(0, 0xffff_ffff).map((v) => ['--seed', v]),
  notWhole(1, 64).map((v) => ['--concurrency', v]),
  fc
    .string({ maxLength: 12 })
    .filter((v) => !/^\d+\/\d+$/.test(v) && !v.startsWith('-'))
    .map((v) => ['--shard', v]),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((v) => !TARGET_NAMES.includes(v) && !v.startsWith('-'))
    .map((v) => ['--target', v]),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((v) => !['console', 'json', 'junit', 'markdown', 'html'].includes(v) && !v.startsWith('-'))
    .map((v) => ['--format', v]),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((v) => !/^[a-z]+:\/\//.test(v) && !v.includes('=') && !v.startsWith('-'))
    .map((v) => ['--target', 'endpoint', '--endpoint', v]),
);

/** The contents of a config file with one invalid setting (and maybe a valid one beside it). */
export const badConfig = fc
  .tuple(
    fc.oneof(
      fc.record({ runs: fc.oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 10_001, max: 1e9 }), fc.string()) }),
      fc.record({ seed: fc.oneof(fc.integer({ min: -1e6, max: -1 }), fc.constant(2 ** 32), fc.string()) }),
      fc.record({ concurrency: fc.oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 65, max: 1e9 }), fc.constant(1.5), fc.string()) }),
      fc.record({ target: fc.string().filter((v) => v !== 'reference') }),
      fc.record({ clauses: fc.oneof(fc.string(), fc.integer()) }),
      fc.record({ unknownSetting: fc.jsonValue() }),
    ),
    fc.record({ runs: fc.constant(1) }, { requiredKeys: [] }),
  )
  .map(([bad, rest]) => JSON.stringify({ ...rest, ...bad }));

/** How long one try may take before it counts as a hang. */
export const TRY_TIMEOUT_MS = 20_000;

/** Planted in the environment of every try and in the URLs of the credential cases: no output may hold it. */
export const PLANTED_SECRET = 'planted-5ecret-q7Zx91';
export const HOSTILE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  SSE_CONFORMANCE_NODE_WARNING: 'off',
  AWS_SECRET_ACCESS_KEY: PLANTED_SECRET,
  SSE_CONFORMANCE_PLANTED_TOKEN: PLANTED_SECRET,
  SSE_CONFORMANCE_ALLOWED_ACCOUNTS: '',
};

/**
 * What a terminal obeys instead of showing: C0 controls but tab and newline, DEL, C1 controls, bidi controls,
 * line separators. None may reach stdout or stderr raw.
 */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export interface Try {
  code: number | null;
  stderrLines: number;
  stackTrace: boolean;
  hang: boolean;
  /** The planted secret is in stdout, stderr or a file the try wrote. */
  secret: boolean;
  /** A raw control or bidi character is in stdout or stderr. */
  control: boolean;
  err: string;
}

function outcome(code: number | null, stdout: string, stderr: string, timedOut: boolean, written: string[]): Try {
  return {
    code,
    stderrLines: stderr.trim() === '' ? 0 : stderr.trim().split('\n').length,
    stackTrace: /\n\s+at |internal error/.test(stderr + stdout),
    hang: timedOut,
    secret: [stdout, stderr, ...written].some((t) => t.includes(PLANTED_SECRET)),
    control: RAW_CONTROL.test(stdout) || RAW_CONTROL.test(stderr),
    err: stderr,
  };
}

/** The text of the files a try wrote (a file, or every file in a folder), for the secret check. */
function writtenBy(paths: readonly string[] = []): string[] {
  return paths.flatMap((p) => {
    try {
      if (statSync(p).isDirectory()) return readdirSync(p).map((f) => readFileSync(join(p, f), 'utf8'));
      return statSync(p).isFile() ? [readFileSync(p, 'utf8')] : [];
    } catch {
      return [];
    }
  });
}

/** Runs the built CLI once with these arguments and says how it came out. */
export function tryCli(args: string[], opts: { env?: NodeJS.ProcessEnv; writes?: readonly string[] } = {}): Try {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], { encoding: 'utf8', timeout: TRY_TIMEOUT_MS, env: opts.env ?? HOSTILE_ENV });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return outcome(r.status, r.stdout ?? '', r.stderr ?? '', timedOut, writtenBy(opts.writes));
}

/** The same without blocking, so that `npm run bad-input` can run two at once. */
export function tryCliAsync(args: string[], opts: { env?: NodeJS.ProcessEnv; writes?: readonly string[] } = {}): Promise<Try> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: opts.env ?? HOSTILE_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TRY_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(outcome(code, stdout, stderr, timedOut, writtenBy(opts.writes)));
    });
  });
}

/**
 * Right: one of the exit codes given (default 2, a usage error), exactly one line on stderr when it is not 0, no
 * stack trace, no hang, no planted secret and no raw control character in what it wrote.
 */
export const handled = (t: Try, codes: readonly number[] = [2]) =>
  t.code !== null && codes.includes(t.code) && (t.code === 0 || t.stderrLines === 1) && !t.stackTrace && !t.hang && !t.secret && !t.control;

/** One hostile input: the class it belongs to, the command line, and the exit codes that are right for it. */
export interface Case {
  cls: string;
  args: string[];
  /** Right exit codes (a usage error: 2, with one line on stderr; a target that cannot be reached: 3). */
  codes: number[];
  /** Files or folders the try writes, searched for the planted secret. */
  writes?: string[];
}

/** Strings a terminal would obey: colours, a screen clear, an OSC title, bidi overrides and isolates, line breaks. */
export const HOSTILE_STRINGS: Record<string, string> = {
  esc: 'x\x1b[31mred\x1b[0m',
  clear: '\x1b[2J\x1b[Hcleared',
  osc: '\x1b]0;pwned title\x07',
  bidi: 'evil\u202etxt.exe',
  isolate: 'a\u2066b\u2069c',
  newline: 'line1\nline2',
  cr: 'shown\rhidden',
  c1: 'a\u009b31mb',
};

const CLAUSE = 'kms.aliases.alias-name-rules';

/**
 * Every class of the probe, as concrete cases. Builds its files in `dir`: `report` and `recording` are a valid
 * report and recording written by the CLI (hostile variants are made from them); `closedPort` is a port nothing
 * listens on.
 */
export function hostileCases(dir: string, fixtures: { report: string; recording: string; closedPort: number }): Case[] {
  const at = (name: string) => join(dir, name);
  const write = (name: string, data: string | Buffer) => {
    writeFileSync(at(name), data);
    return at(name);
  };
  const cases: Case[] = [];
  const add = (cls: string, args: string[], codes: number[] = [2], writes?: string[]) => cases.push({ cls, args, codes, ...(writes ? { writes } : {}) });
  const report = readFileSync(fixtures.report, 'utf8');
  const reportJson = JSON.parse(report) as {
    target: { name: string; endpoint?: string };
    clauses: { id: string; reason?: string; verdict: string }[];
    summary: Record<string, number>;
  };

  // Files of every kind, for every reader.
  const fifo = at('fifo.json');
  spawnSync('mkfifo', [fifo]);
  mkdirSync(at('folder.json'));
  const padded = write('padded.json', report);
  truncateSync(padded, 100 * 1024 * 1024); // sparse: 100 MB without writing them
  const cut = JSON.parse(report) as typeof reportJson;
  cut.clauses = cut.clauses.slice(0, 1);
  const files: Record<string, string> = {
    regular: write('garbage.json', '{"token": "not a file of ours"'),
    fifo,
    '/dev/zero': '/dev/zero',
    folder: at('folder.json'),
    missing: at('absent.json'),
    'BOM + garbage': write('bom.json', '\ufeff{"tool": 1}'),
    'UTF-16': write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(report, 'utf16le')])),
    truncated: write('truncated.json', report.slice(0, Math.floor(report.length / 2))),
    'truncated clauses': write('cut.json', JSON.stringify(cut)),
    'padded to 100 MB': padded,
    'nested 100,000 deep': write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    'not UTF-8': write('latin1.json', Buffer.from('{"x": "caf\xe9"}', 'latin1')),
    '/proc/self/environ': '/proc/self/environ',
  };
  const readers: Record<string, (f: string) => string[]> = {
    config: (f) => ['run', '--config', f],
    baseline: (f) => ['run', '--clause', CLAUSE, '--runs', '1', '--baseline', f],
    'write-baseline': (f) => ['run', '--clause', CLAUSE, '--runs', '1', '--write-baseline', f],
    report: (f) => ['report', f],
    'report --format json': (f) => ['report', f, '--format', 'json'],
    'report --format html': (f) => ['report', f, '--format', 'html'],
    diff: (f) => ['diff', f, fixtures.report],
    'explain --report': (f) => ['explain', CLAUSE, '--report', f],
    'replay REPORT': (f) => ['replay', f, CLAUSE],
    'check-model': (f) => ['check-model', f],
    'recorded target': (f) => ['run', '--target', 'recorded', '--recording', f, '--runs', '1', '--clause', CLAUSE],
  };
  for (const [reader, args] of Object.entries(readers))
    for (const [kind, file] of Object.entries(files)) {
      // A missing baseline to write is created: that is no bad input.
      if (reader === 'write-baseline' && kind === 'missing') continue;
      add(`file: ${kind}`, args(file));
    }
  add('file: BOM + valid report', ['report', write('bom-report.json', `\ufeff${report}`)], [0]);

  // Output files that are no files: a FIFO nobody reads, a device, a folder.
  for (const [kind, out] of [
    ['fifo', fifo],
    ['/dev/null', '/dev/null'],
    ['folder', at('folder.json')],
  ])
    for (const args of [
      ['run', '--clause', CLAUSE, '--runs', '1', '--record', out!],
      ['replay', CLAUSE, '--seed', '1', '--path', '0', '--emit', 'node', '--out', out!],
    ])
      add(`output file: ${kind}`, args);

  // Control characters and bidi: in ids, patterns, tags and file names given on the command line, and in the
  // content of a report, a recording and a config.
  for (const [name, s] of Object.entries(HOSTILE_STRINGS)) {
    const cls = `control characters: ${name}`;
    add(cls, ['explain', s]);
    add(cls, ['run', '--clause', s]);
    add(cls, ['run', '--tag', s]);
    add(cls, ['replay', s, '--seed', '1', '--path', '0']);
    add(cls, ['report', at(`missing-${s}.json`)]);
    add(cls, ['run', '--config', at(`missing-${s}.json`)]);
    add(cls, ['run', '--target', s]);
    add(cls, ['run', '--format', s]);
    add(cls, [`--${s}`]);
    add(cls, ['run', '--faults', `${s}=1`]);
    // Not a URL (2), or one once the URL parser drops its tabs and newlines, where nothing answers (3).
    add(cls, ['run', '--target', 'endpoint', '--endpoint', `http://${s}`, '--clause', CLAUSE], [2, 3]);
    // A valid report in a file whose name is hostile, and one whose content is.
    const named = write(`report-${s.replace(/\//g, '_')}.json`, report);
    add(cls, ['report', named, '--format', 'markdown'], [0]);
    add(cls, ['diff', named, fixtures.report], [0]);
    const hostile = JSON.parse(report) as typeof reportJson;
    hostile.target.name = `target ${s}`;
    hostile.clauses[0]!.id = `${hostile.clauses[0]!.id}${s}`;
    hostile.clauses[0]!.reason = `reason ${s}`;
    const content = write(`content-${name}.json`, JSON.stringify(hostile));
    for (const format of ['markdown', 'json', 'html', 'junit']) add(cls, ['report', content, '--format', format], [0]);
    add(cls, ['diff', content, fixtures.report], [0, 1]);
    add(cls, ['explain', CLAUSE, '--report', content], [0]);
    add(cls, ['replay', content, hostile.clauses[0]!.id]);
    const recording = JSON.parse(readFileSync(fixtures.recording, 'utf8')) as { scenarios: { clause: string }[]; clauses: string[] };
    recording.clauses = recording.clauses.map((c) => `${c}${s}`);
    for (const sc of recording.scenarios) sc.clause = `${sc.clause}${s}`;
    add(cls, ['check-model', write(`recording-${name}.json`, JSON.stringify(recording))], [0, 1, 2]);
    add(cls, ['run', '--config', write(`config-${name}.json`, JSON.stringify({ [s]: 1, clauses: [s] }))]);
    add(cls, ['run', '--config', write(`config-value-${name}.json`, JSON.stringify({ target: s }))]);
  }

  // URLs with credentials (the password is the planted secret): refused, or unreachable, never echoed.
  const url = `http://user:${PLANTED_SECRET}@127.0.0.1:${fixtures.closedPort}`;
  const out = at('url-out');
  add('URL with credentials', ['run', '--target', 'endpoint', '--endpoint', url, '--clause', CLAUSE, '--runs', '1'], [3]);
  add('URL with credentials', ['run', '--target', 'endpoint', '--endpoint', url, '--clause', CLAUSE, '--format', 'json', '--out', out], [3], [out]);
  add('URL with credentials', ['run', '--target', 'endpoint', '--endpoint', `sqs=${url},sns=${url},kms=${url},s3=${url}`, '--clause', CLAUSE], [3]);
  add('URL with credentials', ['run', '--target', 'endpoint', '--endpoint', `sqs=${url}`]);
  add('URL with credentials', ['run', '--target', 'endpoint', '--endpoint', `http://user:${PLANTED_SECRET}@`]);
  add('URL with credentials', ['run', '--target', 'endpoint', '--endpoint', `ftp://user:${PLANTED_SECRET}@127.0.0.1`]);
  add('URL with credentials', ['run', '--target', 'moto', '--endpoint', url, '--clause', CLAUSE], [3]);
  add('URL with credentials', ['replay', CLAUSE, '--seed', '1', '--path', '0', '--target', 'endpoint', '--endpoint', url], [3]);
  add('URL with credentials', ['run', '--config', write('url-config.json', JSON.stringify({ target: 'endpoint', endpoint: url, clauses: [CLAUSE] }))], [3]);
  add('URL with credentials', [
    'run',
    '--config',
    write('url-config-bad.json', JSON.stringify({ target: 'endpoint', endpoint: { sqs: url, sns: 'x', kms: url } })),
  ]);
  const withUrl = JSON.parse(report) as typeof reportJson;
  withUrl.target = { name: 'endpoint', endpoint: url };
  const urlReport = write('url-report.json', JSON.stringify(withUrl));
  for (const format of ['markdown', 'json', 'html', 'junit']) add('URL with credentials', ['report', urlReport, '--format', format], [0]);
  add('URL with credentials', ['diff', urlReport, fixtures.report], [0, 1]);
  add('URL with credentials', ['explain', CLAUSE, '--report', urlReport], [0]);
  add('URL with credentials', ['sweep', '--endpoint', url, '--allow-account', '111122223333'], [3]);
  add('closed port', ['run', '--target', 'endpoint', '--endpoint', `http://127.0.0.1:${fixtures.closedPort}`, '--clause', CLAUSE], [3]);

  // Numbers: every numeric option and --faults field, written every wrong way.
  const numbers = ['0x10', '1e3', '99999999999999999999', '-1', '', '1.5', '5x', ' 5', 'Infinity', '0b1'];
  const numeric: Record<string, (v: string) => string[]> = {
    '--runs': (v) => ['run', '--runs', v],
    '--seed': (v) => ['run', '--seed', v],
    '--shard i': (v) => ['run', '--shard', `${v}/2`],
    '--shard n': (v) => ['run', '--shard', `1/${v}`],
    'replay --seed': (v) => ['replay', CLAUSE, '--seed', v, '--path', '0'],
    'replay --path': (v) => ['replay', CLAUSE, '--seed', '1', '--path', v],
    'replay --deviation': (v) => ['replay', fixtures.report, CLAUSE, '--deviation', v],
    '--period': (v) => ['estimate-kms-cost', '--service', 'sqs', '--period', v, '--producers', '1'],
    '--reuse': (v) => ['estimate-kms-cost', '--service', 'sqs', '--period', '60', '--reuse', v, '--producers', '1'],
    '--producers': (v) => ['estimate-kms-cost', '--service', 'sqs', '--period', '60', '--producers', v],
    '--consumers': (v) => ['estimate-kms-cost', '--service', 'sqs', '--period', '60', '--producers', '1', '--consumers', v],
    ...Object.fromEntries(
      ['latency', 'server-error', 'throttle', 'reset', 'truncate', 'silent-after', 'seed', 'request-timeout'].map((f) => [
        `--faults ${f}`,
        (v: string) => ['run', '--clause', CLAUSE, '--runs', '1', '--faults', `${f}=${v}`],
      ]),
    ),
  };
  for (const [option, args] of Object.entries(numeric)) for (const v of numbers) add(`number: ${option}`, args(v));

  // Accepted what it should refuse, and configuration errors that exited 3.
  add('refused: --shard beyond the selection', ['run', '--clause', CLAUSE, '--shard', '1/100']);
  add('refused: --consumers for SNS', ['estimate-kms-cost', '--service', 'sns', '--period', '60', '--producers', '1', '--consumers', '2']);
  for (const p of ['***', '', 'a'.repeat(70_000), '*?*?*?*?*?*?*?*?q', '*+(e)*q']) add('refused: clause pattern', ['run', '--clause', p]);
  add('refused: --faults latency beyond 2^31-1 ms', ['run', '--clause', CLAUSE, '--faults', 'latency=2147483648']);
  add('refused: --faults empty', ['run', '--clause', CLAUSE, '--faults', '']);
  add('refused: --path of 9,999 parts', ['replay', CLAUSE, '--seed', '1', '--path', Array(9_999).fill('0').join(':')]);
  add('refused: --path leading nowhere', ['replay', CLAUSE, '--seed', '1', '--path', Array(50).fill('0').join(':')]);
  for (const r of ['', 'x y', 'EU-WEST-1', 'eu-west-1\x1b[31m'])
    add('configuration: --region', ['run', '--target', 'endpoint', '--endpoint', `http://127.0.0.1:${fixtures.closedPort}`, '--region', r]);
  for (const a of ['abc', '12345678901', '1234567890123', '']) add('configuration: --allow-account', ['run', '--target', 'aws', '--allow-account', a]);
  add('configuration: no allow-list', ['sweep']);
  add('configuration: no allow-list', ['run', '--target', 'aws', '--clause', CLAUSE]);
  return cases;
}
