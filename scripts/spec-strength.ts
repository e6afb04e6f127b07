/**
 * Renders docs/spec-strength.md from Stryker's JSON report (mutation-testing-report-schema): per
 * file, how many mutants of the reference model the specification kills, the score over the mutants
 * not excluded, the exclusions by kind (that of the reason code a disable comment gives, with the
 * legend of the codes; test/stryker-disable.test.ts), and every survivor in the files the issue lists.
 */
/**
 * Behaviour no clause can observe, held by a property test instead (issue 14). Each entry says why.
 * vitest.mutation.config.ts runs them with the clauses; docs/spec-strength.md lists them.
 */
export const CLAUSE_INDEPENDENT: Record<string, string> = {
  'test/reference/cost.test.ts':
    'how often SNS and SQS call KMS (the data-key cache, SNS-12, SQS-9) shows only in CloudTrail and billing, never in an answer to a client, ' +
    'so no clause can see it; the property holds the model to the documented request formulas, which cost.ts computes',
  'test/reference/s3-bucket-key-requests.test.ts':
    'how often S3 calls KMS with and without S3 Bucket Keys (S3-17) shows only in CloudTrail and billing, never in an answer to a client, ' +
    'so no clause can see it; the tests hold the model to the documented count without bucket keys (one request per request for an SSE-KMS object), ' +
    'to one fetch per requester with them, and to answers that do not change when a kept bucket key serves a request',
  'test/reference/s3-requests.test.ts':
    'bucket names, re-creation, ownership, tags and listings, object listings, deletion and ETags, the validation of default-encryption rules and ' +
    'of SSE-C headers, the rule for an object copied onto itself, and how multipart parts are numbered, assembled and listed are generic S3 request ' +
    'rules, stated by the specification only where SSE touches them, yet the reference serves them to SDK clients as a drop-in fake; the ' +
    'encryption context and the KMS requests S3 makes for objects, bucket keys and upload parts (S3-8, S3-17, S3-24) show only in CloudTrail, never in an answer to a client',
  'test/reference/message-store.property.test.ts':
    'visibility timeouts, delays, retention, deletion and FIFO group locking are SQS queue mechanics, not encryption: the specification ' +
    'states them only where SSE touches them, yet every clause that sends and receives relies on them; the property holds the fast store to a naive restatement of its rules',
  'test/reference/errors.test.ts':
    'the fault side of every error and the legacy query code of every SQS error are generic error identity SDK users read ($fault, Code), mostly of errors unrelated to ' +
    'encryption, while clauses compare names and statuses (X-1); the test holds the model to the error traits of the SDK schemas generated from the AWS models',
  'test/reference/ids.test.ts':
    'the formats of key IDs, message IDs and receipt handles and the reading of ARNs and account principals are generic KMS, SQS and IAM conventions; ' +
    'clauses use what the services return and never make enough IDs or parse odd strings to notice a slip',
  'test/reference/clock.test.ts':
    "virtual time is the reference's own device for making days pass; clauses only wait, so a clock that went back or mismeasured an hour would go unnoticed by them",
  'test/reference/message-size.property.test.ts':
    'how message attributes count toward the size limit (name, type and value bytes) is generic SQS and SNS behaviour; the size clauses (SQS-17, SNS-17) ' +
    'show with bodies alone that encryption overhead does not count',
  'test/reference/sdk-face.test.ts':
    "the record of calls (model.calls, commandCalls) and the SDK face are the reference's own API for users' tests, not AWS behaviour, so no clause can state them",
  'test/reference/filter-policy.property.test.ts':
    'how a subscription filter policy matches (exact values, prefix, suffix, anything-but, numeric ranges, exists, OR within a key, AND across keys) ' +
    'is generic SNS behaviour: the specification states only that filtering keeps working on an encrypted topic (SNS-1); the property holds the model to the documented rules',
  'test/reference/kms-requests.test.ts':
    'KMS request validation and key, alias and policy management (CreateKey parameters, GenerateDataKey sizes, which operations take aliases, ' +
    "UpdateAlias, DeleteAlias, ListAliases, malformed identifiers and ciphertexts) and the request ledger (the model's CloudTrail) are generic KMS, " +
    'stated by the specification only where SSE touches them, yet the reference serves them to SDK clients as a drop-in fake; ' +
    'the dry run SNS and SQS consult while serving cached data keys (wouldFail) is a model internal whose only duty, to create and record nothing, no client answer shows',
  'test/reference/kms-grants.test.ts':
    'the grant mechanics beyond what SSE needs (Name idempotency, ListGrants filters and pages, who may retire a grant, encryption context ' +
    'constraints, operations a key kind admits, malformed grant IDs) are generic KMS, stated by the specification only where SSE touches them ' +
    '(a grant lets a principal send or publish, the key-state rules of the grant operations, grant tokens), yet the reference serves them as a drop-in fake',
  'test/reference/kms-rotation.test.ts':
    'the rotation schedule (periods, the next date, automatic rotation as days pass, the on-demand limit, the status while pending deletion) ' +
    'is generic KMS that no SSE answer depends on: the clauses state only that earlier material keeps decrypting after a rotation (KMS-27)',
  'test/reference/key-policy.test.ts':
    'how a key policy names actions, principals, statements and conditions is the generic IAM policy grammar, not encryption: the clauses state ' +
    'its SSE consequences (an explicit Deny refuses a send, a receive or a publish; AWS managed keys work only through their service), the examples hold the evaluator to the grammar',
  'test/reference/sqs-requests.property.test.ts':
    'queue-name rules, attribute names and ranges, batch entry ids, message-attribute rules, receive parameters, purge and re-creation ' +
    'intervals and FIFO deduplication are generic SQS request rules, not encryption: the specification states them only where SSE touches them, ' +
    'yet the reference serves as a drop-in fake behind real SDK clients; the tests hold the model to the SQS API reference, page by page',
  'test/reference/sns-requests.property.test.ts':
    'topic names, topic and subscription attribute checks, Publish and PublishBatch parameters, message attributes, FIFO deduplication and the ' +
    'delivered envelope are generic SNS rules that do not depend on encryption, yet the reference serves as a drop-in fake behind real SDK clients; ' +
    'the tests hold the model to the API reference through the SDK',
  'test/reference/sns-reuse-window.test.ts':
    'which KMS errors the model records as also allowed while SNS may still use a cached data key (SNS-13) is read by the model-based clause ' +
    'when the reference is the oracle, never by a client, so a clause run against the reference sees only the success; the examples hold that record',
};

export interface StrykerMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  statusReason?: string;
}
export interface StrykerReport {
  files: Record<string, { source: string; mutants: StrykerMutant[] }>;
}

/** The files whose every survivor must be explained (issue 14). */
export const TRIAGED = ['sqs.ts', 'sns.ts', 'kms.ts', 's3.ts', 'key-policy.ts', 'data-key-cache.ts', 'message-store.ts', 'windows.ts'].map(
  (f) => `reference/${f}`,
);
export const EXCLUSION_KINDS = ['equivalent', 'model-choice', 'message'] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

/**
 * The reason a `// Stryker disable` comment gives is one of these codes, nothing else
 * (test/stryker-disable.test.ts); docs/spec-strength.md shows them as its legend. A code's kind is
 * what the exclusions are counted by.
 */
export const REASON_CODES: Record<string, { kind: ExclusionKind; meaning: string }> = {
  'EQ-unreachable': {
    kind: 'equivalent',
    meaning:
      'the mutated code is never reached through an AWS API: an earlier check refuses every input that would reach it, an SDK cannot send such input, or the model never raises what the code handles',
  },
  'EQ-same': {
    kind: 'equivalent',
    meaning:
      'the mutant reaches the same answer by another path: a default that reads as the value given, a guard without which the input is refused (or matches nothing) all the same, conditions that agree on every value that can reach them',
  },
  'EQ-unread': {
    kind: 'equivalent',
    meaning:
      "only state that no answer to a client reads changes: tags, the model's delivery log, the notes an oracle collects (`reference/windows.ts`), a deleted queue's store, policy fields the evaluator ignores, how a body no client can tell apart is sealed (SQS-1)",
  },
  'EQ-opaque': {
    kind: 'equivalent',
    meaning:
      "only the content of an opaque value changes (a blob prefix, a token's label, a handle's counter prefix, an ID's tail); it stays unique, and no caller interprets it",
  },
  'EQ-store': {
    kind: 'equivalent',
    meaning:
      "only the message store's own bookkeeping changes (state labels other than ready, placeholders, compaction of the dead prefix, a filter or early return that saves work): readers skip what is not ready, so no message, order or count changes",
  },
  'EQ-cache': {
    kind: 'equivalent',
    meaning:
      'a cache of a pure computation (a parsed policy, a compiled pattern, the digest of the empty encryption context): a mutant that skips, bypasses or empties it computes the same answer, only more slowly',
  },
  'MC-order': {
    kind: 'model-choice',
    meaning:
      'AWS promises no order here (a List operation, KMS-7; messages of a standard queue, across FIFO groups or becoming visible at the same instant, SQS-27; the at-rest view, SQS-13); the model picks one',
  },
  'MC-error': {
    kind: 'model-choice',
    meaning:
      'AWS documents that the request fails but not with which error (KMS-6, KMS-7, KMS-8, KMS-18, SNS-6, SNS-10, SQS-11); the model picks one, and the rest is the message',
  },
  'MC-managed-key': {
    kind: 'model-choice',
    meaning:
      "AWS shows an AWS managed key's policy and description but documents neither text (KMS-8), and while DescribeKey on a predefined `alias/aws/<service>` creates the key (KMS-26, API_DescribeKey), it does not say whether a cryptographic request naming the alias creates it too (the model creates it for requests SQS and SNS make, not for direct ones); the model's text is one no SQS or SNS answer and no policy evaluation depends on",
  },
  'MC-recreated': {
    kind: 'model-choice',
    meaning:
      "AWS does not say whether a queue or topic re-created under the same ARN reuses data keys cached for the deleted one, nor whether a data key is still reused at the reuse period's last instant (SQS-9, SNS-12); the model forgets the deleted resource's keys and takes the period as [start, start + D)",
  },
  'MC-absent': {
    kind: 'model-choice',
    meaning:
      'AWS documents no answer for a value left out or empty (an attribute a topic or subscription lacks when CreateTopic or Subscribe is repeated, SNS-18; SetTopicAttributes without AttributeValue; a batch entry without Id; a Binary attribute with an empty StringValue); the model takes it as "", as an invalid id, or ignores it',
  },
  'MC-policy-check': {
    kind: 'model-choice',
    meaning:
      'which semantic faults PutKeyPolicy refuses is undocumented (KMS-17); the model refuses a policy without statements and a statement without Effect, Principal or Action',
  },
  'MC-sse-attrs': {
    kind: 'model-choice',
    meaning:
      'how SQS takes an SSE attribute combination AWS does not document (SQS-3, SQS-5, SQS-24): SqsManagedSseEnabled "true" alone on an SSE-KMS queue (refused as two SSE types) or "false" sent to one (ignored), an empty KmsMasterKeyId on a queue not under SSE-KMS (its mode is kept)',
  },
  'MC-filter-number': {
    kind: 'model-choice',
    meaning: 'a numeric filter condition matches Number-typed attributes only; AWS is silent on String-typed numbers (SNS-1)',
  },
  'MC-principal-star': {
    kind: 'model-choice',
    meaning:
      'whether `{"AWS": "*"}` in a key policy also names a service principal such as sns.amazonaws.com is undocumented (SNS-16); the model lets it name principals of AWS accounts only',
  },
  'MC-batch-kms': {
    kind: 'model-choice',
    meaning:
      'whether a batch whose every entry is invalid still meets a KMS failure of the key is undocumented (SQS-11, SNS-10); the model reports the entries and calls no KMS',
  },
  MSG: {
    kind: 'message',
    meaning:
      'only the text of an error message changes, or which of its texts is chosen, where no clause pins that text: clauses compare error codes (X-1); only the kms.messages clauses (SHOULD, OBSERVED) pin the few texts AWS documents or was recorded giving (KMS-30)',
  },
};

const KIND_MEANINGS: Record<ExclusionKind, string> = {
  equivalent: 'the mutant behaves as the original (no observable difference through any AWS API)',
  'model-choice': 'the mutant changes a choice the model makes where AWS documents nothing (the code names the facts)',
  message: 'the mutant changes only an error message text; clauses compare error codes, not messages',
};

/** The legend of the reason codes, as docs/spec-strength.md shows it. */
export function renderReasonLegend(): string {
  return [
    'Each `// Stryker disable` comment gives one of these reason codes (`test/stryker-disable.test.ts` refuses any other); its kind is what the',
    'table below counts.',
    '',
    ...EXCLUSION_KINDS.map((k) => `- \`${k}\`: ${KIND_MEANINGS[k]}.`),
    '',
    '| code | kind | meaning |',
    '| --- | --- | --- |',
    ...Object.entries(REASON_CODES).map(([code, { kind, meaning }]) => `| \`${code}\` | ${kind} | ${meaning} |`),
    '',
  ].join('\n');
}

interface Row {
  file: string;
  total: number;
  excluded: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  invalid: number;
}

/**
 * Who generated the document: one run, or (when a targeted run, `-- --mutate <files>`, was merged into the last
 * results of the other files) each run with the files whose results come from it.
 */
function generatedBy(report: StrykerReport, meta: { command: string; date: string; minutes: number; runs?: Record<string, RunOfFile> }): string {
  const byRun = new Map<string, string[]>();
  for (const file of Object.keys(report.files).sort()) {
    const r = meta.runs?.[file] ?? meta;
    const label = `\`${r.command}\` on ${r.date} (${r.minutes} min)`;
    byRun.set(label, [...(byRun.get(label) ?? []), file]);
  }
  if (byRun.size <= 1) return `Generated by \`${meta.command}\` on ${meta.date} (${meta.minutes} min); do not edit by hand.`;
  return [
    'Generated from several runs, each file from the last run that mutated it; do not edit by hand.',
    '',
    ...[...byRun].map(([label, files]) => `- ${label}: ${files.map((f) => `\`${f}\``).join(', ')}`),
  ].join('\n');
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');
const counted = (r: Row) => r.killed + r.timeout + r.survived + r.noCoverage;

/** The kind of an exclusion's reason: that of its code, or `unexplained` for anything else. */
export function kindOf(reason: string | undefined): string {
  const code = (reason ?? '').trim();
  return Object.hasOwn(REASON_CODES, code) ? REASON_CODES[code]!.kind : 'unexplained';
}

/** The run a file's results come from, when the document merges runs (scripts/mutation.ts). */
export interface RunOfFile {
  command: string;
  date: string;
  minutes: number;
}

export function renderSpecStrength(
  report: StrykerReport,
  meta: { command: string; date: string; minutes: number; interrupted?: boolean; runs?: Record<string, RunOfFile> },
): string {
  const rows: Row[] = [];
  const kinds = new Map<string, number>();
  const survivors: string[] = [];
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const row: Row = { file, total: mutants.length, excluded: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0 };
    const lines = source.split('\n');
    for (const m of mutants) {
      if (m.status === 'Ignored') {
        row.excluded++;
        const k = kindOf(m.statusReason);
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      } else if (m.status === 'Killed') row.killed++;
      else if (m.status === 'Timeout') row.timeout++;
      else if (m.status === 'Survived') row.survived++;
      else if (m.status === 'NoCoverage') row.noCoverage++;
      else row.invalid++;
      if ((m.status === 'Survived' || m.status === 'NoCoverage') && TRIAGED.includes(file)) {
        const line = m.location.start.line;
        const code = (lines[line - 1] ?? '').trim().slice(0, 90).replaceAll('|', '\\|').replaceAll('`', "'");
        const repl = (m.replacement ?? '').replaceAll('\n', ' ').slice(0, 60).replaceAll('|', '\\|').replaceAll('`', "'");
        survivors.push(`| ${file}:${line} | ${m.status === 'NoCoverage' ? 'no coverage' : 'survived'} | ${m.mutatorName} | \`${repl}\` | \`${code}\` |`);
      }
    }
    rows.push(row);
  }
  const sum = rows.reduce<Row>(
    (a, r) => ({
      file: 'all',
      total: a.total + r.total,
      excluded: a.excluded + r.excluded,
      killed: a.killed + r.killed,
      timeout: a.timeout + r.timeout,
      survived: a.survived + r.survived,
      noCoverage: a.noCoverage + r.noCoverage,
      invalid: a.invalid + r.invalid,
    }),
    { file: 'all', total: 0, excluded: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0 },
  );
  const line = (r: Row) =>
    `| ${r.file} | ${r.total} | ${r.excluded} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.invalid} | ${pct(r.killed + r.timeout, counted(r))} |`;
  return [
    '# How much of the reference model the specification pins down',
    '',
    meta.interrupted
      ? `Generated by \`${meta.command}\` on ${meta.date}; do not edit by hand. **The run was interrupted**: only the mutants that had a result are counted, the other mutants of these files were not tested.`
      : generatedBy(report, meta),
    '',
    'Stryker mutates the reference model (`reference/`, without `reference/sdk/`) and runs the specification',
    '(`test/conformance/reference.test.ts`: every clause against the mutated model) and the clause-independent tests',
    'listed below. A mutant is *killed* when a clause or one of those tests fails, or times out; the score does not say',
    'which (Stryker stops at the first failing test). The model-based clause judges the mutated model against a frozen,',
    'unmutated copy of it (`src/model-based/oracle.ts`, `vitest.mutation.config.ts`). Excluded mutants carry a `// Stryker disable` comment',
    'with a reason code (the legend is below; `test/stryker-disable.test.ts` fails on any other). Score = (killed + timeout) / (mutants not',
    'excluded and not invalid). The table lists every file of the runs named above.',
    '',
    'The clause-independent tests, each with the reason no clause holds what it tests:',
    '',
    ...Object.entries(CLAUSE_INDEPENDENT).map(([f, why]) => `- \`${f}\`: ${why}.`),
    '',
    'Stryker reuses earlier results for unchanged mutants (`.mutation/stryker-incremental.json`); it sees a new clause,',
    'but not a sharper assertion in an existing one, nor a new test that kills a mutant of a module-level constant (a',
    'static mutant): after either, rerun the file with `npm run mutation -- --force --mutate reference/<file>.ts`.',
    'Until then such a mutant keeps its old result.',
    '',
    '| file | mutants | excluded | killed | timeout | survived | no coverage | invalid | score |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(line),
    `| **all** | ${sum.total} | ${sum.excluded} | ${sum.killed} | ${sum.timeout} | ${sum.survived} | ${sum.noCoverage} | ${sum.invalid} | **${pct(sum.killed + sum.timeout, counted(sum))}** |`,
    '',
    '## Exclusions by kind',
    '',
    renderReasonLegend(),
    '| kind | mutants |',
    '| --- | ---: |',
    ...[...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `| ${k} | ${n} |`),
    ...(kinds.size ? [] : ['| (none) | 0 |']),
    '',
    `## Survivors in ${TRIAGED.join(', ')}`,
    '',
    survivors.length ? '| where | status | mutator | replacement | line |' : 'None.',
    ...(survivors.length ? ['| --- | --- | --- | --- | --- |', ...survivors] : []),
    '',
  ].join('\n');
}
