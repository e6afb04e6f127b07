/**
 * Emits a reproduction as a POSIX shell script of AWS CLI v2 calls: each step is
 * `aws --endpoint-url "$ENDPOINT" <service> <op-in-kebab-case> --cli-input-json '…'` (the CLI takes
 * the API's input shape there, blobs as base64), identifiers are captured with `--query … --output
 * text` into shell variables, and the failing step ends in a check where the CLI's answer allows one.
 */
import { DEFAULT_ENDPOINT, EXIT_LINES, statement } from './statement.js';
import { RUN_VARIABLE, type OutputPath, type Reproduction, type ReproStep, type Value } from './reproduction.js';

/** Longer inputs go through a file: one argument may not exceed 128 KiB on Linux (MAX_ARG_STRLEN). */
const INLINE_MAX = 64 * 1024;
/** In a file, a run of one character at least this long is written with `head -c | tr`. */
const RUN_MIN = 64;

/** A piece of JSON text: literal, a shell variable's value, or one character repeated. */
type Segment = { lit: string } | { variable: string } | { char: string; count: number };

/** `GetQueueAttributes` → `get-queue-attributes` (as botocore names CLI operations). */
export function kebab(op: string): string {
  return op
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

export function emitAwsCli(r: Reproduction, opts: { endpoint?: string } = {}): string {
  const endpoint = opts.endpoint ?? DEFAULT_ENDPOINT;
  const out = [
    '#!/bin/sh',
    ...statement(r).map((l) => `# ${l}`),
    '#',
    '# Needs only the AWS CLI v2 (not tested by sse-conformance itself: its test machines have no AWS CLI).',
    `# Run:  ENDPOINT=${endpoint} sh ${r.clause.id}.sh`,
    '#       AWS_REGION (default us-east-1); AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (default: dummy keys).',
    ...(r.otherPrincipals.length ? ['#       SECOND_AWS_PROFILE: a CLI profile of a second identity (required).'] : []),
    '# Identifiers are spliced into JSON as returned: ARNs and URLs hold no quotes or backslashes.',
    ...EXIT_LINES.map((l) => `# ${l}`),
    'set -u',
    `ENDPOINT="\${ENDPOINT:-${endpoint}}"`,
    'export AWS_DEFAULT_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"',
    '# Dummy keys unless you name credentials (emulators accept any).',
    'if [ -z "${AWS_ACCESS_KEY_ID:-}" ] && [ -z "${AWS_PROFILE:-}" ]; then export AWS_ACCESS_KEY_ID=AKIAREPRODUCTION0000 AWS_SECRET_ACCESS_KEY=reproduction; fi',
    'export AWS_PAGER=""',
    ...(r.otherPrincipals.length
      ? [
          `: "\${SECOND_AWS_PROFILE:?steps ${r.otherPrincipals.join(', ')} act as a second identity: set SECOND_AWS_PROFILE to a CLI profile of another principal}"`,
        ]
      : []),
    '# A fresh prefix for every name, as long as the one of the replay: names keep their length.',
    `${RUN_VARIABLE}=r$(od -An -N32 -tx1 /dev/urandom | tr -d ' \\n' | cut -c1-${Math.max(1, r.prefixLength - 1)})`,
    'WORK=$(mktemp -d) || exit 2',
    'trap \'rm -rf "$WORK"\' EXIT',
    '',
    '# Sets $answer to success or the error code the CLI reports; no service answer ends the script (exit 2).',
    'outcome() {',
    '  if [ "$3" -eq 0 ]; then answer=success; else',
    '    answer=$(sed -n \'s/.*An error occurred (\\([^)]*\\)).*/\\1/p\' "$WORK/err" | head -n 1)',
    '    if [ -z "$answer" ]; then echo "$1. $2: no service answer: $(cat "$WORK/err")"; exit 2; fi',
    '  fi',
    '  echo "$1. $2: $answer"',
    '}',
    '# An earlier step answered otherwise than during the replay: the scenario no longer reaches the deviation.',
    'same_as_replay() {',
    '  case " $2 " in *" $answer "*) ;; *) echo "Does not reproduce: step $1 answered $answer, during the replay $3."; exit 0 ;; esac',
    '}',
    '',
  ];
  for (const s of r.steps) out.push(...stepLines(r, s));
  return out.join('\n') + '\n';
}

function stepLines(r: Reproduction, s: ReproStep): string[] {
  const title = `${s.service} ${s.op}${s.principal ? ` as principal ${s.principal}` : ''}`;
  const lines = [`# ${s.n}. ${title}; during the replay: ${s.replayed.ok ? 'success' : `${s.replayed.code} (${s.replayed.name})`}`];
  if (s.waitMs) lines.push(`# The clause let ${s.waitMs / 1000} s pass here (data-key reuse windows).`, `sleep ${Math.ceil(s.waitMs / 1000)}`);
  const judged = s.n === r.judged.step;
  const j = r.judged.judgement;
  const queried: OutputPath[] = [...s.captures.map((c) => c.path), ...(judged && j.kind === 'value' && j.path ? [j.path] : [])];
  const segments = json(s.input);
  const size = segments.reduce((n, g) => n + ('lit' in g ? g.lit.length : 'count' in g ? g.count : 64), 0);
  let input: string;
  if (size <= INLINE_MAX) input = `'${segments.map(inline).join('')}'`;
  else {
    const file = `"$WORK/input-${s.n}.json"`;
    lines.push(`{ ${segments.map(toFile).join('; ')}; } > ${file}`);
    input = `"file://$WORK/input-${s.n}.json"`;
  }
  const query = queried.length === 0 ? '' : ` --query '${queried.length === 1 ? jmes(queried[0]!) : `[${queried.map(jmes).join(', ')}]`}' --output text`;
  const profile = s.principal ? ' --profile "$SECOND_AWS_PROFILE"' : '';
  lines.push(
    `out=$(aws --endpoint-url "$ENDPOINT"${profile} ${s.service} ${kebab(s.op)} --cli-input-json ${input}${query} 2>"$WORK/err"); outcome ${s.n} '${title}' $?`,
  );
  if (!judged) {
    const replayed = s.replayed.ok ? ['success'] : (r.spellings[`${s.service}:${s.replayed.code}`] ?? [s.replayed.code]);
    lines.push(`same_as_replay ${s.n} '${replayed.join(' ')}' '${s.replayed.ok ? 'success' : s.replayed.code}'`);
    s.captures.forEach((c, i) => {
      lines.push(`${c.variable}=$(printf '%s\\n' "$out" | cut -f${i + 1})`);
    });
    lines.push('');
    return lines;
  }
  return [...lines, ...verdictLines(r, s, queried.length)];
}

function verdictLines(r: Reproduction, s: ReproStep, fields: number): string[] {
  const j = r.judged.judgement;
  const lines = [
    `echo "At step ${s.n}, AWS answers: "${quote(r.judged.aws)}`,
    `echo ${quote(`During the replay, ${r.target.name} answered: ${r.judged.target}`)}`,
  ];
  if (j.kind === 'outcome') {
    const allowed = j.allowed.flatMap((a) => (a.ok ? ['success'] : (r.spellings[`${s.service}:${a.code}`] ?? [a.code])));
    return [
      ...lines,
      `case "$answer" in ${allowed.map(caseWord).join('|')}) echo 'Does not reproduce: the target now answers as AWS does.'; exit 0 ;; esac`,
      "echo 'Reproduces: the target answers otherwise than AWS.'",
      'exit 1',
    ];
  }
  const expected =
    j.expected.kind === 'text'
      ? j.expected.parts.map((p) => (typeof p === 'string' ? quote(p) : `"$${p.variable}"`)).join('')
      : quote(JSON.stringify(plainOf(j.expected)));
  if (!j.path) {
    return [
      ...lines,
      `# The clause compared ${j.what} as it derived it from the output: read the output against the expectation.`,
      `echo "Expected ${j.what}: "${expected}`,
      'echo "Output: $out"',
      "echo 'Undecided: compare by reading (the script cannot derive what the clause compared).'",
      'exit 3',
    ];
  }
  return [
    ...lines,
    `[ "$answer" = success ] || { echo 'Does not reproduce as recorded: the call now fails, where it succeeded during the replay.'; exit 0; }`,
    `actual=$(printf '%s\\n' "$out" | cut -f${fields})`,
    `echo "Now the target answers: ${j.what}: $actual"`,
    `[ "$actual" = ${expected} ] && { echo 'Does not reproduce: the target now answers as AWS does.'; exit 0; }`,
    "echo 'Reproduces: the target answers otherwise than AWS.'",
    'exit 1',
  ];
}

/** A Value as JSON text in segments (variables spliced inside JSON strings). */
export function json(v: Value): Segment[] {
  const out: Segment[] = [];
  const lit = (s: string) => out.push({ lit: s });
  const walk = (x: Value): void => {
    switch (x.kind) {
      case 'text':
        lit('"');
        for (const p of x.parts) {
          if (typeof p !== 'string') out.push({ variable: p.variable });
          else for (const g of runs(JSON.stringify(p).slice(1, -1))) out.push(g);
        }
        lit('"');
        return;
      case 'bytes':
        return void lit(JSON.stringify(x.base64));
      case 'date':
        return void lit(JSON.stringify(x.iso));
      case 'plain':
        return void lit(JSON.stringify(x.value));
      case 'list':
        lit('[');
        x.items.forEach((e, i) => {
          if (i) lit(',');
          walk(e);
        });
        return void lit(']');
      case 'record':
        lit('{');
        x.entries.forEach(([k, e], i) => {
          lit(`${i ? ',' : ''}${JSON.stringify(k)}:`);
          walk(e);
        });
        return void lit('}');
    }
  };
  walk(v);
  // Adjacent literals read as one.
  return out.reduce<Segment[]>((acc, g) => {
    const prev = acc.at(-1);
    if (prev && 'lit' in prev && 'lit' in g) prev.lit += g.lit;
    else acc.push({ ...g });
    return acc;
  }, []);
}

/** Escaped JSON string content, with long runs of one plain character as run segments. */
function runs(escaped: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  for (let i = 0; i < escaped.length; ) {
    let j = i + 1;
    while (j < escaped.length && escaped[j] === escaped[i]) j++;
    // Only characters JSON and `tr` take as they are (no escapes, no quote, no newline).
    if (j - i >= RUN_MIN && /^[\x21-\x7e]$/.test(escaped[i]!) && !`"\\'`.includes(escaped[i]!)) {
      if (plain) out.push({ lit: plain });
      plain = '';
      out.push({ char: escaped[i]!, count: j - i });
    } else plain += escaped.slice(i, j);
    i = j;
  }
  if (plain) out.push({ lit: plain });
  return out;
}

/** Inside one single-quoted argument: literals as they are, variables by closing and reopening the quotes. */
function inline(g: Segment): string {
  if ('lit' in g) return g.lit.replaceAll("'", "'\\''");
  if ('variable' in g) return `'"$${g.variable}"'`;
  return g.char.repeat(g.count);
}

/** One command of a `{ …; } > file` group. */
function toFile(g: Segment): string {
  if ('lit' in g) return `printf '%s' ${quote(g.lit)}`;
  if ('variable' in g) return `printf '%s' "$${g.variable}"`;
  return `head -c ${g.count} /dev/zero | tr '\\0' '${g.char}'`;
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const caseWord = (s: string) => s.replace(/[^A-Za-z0-9._:-]/g, (c) => `\\${c}`);

/** A JMESPath expression for an output path. */
function jmes(path: OutputPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? p : `"${p}"`}`)).join('');
}

function plainOf(v: Value): unknown {
  switch (v.kind) {
    case 'text':
      return v.parts.map((p) => (typeof p === 'string' ? p : `$${p.variable}`)).join('');
    case 'bytes':
      return v.base64;
    case 'date':
      return v.iso;
    case 'plain':
      return v.value;
    case 'list':
      return v.items.map(plainOf);
    case 'record':
      return Object.fromEntries(v.entries.map(([k, e]) => [k, plainOf(e)]));
  }
}
