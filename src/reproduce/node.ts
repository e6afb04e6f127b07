/**
 * Emits a reproduction as one Node script (.mjs) that needs only the AWS SDK clients of the services
 * it calls (src/services/: each entry's package and client): it runs the steps with concrete names under a fresh run prefix, captures the identifiers
 * the target returns, prints each outcome, and at the failing step compares with what AWS answers.
 */
import { clientClassName, serviceEntry } from '../services/registry.js';
import { DEFAULT_ENDPOINT, EXIT_LINES, statement } from './statement.js';
import { RUN_VARIABLE, type Part, type Reproduction, type ReproStep, type Value } from './reproduction.js';

/** A service's npm package and client class, from its registry entry. */
const packageOf = (service: string): [pkg: string, client: string] => [serviceEntry(service).sdk.package, clientClassName(service)];
/** A run of one character at least this long is written as `'c'.repeat(n)` (1 MiB bodies stay short). */
const RUN_MIN = 64;

export function emitNode(r: Reproduction, opts: { endpoint?: string } = {}): string {
  const services = [...new Set(r.steps.map((s) => s.service))].sort();
  const imports = services.map((svc) => {
    const [pkg, client] = packageOf(svc);
    const commands = [...new Set(r.steps.filter((s) => s.service === svc).map((s) => `${s.op}Command`))].sort();
    return `import { ${[client, ...commands].join(', ')} } from '${pkg}';`;
  });
  const out: string[] = [
    '#!/usr/bin/env node',
    ...statement(r).map((l) => `// ${l}`),
    '//',
    `// Needs only the AWS SDK for JavaScript v3: npm install ${services.map((s) => packageOf(s)[0]).join(' ')}`,
    `// Run:  ENDPOINT=${opts.endpoint ?? DEFAULT_ENDPOINT} node ${r.clause.id}.mjs`,
    `//       ENDPOINT unset: ${opts.endpoint ?? DEFAULT_ENDPOINT}; ENDPOINT= (empty): AWS itself, with your usual credentials.`,
    '//       AWS_REGION (default us-east-1); AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (default: dummy keys on an endpoint).',
    ...(r.otherPrincipals.length ? ['//       A second identity: SECOND_AWS_PROFILE, or SECOND_AWS_ACCESS_KEY_ID and SECOND_AWS_SECRET_ACCESS_KEY.'] : []),
    ...EXIT_LINES.map((l) => `// ${l}`),
    ...imports,
    '',
    `const ENDPOINT = process.env.ENDPOINT ?? ${JSON.stringify(opts.endpoint ?? DEFAULT_ENDPOINT)};`,
    "const region = process.env.AWS_REGION ?? 'us-east-1';",
    '// A fresh prefix for every name, as long as the one of the replay: names keep their length (some clauses probe length limits).',
    `const ${RUN_VARIABLE} = 'r' + Array.from({ length: ${Math.max(0, r.prefixLength - 1)} }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');`,
    '',
    ...PRELUDE,
    `const SPELLINGS = ${JSON.stringify(r.spellings)};`,
    '',
    ...identities(r),
    `const CLIENTS = { ${services.map((s) => `${s}: ${packageOf(s)[1]}`).join(', ')} };`,
    `const SETTINGS = ${JSON.stringify(
      Object.fromEntries(
        services.flatMap((s) => {
          const c = serviceEntry(s).clientConfig;
          return c ? [[s, c]] : [];
        }),
      ),
    )};`,
    '',
  ];
  for (const s of r.steps) out.push(...stepLines(r, s));
  return out.join('\n') + '\n';
}

/** Helpers every script carries: the call wrapper and the outcome comparison. */
const PRELUDE = [
  'const clients = new Map();',
  "/** Clients as the conformance suite makes them: no retries, and on an endpoint each service's own settings (SQS: talk to ENDPOINT only). */",
  'function client(service, principal) {',
  '  const key = `${service}:${principal}`;',
  '  if (!clients.has(key)) {',
  '    const endpoint = ENDPOINT || undefined;',
  '    const config = { region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}), ...identity(principal, endpoint) };',
  '    clients.set(key, new CLIENTS[service](endpoint ? { ...config, ...SETTINGS[service] } : config));',
  '  }',
  '  return clients.get(key);',
  '}',
  '',
  '/** Sends one command and prints its outcome: { ok, out } or { ok: false, name, code, status, message }. */',
  'async function call(n, title, service, principal, command) {',
  '  try {',
  '    const { $metadata, ...out } = await client(service, principal).send(command);',
  '    console.log(`${n}. ${title}: success`);',
  '    return { ok: true, out };',
  '  } catch (e) {',
  '    const checksum = /Invalid MD5 checksum|InvalidChecksumError/.test(`${e?.name} ${e?.message}`);',
  '    if (!checksum && e?.$metadata?.httpStatusCode === undefined) {',
  "      console.log(`${n}. ${title}: no answer from ${ENDPOINT || 'AWS'}: ${e?.message ?? e}`);",
  '      process.exit(2);',
  '    }',
  "    const r = { ok: false, name: checksum ? 'SDK.ChecksumMismatch' : e.name, code: e.Code, status: e.$metadata?.httpStatusCode, message: String(e.message ?? '') };",
  "    console.log(`${n}. ${title}: ${r.name} (HTTP ${r.status ?? '?'}): ${r.message}`);",
  '    return r;',
  '  }',
  '}',
  '',
  '/** Whether an outcome is one of `allowed` (`ok`, or a canonical code by any of its spellings). */',
  'function isOneOf(r, service, allowed) {',
  "  return allowed.some((a) => (a === 'ok' ? r.ok : !r.ok && (SPELLINGS[`${service}:${a}`] ?? []).some((s) => s === r.name || s === r.code)));",
  '}',
  '',
  '/** An earlier step answered otherwise than during the replay: the scenario no longer reaches the deviation. */',
  'function sameAsReplay(r, n, service, replayed) {',
  '  if (isOneOf(r, service, [replayed])) return;',
  "  console.log(`\\nDoes not reproduce: step ${n} answered otherwise than during the replay (${replayed === 'ok' ? 'success' : replayed}), so the scenario no longer reaches the failing step.`);",
  '  process.exit(0);',
  '}',
  '',
  'const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));',
  '',
];

function identities(r: Reproduction): string[] {
  const lines = [
    '/** Principal 0: your credentials, or dummy keys on an endpoint; principal 1: a second identity. */',
    'function identity(principal, endpoint) {',
    '  const env = principal === 0 ? process.env : {',
    '    AWS_PROFILE: process.env.SECOND_AWS_PROFILE,',
    '    AWS_ACCESS_KEY_ID: process.env.SECOND_AWS_ACCESS_KEY_ID,',
    '    AWS_SECRET_ACCESS_KEY: process.env.SECOND_AWS_SECRET_ACCESS_KEY,',
    '    AWS_SESSION_TOKEN: process.env.SECOND_AWS_SESSION_TOKEN,',
    '  };',
    '  if (env.AWS_PROFILE) return { profile: env.AWS_PROFILE };',
    '  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } };',
    '  // Emulators tell requesters apart by access key: a distinct dummy key per principal.',
    "  if (endpoint) return { credentials: { accessKeyId: `AKIAREPRODUCTION${String(principal).padStart(4, '0')}`, secretAccessKey: 'reproduction' } };",
    "  return {}; // AWS: the SDK's default credential chain",
    '}',
    '',
  ];
  if (r.otherPrincipals.length) {
    lines.push(
      `// Steps ${r.otherPrincipals.join(', ')} need a second identity: the first one would not show the deviation.`,
      'if (!process.env.SECOND_AWS_PROFILE && !(process.env.SECOND_AWS_ACCESS_KEY_ID && process.env.SECOND_AWS_SECRET_ACCESS_KEY)) {',
      `  if (!ENDPOINT) { console.log('Steps ${r.otherPrincipals.join(', ')} act as a second identity: set SECOND_AWS_PROFILE, or SECOND_AWS_ACCESS_KEY_ID and SECOND_AWS_SECRET_ACCESS_KEY.'); process.exit(2); }`,
      `  console.log('Note: steps ${r.otherPrincipals.join(', ')} act as a second identity; none is set (SECOND_AWS_PROFILE or SECOND_AWS_ACCESS_KEY_ID/SECOND_AWS_SECRET_ACCESS_KEY), so they use a second dummy access key.');`,
      '}',
      '',
    );
  }
  return lines;
}

function stepLines(r: Reproduction, s: ReproStep): string[] {
  const title = `${s.service} ${s.op}${s.principal ? ` as principal ${s.principal}` : ''}`;
  const v = `r${s.n}`;
  const lines = [`// ${s.n}. ${title}; during the replay: ${s.replayed.ok ? 'success' : `${s.replayed.code} (${s.replayed.name})`}`];
  if (s.waitMs) lines.push(`// The clause let ${s.waitMs / 1000} s pass here (data-key reuse windows).`, `await pause(${s.waitMs});`);
  lines.push(`const ${v} = await call(${s.n}, ${JSON.stringify(title)}, '${s.service}', ${s.principal}, new ${s.op}Command(${js(s.input)}));`);
  const replayed = s.replayed.ok ? 'ok' : s.replayed.code;
  if (s.n !== r.judged.step) {
    lines.push(`sameAsReplay(${v}, ${s.n}, '${s.service}', ${JSON.stringify(replayed)});`);
    for (const c of s.captures) lines.push(`const ${c.variable} = ${v}.out${c.path.map((p) => `?.[${JSON.stringify(p)}]`).join('')};`);
    lines.push('');
    return lines;
  }
  return [...lines, ...verdictLines(r, s, v)];
}

function verdictLines(r: Reproduction, s: ReproStep, v: string): string[] {
  const j = r.judged.judgement;
  const head = [
    '',
    `console.log('\\nAt step ${s.n}, AWS answers: ' + ${JSON.stringify(r.judged.aws)});`,
    `console.log(${JSON.stringify(`During the replay, ${r.target.name} answered: ${r.judged.target}`)});`,
  ];
  if (j.kind === 'outcome') {
    const allowed = j.allowed.map((a) => (a.ok ? 'ok' : a.code));
    return [
      ...head,
      `if (isOneOf(${v}, '${s.service}', ${JSON.stringify(allowed)})) {`,
      "  console.log('Does not reproduce: the target now answers as AWS does.');",
      '  process.exit(0);',
      '}',
      "console.log('Reproduces: the target answers otherwise than AWS.');",
      'process.exit(1);',
    ];
  }
  const lines = [...head, `const expected = ${js(j.expected)};`];
  if (!j.path) {
    return [
      ...lines,
      `// The clause compared ${j.what} as it derived it from the output: read the output below against the expectation.`,
      `console.log('Output of step ${s.n}:', JSON.stringify(${v}.ok ? ${v}.out : ${v}, null, 2));`,
      `console.log('Expected ${j.what}:', JSON.stringify(expected));`,
      "console.log('Undecided: compare by reading (the script cannot derive what the clause compared).');",
      'process.exit(3);',
    ];
  }
  return [
    ...lines,
    `if (!${v}.ok) { console.log('Does not reproduce as recorded: the call now fails, where it succeeded during the replay.'); process.exit(0); }`,
    `const actual = ${v}.out${j.path.map((p) => `?.[${JSON.stringify(p)}]`).join('')};`,
    `console.log('Now the target answers: ${j.what}: ' + JSON.stringify(actual));`,
    'if (JSON.stringify(actual) === JSON.stringify(expected)) {',
    "  console.log('Does not reproduce: the target now answers as AWS does.');",
    '  process.exit(0);',
    '}',
    "console.log('Reproduces: the target answers otherwise than AWS.');",
    'process.exit(1);',
  ];
}

/** A Value as a JavaScript expression. */
export function js(v: Value): string {
  switch (v.kind) {
    case 'text':
      return text(v.parts);
    case 'bytes':
      return `Buffer.from(${JSON.stringify(v.base64)}, 'base64')`;
    case 'date':
      return `new Date(${JSON.stringify(v.iso)})`;
    case 'plain':
      return typeof v.value === 'number' && !Number.isFinite(v.value) ? String(v.value) : Object.is(v.value, -0) ? '-0' : JSON.stringify(v.value);
    case 'list':
      return `[${v.items.map(js).join(', ')}]`;
    case 'record':
      return v.entries.length ? `{ ${v.entries.map(([k, e]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${js(e)}`).join(', ')} }` : '{}';
  }
}

/** Literal parts (long runs of one character as `.repeat`) and variables, joined with `+`. */
function text(parts: Part[]): string {
  if (parts.length === 0) return "''";
  return parts.flatMap((p) => (typeof p === 'string' ? literal(p) : [p.variable])).join(' + ');
}

function literal(s: string): string[] {
  const out: string[] = [];
  let plain = '';
  for (let i = 0; i < s.length; ) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    if (j - i >= RUN_MIN) {
      if (plain) out.push(JSON.stringify(plain));
      plain = '';
      out.push(`${JSON.stringify(s[i])}.repeat(${j - i})`);
    } else plain += s.slice(i, j);
    i = j;
  }
  if (plain || out.length === 0) out.push(JSON.stringify(plain));
  return out;
}
