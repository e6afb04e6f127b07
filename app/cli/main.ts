#!/usr/bin/env node
/**
 * sse-conformance: list the specification, or run it against a target.
 * Exit codes: src/exit-codes.ts (docs/cli.md's table is generated from it).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { nodeWarning } from './node-version.js';
import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { checkOutputPath, writeOutputFile } from '../../src/write-file.js';
import { DEFAULT_CONFIG_FILE, endpointFlag, loadConfig, type Config } from '../../src/config.js';
import { REPORT_FORMATS, reportFileList, reporter, writeReports } from '../../src/reports/registry.js';
import { mergeShards } from '../../src/reports/merge.js';
import { diffReports, newDeviations } from '../../src/reports/diff.js';
import { renderDiffConsole, renderDiffMarkdown } from '../../src/reports/diff-render.js';
import { baselineFrom, mergeBaseline, readBaseline, writeBaseline } from '../../src/baseline.js';
import { renderSpecMarkdown } from '../docs/spec-markdown.js';
import { readFacts } from '../../src/facts.js';
import { exitCodeOf, runClause, runConformance } from '../index.js';
import { EXIT } from '../../src/exit-codes.js';
import { abbreviate } from '../../src/abbreviate.js';
import { DEFAULT_SEED } from '../../src/runner.js';
import type { DeviationSignature } from '../../src/signature.js';
import { selectClauses } from '../../src/select.js';
import { loadClauses } from '../../src/spec-loader.js';
import { endpointsExample } from '../../test-targets/endpoint/endpoint-target.js';
import { baselineFile as baselineOfTarget, makeTarget, TARGET_MODULES, TARGET_NAMES, targetModule } from '../../test-targets/registry.js';
import { Recorder } from '../../src/recording/recorder.js';
import { checkModel } from '../../src/recording/check-model.js';
import { startModel } from '../../test-targets/reference/reference-target.js';
import { readRecording } from '../../src/recording/read.js';
import { renderModelCheck } from '../../src/recording/render.js';
import { VERSION } from '../../src/version.js';
import { describePlan, planRun } from '../../src/plan.js';
import { meets, requirementsOf, type Target, TargetUnavailableError } from '../../src/target.js';
import { MissingPackageError } from '../../src/optional-dependency.js';
import { clauseLine, renderConsoleSummary, renderReplay } from './console-report.js';
import { Progress } from './progress.js';
import { FaultyTarget, parseFaults } from '../../test-targets/faulty/index.js';
import { estimateKmsCost, explain, type KmsCostOptions } from './commands-info.js';
import { readReport } from './read-report.js';
import { UsageError } from '../../src/usage-error.js';
import { ACCOUNT_ID_EXPECTED, ACCOUNT_ID_PATTERN, REGION_EXPECTED, REGION_PATTERN } from '../../src/aws-ids.js';
import { integerOption, strictInteger } from '../../src/strict-number.js';
import { quoted, redactCredentials, terminalText } from '../../src/terminal-text.js';
import { credentialsOf, redactSecretsIn } from '../../src/secrets.js';
import { commanderErr, err, errLine, out } from './output.js';
import { emit, EMITTERS, type Emitter } from '../../src/reproduce/emit.js';
import { defaultEndpoint } from '../../src/reproduce/statement.js';
import { NotReproducibleError, toReproduction } from '../../src/reproduce/reproduction.js';

const warning = nodeWarning(process.versions.node, process.env);
if (warning) err(warning);

/**
 * The reader of our output went away (`run … | head -c 0`): Node ignores SIGPIPE, so each write fails with EPIPE,
 * an 'error' event that would otherwise end the process with a stack trace. Quietly: a run stops after the current
 * scenario, as on a first SIGINT (it cleans up what it created), and the exit code is 141 (128 + SIGPIPE), as a
 * program stopped by SIGPIPE would have.
 */
const EXIT_OUTPUT_CLOSED = EXIT.outputClosed;
const outputClosed = new AbortController();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && !(outputClosed.signal.aborted && e.code === 'ERR_STREAM_DESTROYED')) throw e;
    outputClosed.abort();
  });
}
// Whatever a command sets after its output failed: nobody read its verdict.
process.on('exit', () => {
  if (outputClosed.signal.aborted) process.exitCode = EXIT_OUTPUT_CLOSED;
});
/** The run's verdict was as expected, but a report or baseline file could not be written. */
const EXIT_WRITE_FAILED = EXIT.writeFailed;
/** Cleanup left resources behind on a real account (run: the verdicts were as expected; sweep: a delete failed). */
const EXIT_LEFTOVERS = EXIT.leftovers;

/** fast-check seeds are 32-bit: a larger one would silently run as another seed. */
const MAX_SEED = 0xffff_ffff;
const MAX_RUNS = 10_000;
const collect = (v: string, prev: string[] = []) => [...prev, v];
/** --region: a configuration error now (exit code 2), not a target that cannot be reached later (3). */
const region = (v: string) => {
  if (!REGION_PATTERN.test(v)) throw new UsageError(`--region must be ${REGION_EXPECTED}, got ${quoted(v)}`);
  return v;
};
/** --allow-account, repeatable: each one an account ID. */
const account = (v: string, prev: string[] = []) => {
  if (!ACCOUNT_ID_PATTERN.test(v)) throw new UsageError(`--allow-account must be ${ACCOUNT_ID_EXPECTED}, got ${quoted(v)}`);
  return [...prev, v];
};

const program = new Command()
  .name('sse-conformance')
  .description('Executable specification of server-side encryption on Amazon SNS, SQS and S3, and a conformance suite for any target')
  .version(VERSION)
  .exitOverride()
  .configureOutput({ writeOut: out, writeErr: commanderErr });

program
  .command('list')
  .description('print the specification, without running anything')
  .addOption(new Option('--format <format>', 'output format').choices(['console', 'json', 'markdown']).default('console'))
  .action(async (o: { format: string }) => {
    const clauses = await loadClauses();
    if (o.format === 'markdown') return out(renderSpecMarkdown(clauses, readFacts()));
    if (o.format === 'json') {
      const plain = clauses.map(({ id, title, level, theme, sources, features, requires, generates }) => ({
        id,
        title,
        level,
        theme,
        sources,
        features,
        requires: requires ?? [],
        generates,
      }));
      return out(JSON.stringify(plain, null, 2) + '\n');
    }
    for (const c of clauses) out(`${c.level.padEnd(8)} ${c.id}\n         ${c.title}\n`);
    out(`${clauses.length} clauses\n`);
  });

program
  .command('run', { isDefault: true })
  .description('run the specification against a target (default: the reference model)')
  .option('--target <name>', 'target to run against (the targets are listed below)', 'reference')
  .option('--endpoint <url>', `an emulator already running at this URL (endpoint target: URL or ${endpointsExample()})`)
  .option('--reset', 'wipe the state of the emulator given with --endpoint before running (never done otherwise)')
  .option('--region <region>', 'AWS Region (aws and endpoint targets)', region)
  .option('--allow-account <id>', 'aws: an account ID the run may touch, checked with STS first (repeatable)', account)
  .option('--real-time-windows', 'emulators: also run clauses that wait real time for data-key reuse windows (~2 minutes)')
  .option(
    '--faults <spec>',
    "inject faults into the target's requests, e.g. server-error=0.2,throttle=0.1,reset=0.05,truncate=0.05,latency=2000,silent-after=40,seed=1 (test-targets/faulty/)",
  )
  .option('--config <file>', `settings file (default: ./${DEFAULT_CONFIG_FILE} if present); flags override it`)
  .option('--clause <pattern>', 'only clauses whose id matches (glob with *; repeatable)', collect)
  .option('--tag <feature>', 'only clauses with this feature tag (repeatable)', collect)
  .option('--runs <n>', `generated runs per clause (1 to ${MAX_RUNS})`, integerOption('--runs', 1, MAX_RUNS))
  .option('--seed <n>', `seed, 0 to ${MAX_SEED}; the same seed generates the same scenarios`, integerOption('--seed', 0, MAX_SEED), DEFAULT_SEED)
  .option(
    '--concurrency <n>',
    "clauses run at once, 1 to 64 (default: the target's, as measured); the report is the same",
    integerOption('--concurrency', 1, 64),
  )
  .option('--shard <i/n>', 'run only shard i of n (1-based), e.g. 2/4; merge the reports with `report`')
  .addOption(new Option('--format <format>', 'what to print').choices(['console', ...REPORT_FORMATS]).default('console'))
  .option('--out <dir>', `also write ${reportFileList()} into this folder`)
  .option('--baseline <file>', "known failures of the target (default: the target's own baseline)")
  .option('--no-baseline', 'ignore the baseline: report every failure as a failure')
  .option('--write-baseline <file>', "write this run's failures into this baseline file: the entries of the clauses that ran are replaced, the others kept")
  .option('--prune', 'with --write-baseline: also drop the entries of clauses that are no longer in the specification')
  .option('--record <file>', 'write a transcript of every scenario (requests and normalised outcomes, symbolic and redacted; docs/recordings.md)')
  .option('--recording <file>', 'recorded target: the transcript it answers from (written by run --record)')
  .addHelpText('after', ({ command }) => `\nTargets (--target):\n${targetList(command)}`)
  .action(async (flags: RunFlags, cmd: Command) => {
    const cfg = loadConfig(flags.config, TARGET_NAMES);
    const o = withConfig(flags, cmd, cfg);
    // Faults wrap whichever target was named: each fault must come out as an error, never as a verdict.
    const target =
      o.faults !== undefined ? new FaultyTarget(makeTarget(o.target, targetOptions(o)), parseFaults(o.faults)) : makeTarget(o.target, targetOptions(o));
    // A target that fixes its seed (a recording answers the scenarios of its own) gives the default seed, under faults too.
    if (target.fixedSeed !== undefined && cmd.getOptionValueSource('seed') !== 'cli' && cfg.seed === undefined) o.seed = target.fixedSeed;
    if (o.prune && !o.writeBaseline) throw new UsageError('--prune drops entries from the file of --write-baseline: give --write-baseline FILE');
    if (o.record !== undefined) checkOutputPath(o.record, '--record');
    if (o.writeBaseline !== undefined) checkOutputPath(o.writeBaseline, '--write-baseline');
    const allClauses = await loadClauses();
    const selected = selectClauses(allClauses, { clause: o.clause, tag: o.tag });
    if (selected.length === 0)
      throw new UsageError(`no clause matches ${[...(o.clause ?? []), ...(o.tag ?? [])].map(quoted).join(', ')}; see \`sse-conformance list\``);
    const clauses = o.shard !== undefined ? shard(selected, o.shard) : selected;
    const live = o.format === 'console';
    // A concurrency the target cannot take is lowered to its limit, and the user told why.
    const limit = (target as Target).concurrencyLimit;
    if (o.concurrency && limit && o.concurrency > limit.max) err(`sse-conformance: ${target.name} runs at most ${limit.max} at once: ${limit.reason}\n`);
    // A default that is not measured is said, not kept silent.
    const note = (target as Target).concurrencyNote;
    if (!o.concurrency && note) err(`sse-conformance: ${note}\n`);
    if (!target.capabilities.disposableAccount) {
      const plan = planRun(target, clauses, o.runs ?? target.defaultRuns);
      err(describePlan(plan, 3) + '\n');
    }
    const baselineFile = o.baseline === false ? undefined : (o.baseline ?? baselineOfTarget(o.target));
    const baseline = baselineFile && (o.baseline || existsSync(baselineFile)) ? readBaseline(baselineFile) : undefined;
    // Read before the run: a malformed file is a usage error now, not after minutes of running.
    const written = o.writeBaseline && existsSync(o.writeBaseline) ? readBaseline(o.writeBaseline) : undefined;
    const progress = live ? new Progress(process.stdout) : undefined;
    // The first SIGINT or SIGTERM stops the run after the current scenario (which cleans up) and keeps
    // a partial report; a second one exits at once (execa still stops the emulators this run started).
    const interrupt = new AbortController();
    let signalled: NodeJS.Signals | undefined;
    const onSignal = (sig: NodeJS.Signals) => {
      if (signalled) process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
      signalled = sig;
      err('\n');
      errLine(`${sig}: stopping after the current scenario and cleaning up (again to quit at once)`);
      interrupt.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const recorder = o.record
      ? new Recorder(target, {
          ...(targetModule(o.target).version ? { version: targetModule(o.target).version! } : {}),
          ...(o.region ? { region: o.region } : {}),
          seed: o.seed,
          runs: o.runs ?? target.defaultRuns,
          clauses: clauses.map((c) => c.id),
        })
      : undefined;
    const report = await runConformance(target, {
      signal: AbortSignal.any([interrupt.signal, outputClosed.signal]),
      clauses,
      seed: o.seed,
      ...(recorder ? { onScenario: (e) => recorder.add(e) } : {}),
      ...(o.runs ? { runs: o.runs } : {}),
      ...(o.concurrency ? { concurrency: o.concurrency } : {}),
      ...(baseline ? { baseline } : {}),
      onClauseStart: progress ? (c, i, n) => progress.start(c.id, i, n) : undefined,
      onClauseEnd: progress ? (r, i, n) => progress.end(clauseLine(r, i, n), r.verdict) : undefined,
    });
    // The verdict is printed and its exit code kept even when an output file cannot be written.
    const writeFailures: string[] = [];
    const attemptWrite = (what: string, fn: () => void) => {
      try {
        fn();
      } catch (e) {
        writeFailures.push(`could not write ${what}: ${writeProblem(e)}`);
      }
    };
    if (o.out) attemptWrite(`the reports into ${o.out}`, () => writeReports(o.out!, [report]));
    if (recorder) attemptWrite(`the recording ${o.record}`, () => recorder.write(o.record!));
    // Only a run that reached every clause it selected says what their entries are: an interrupted run, or one
    // whose target could not be started or stopped answering, leaves the file as it is.
    const whole = !report.interrupted && !report.target.unavailable;
    if (o.writeBaseline && !whole) writeFailures.push(`the baseline ${o.writeBaseline} was not written: the run did not reach every clause it selected`);
    if (o.writeBaseline && whole) {
      const fresh = baselineFrom(report, written ?? baseline, undefined, (id) =>
        requirementsOf(clauses.find((c) => c.id === id)!).some((r) => !meets(target, r)),
      );
      const known = new Set(allClauses.map((c) => c.id));
      const merged = mergeBaseline(written ?? {}, fresh, new Set(clauses.map((c) => c.id)), o.prune ? { known } : undefined);
      const stale = Object.keys(merged).filter((id) => !known.has(id));
      if (stale.length)
        errLine(
          `${o.writeBaseline} keeps ${stale.length === 1 ? 'an entry' : `${stale.length} entries`} of clauses no longer in the specification (${stale.join(', ')}); --prune drops them`,
        );
      attemptWrite(`the baseline ${o.writeBaseline}`, () => writeBaseline(o.writeBaseline!, merged));
    }
    out(live ? renderConsoleSummary(report) + '\n' : reporter(o.format).render([report]));
    // What could not be reached, also on stderr (the report says it too, but may be on its way into a file).
    const unavailable = report.target.unavailable;
    if (unavailable)
      errLine(unavailable.startsWith(`target ${report.target.name} `) ? unavailable : `target ${report.target.name} could not be started: ${unavailable}`);
    for (const f of writeFailures) errLine(f);
    // Cleanup failures on a real account are never dropped: one line each (exit code 5 when nothing else failed).
    for (const l of report.leftovers ?? [])
      errLine(`left behind: ${l.kind} ${abbreviate(l.id)}${l.clause ? ` (${l.clause})` : ''}: ${abbreviate(l.reason)}; \`sweep --delete\` removes it`);
    process.exitCode = writeFailures.length && exitCodeOf(report) === 0 ? EXIT_WRITE_FAILED : exitCodeOf(report);
    if (signalled) {
      const done = report.clauses.filter((c) => !c.reason?.startsWith('not run: the run was interrupted')).length;
      errLine(`interrupted by ${signalled}: ${done} of ${report.clauses.length} clauses finished${o.out ? `; partial report in ${o.out}` : ''}`);
      process.exitCode = 128 + (signalled === 'SIGINT' ? 2 : 15);
    }
  });

interface RunFlags {
  target: string;
  endpoint?: string;
  reset?: boolean;
  region?: string;
  allowAccount?: string[];
  realTimeWindows?: boolean;
  config?: string;
  clause?: string[];
  tag?: string[];
  faults?: string;
  runs?: number;
  concurrency?: number;
  seed: number;
  shard?: string;
  format: string;
  out?: string;
  baseline?: string | false;
  writeBaseline?: string;
  prune?: boolean;
  record?: string;
  recording?: string;
}

/** Settings from the config file, unless the same setting was given on the command line. */
function withConfig(flags: RunFlags, cmd: Command, cfg: Config): RunFlags {
  const fromCli = (k: string) => cmd.getOptionValueSource(k) === 'cli';
  const o = { ...flags };
  if (cfg.target && !fromCli('target')) o.target = cfg.target;
  const endpoint = endpointFlag(cfg.endpoint);
  if (endpoint && !fromCli('endpoint')) o.endpoint = endpoint;
  if (cfg.region && !fromCli('region')) o.region = cfg.region;
  if (cfg.allowAccounts && !fromCli('allowAccount')) o.allowAccount = cfg.allowAccounts;
  if (cfg.seed !== undefined && !fromCli('seed')) o.seed = cfg.seed;
  if (cfg.runs !== undefined && !fromCli('runs')) o.runs = cfg.runs;
  if (cfg.concurrency !== undefined && !fromCli('concurrency')) o.concurrency = cfg.concurrency;
  if (cfg.clauses && !fromCli('clause')) o.clause = cfg.clauses;
  if (cfg.tags && !fromCli('tag')) o.tag = cfg.tags;
  if (cfg.baseline && !fromCli('baseline')) o.baseline = cfg.baseline;
  if (cfg.realTimeWindows !== undefined && !fromCli('realTimeWindows')) o.realTimeWindows = cfg.realTimeWindows;
  if (cfg.reset !== undefined && !fromCli('reset')) o.reset = cfg.reset;
  return o;
}

/**
 * Shard i of n: every n-th selected clause. More shards than selected clauses is refused for every i, not only
 * for the shards that would select nothing: the jobs of one split must all run or all stop.
 */
function shard<T>(items: T[], spec: string): T[] {
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const n = m ? strictInteger(m[2]!, 1) : undefined;
  const i = m && n !== undefined ? strictInteger(m[1]!, 1, n) : undefined;
  if (i === undefined || n === undefined) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, in decimal digits, got ${quoted(spec)}`);
  const k = items.length;
  if (n > k)
    throw new UsageError(
      `--shard ${i}/${n}: only ${k} ${k === 1 ? 'clause is' : 'clauses are'} selected, so ${n - k} of ${n} shards would select no clause; use at most ${k === 1 ? 'one shard' : `${k} shards`}`,
    );
  return items.filter((_, j) => j % n === i - 1);
}

program
  .command('report <results...>')
  .description('render or merge JSON reports (shards of one run, or several targets) as one report')
  .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('markdown'))
  .action((files: string[], o: { format: string }) => {
    out(reporter(o.format).render(mergeShards(files.map(readReport))));
  });

program
  .command('diff <a> <b>')
  .description(
    'what changed from report A to report B (a target over time, or two targets): verdicts, and deviations gained and lost by signature; exit 1 when B has a deviation A does not',
  )
  .addOption(new Option('--format <format>', 'output format').choices(['console', 'markdown']).default('console'))
  .action((a: string, b: string, o: { format: string }) => {
    const d = diffReports(readReport(a), readReport(b));
    // The file names as they may be shown: on one line each, whatever they hold.
    const names = { a: terminalText(a, { oneLine: true }), b: terminalText(b, { oneLine: true }) };
    out(o.format === 'markdown' ? renderDiffMarkdown(d, names) : renderDiffConsole(d, names));
    process.exitCode = newDeviations(d) > 0 ? 1 : 0;
  });

program
  .command('check-model <recording>')
  .description('replay every recorded scenario on the reference model, offline, and say which recorded outcomes it does not allow; exit 1 when any')
  .addOption(new Option('--format <format>', 'output format').choices(['console', 'json']).default('console'))
  .action(async (file: string, o: { format: string }) => {
    const rec = readRecording(file);
    const r = await checkModel(rec, startModel);
    out(o.format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderModelCheck(terminalText(file, { oneLine: true }), rec, r));
    // Nothing compared is no agreement: an empty recording, or one where every scenario ended in a fault.
    if (r.compared === 0) errLine(`${file}: no recorded outcome could be compared with the model; nothing was checked`);
    process.exitCode = r.disagreements.length > 0 ? 1 : r.compared === 0 ? 2 : 0;
  });

program
  .command('explain <clause-id>')
  .description("a clause's sentence, sources, what it generates, and its verdict per target")
  .option('--report <file>', 'verdicts from this JSON report instead (repeatable)', collect)
  .action(async (id: string, o: { report?: string[] }) => {
    out(explain(await findClause(id), o.report ?? []) + '\n');
  });

program
  .command('replay <clause-or-report> [clause-id]')
  .description(
    "re-run a counterexample exactly (the same generated input): `replay CLAUSE --seed S --path P`, as a run's console prints it, " +
      'or `replay REPORT.json CLAUSE` (its first deviation, or --deviation N)',
  )
  .option('--seed <n>', "the clause's own seed, as the counterexample shows it", integerOption('--seed', 0, MAX_SEED))
  .option('--path <path>', "fast-check's path to the counterexample, e.g. 3:1:0")
  .option('--deviation <n>', "with a report: which of the clause's deviations (1-based)", integerOption('--deviation', 1))
  .option('--target <name>', "target to replay against (default: the report's target, else reference)")
  .option('--endpoint <url>', 'an emulator already running at this URL')
  .addOption(new Option('--emit <kind>', 'also write a standalone reproduction: a Node script (node) or AWS CLI calls (aws-cli)').choices([...EMITTERS]))
  .option('--out <file>', 'with --emit: write the script to this file (default: standard output, the replay then goes to standard error)')
  .action(
    async (
      first: string,
      second: string | undefined,
      o: { seed?: number; path?: string; deviation?: number; target?: string; endpoint?: string; emit?: Emitter; out?: string },
    ) => {
      if (o.out !== undefined && o.emit === undefined) throw new UsageError('--out names the file of --emit: give --emit node or --emit aws-cli');
      if (o.out !== undefined) checkOutputPath(o.out, '--out');
      const { id, seed, path, targetName, only } = replaySource(first, second, o);
      const clause = await findClause(id);
      const target = makeTarget(o.target ?? targetName, targetOptions(o));
      if (!(await startOrExit3(target))) return;
      try {
        const result = await runClause(target, clause, {
          seed,
          path,
          only,
          runs: 1,
          prefix: target.namePrefix ?? 'replay',
          exactSeed: true,
          keepTranscript: true,
        });
        // A credential the target echoed is shown as <credential>, as in a report (src/secrets.ts).
        const credentials = await credentialsOf(target).catch(() => []);
        redactSecretsIn(result, credentials);
        const replayed = renderReplay(id, seed, path, result.transcript ?? [], result.verdict) + '\n';
        process.exitCode = result.verdict === 'pass' ? 0 : result.verdict === 'error' ? 3 : 1;
        // Without --out the script owns standard output, so that it can be redirected as it is.
        if (!o.emit) return out(replayed);
        (o.out ? out : err)(replayed);
        if (result.verdict === 'pass' || result.verdict === 'error' || result.verdict === 'not-observable' || !result.replayed) {
          return errLine(`no reproduction written: the counterexample did not fail on ${target.name} (${result.verdict})`);
        }
        let reproduction: ReturnType<typeof toReproduction>;
        try {
          reproduction = toReproduction(clause, {
            seed,
            path,
            target: { name: target.name, ...(target.endpoint ? { endpoint: redactCredentials(target.endpoint) } : {}) },
            replayed: result.replayed,
          });
        } catch (e) {
          if (!(e instanceof NotReproducibleError)) throw e;
          return errLine(`no reproduction written: ${e.message}`);
        }
        const script = emit(o.emit, reproduction, { endpoint: defaultEndpoint(o.endpoint) });
        if (!o.out) return out(script);
        try {
          writeOutputFile(o.out, script, { mode: 0o755 });
          out(`wrote ${o.emit === 'node' ? 'a Node script' : 'an AWS CLI script'} that reproduces this deviation: ${o.out}\n`);
        } catch (e) {
          errLine(`could not write ${o.out}: ${writeProblem(e)}`);
          process.exitCode = EXIT_WRITE_FAILED;
        }
      } finally {
        await target.dispose();
      }
    },
  );

/** What to replay: a clause with --seed and --path, or a counterexample of a JSON report. */
function replaySource(
  first: string,
  second: string | undefined,
  o: { seed?: number; path?: string; deviation?: number },
): { id: string; seed: number; path: string; targetName: string; only?: DeviationSignature } {
  if (second === undefined) {
    if (o.seed === undefined || o.path === undefined)
      throw new UsageError('replay CLAUSE needs --seed and --path (as a run prints them), or give a JSON report: replay REPORT.json CLAUSE');
    return { id: first, seed: o.seed, path: checkedPath(o.path, '--path'), targetName: 'reference' };
  }
  if (o.seed !== undefined || o.path !== undefined)
    throw new UsageError('--seed and --path replay a clause without a report: give either a report or --seed and --path, not both');
  const report = readReport(first);
  const entry = report.clauses.find((c) => c.id === second);
  if (!entry) throw new UsageError(`clause ${quoted(second)} is not in ${first}`);
  const deviations = entry.deviations ?? (entry.counterexample ? [{ counterexample: entry.counterexample }] : []);
  if (deviations.length === 0) throw new UsageError(`clause ${quoted(second)} has no counterexample in ${first} (verdict ${entry.verdict})`);
  const n = o.deviation ?? 1;
  if (n > deviations.length) throw new UsageError(`--deviation ${n}: clause ${quoted(second)} has ${deviations.length} in ${first}`);
  const ce = o.deviation === undefined && entry.counterexample ? entry.counterexample : deviations[n - 1]!.counterexample;
  // A counterexample can show several deviations (a scenario goes on after a failed soft check): replay this one's.
  const shown = (entry.deviations ?? []).find((d) => JSON.stringify(d.counterexample) === JSON.stringify(ce))?.identity;
  const path = checkedPath(ce.path, `the path of ${quoted(second)} in ${first}`);
  return { id: second, seed: ce.seed, path, targetName: report.target.name, ...(shown ? { only: shown } : {}) };
}

/** fast-check's paths: the run, then one shrink step per part. A real one has a few dozen parts, each small. */
const MAX_PATH_PARTS = 1_000;
const MAX_PATH_PART = 2 * MAX_RUNS;

/**
 * A counterexample's path, strictly: fast-check walks it before anything runs, and skips as many inputs as a part
 * says (99999999999999999999 never ends), so each part is bounded.
 */
function checkedPath(path: string, what: string): string {
  const parts = path.split(':');
  if (parts.length > MAX_PATH_PARTS || parts.some((p) => strictInteger(p, 0, MAX_PATH_PART) === undefined))
    throw new UsageError(
      `${what} must look like 3:1:0 (at most ${MAX_PATH_PARTS.toLocaleString('en-US')} whole numbers from 0 to ${MAX_PATH_PART}, joined by :), got ${quoted(path)}`,
    );
  return path;
}

program
  .command('estimate-kms-cost')
  .description('KMS requests by the documented formulas: SNS R = B/D × 2P, SQS R = B/D × (2P + C), S3 R = W + G without bucket keys')
  .addOption(new Option('--service <service>', 'sns, sqs or s3').choices(['sns', 'sqs', 's3']).makeOptionMandatory())
  .option('--period <seconds>', 'SNS, SQS: billing period B in seconds (January: 2678400)', integerOption('--period', 1))
  .option('--reuse <seconds>', 'SQS data-key reuse period D, 60 to 86400 (SNS: fixed 300)', integerOption('--reuse', 1))
  .option('--producers <n>', 'SNS, SQS: publishing or producing principals P', integerOption('--producers', 0))
  .option('--consumers <n>', 'SQS consuming principals C', integerOption('--consumers', 0))
  .option('--writes <n>', 'S3: writes of SSE-KMS objects W', integerOption('--writes', 0))
  .option('--reads <n>', 'S3: reads of SSE-KMS objects G', integerOption('--reads', 0))
  .option('--requesters <n>', 'S3: requesters P (with S3 Bucket Keys, at least one request each)', integerOption('--requesters', 1))
  .action((o: KmsCostOptions) => {
    if (o.service === 'sqs' && o.reuse !== undefined && (o.reuse < 60 || o.reuse > 86_400))
      throw new UsageError('--reuse must be between 60 and 86400 seconds (SQS-8)');
    try {
      out(estimateKmsCost(o) + '\n');
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });

program
  .command('sweep')
  .description('list (and with --delete remove) what interrupted runs left on a real account: only prefixed, tagged resources')
  .option('--target <name>', 'only aws', 'aws')
  .option('--endpoint <url>', 'a stand-in endpoint for every service')
  .option('--region <region>', 'AWS Region', region)
  .option('--allow-account <id>', 'an account ID the sweep may touch, checked with STS first (repeatable)', account)
  .option('--delete', 'delete what is listed (default: dry run)', false)
  .action(async (o: { target: string; endpoint?: string; region?: string; allowAccount?: string[]; delete: boolean }) => {
    const m = targetModule(o.target);
    if (!m.sweep) {
      const sweepable = TARGET_MODULES.filter((x) => x.sweep).map((x) => `--target ${x.name}`);
      throw new UsageError(`sweep works on ${sweepable.join(', ')} only (emulators are reset instead)`);
    }
    const target = makeTarget(m.name, targetOptions(o));
    if (!(await startOrExit3(target))) return;
    const r = await m.sweep(target, { delete: o.delete });
    const verb = o.delete ? 'deleted' : 'would delete (dry run; pass --delete)';
    const n = r.failures.length;
    out(
      `${verb}: ${r.found.map((f) => `${f.ids.length} ${f.plural}`).join(', ')}; ${o.delete ? 'restored' : 'would restore'} ${r.pooledKeys.length} pooled keys${n ? ` (${n} of these failed)` : ''}\n`,
    );
    for (const x of r.found.flatMap((f) => f.ids)) out(`  ${x}\n`);
    for (const k of r.inUse) {
      const until = Number.isNaN(k.expiresAt) ? '' : ` until ${new Date(k.expiresAt).toISOString()}`;
      out(`in use, left alone: pooled key ${k.id} (leased by ${k.holder}${until})${k.aliases.length ? ` and its aliases ${k.aliases.join(', ')}` : ''}\n`);
    }
    for (const live of r.liveRuns)
      out(`in use, left alone: run ${live.run} (its lease until ${new Date(live.expiresAt).toISOString()}): ${live.resources.join(', ')}\n`);
    // A failure to delete is never dropped: one line each, and exit code 5 (something is left behind).
    for (const f of r.failures) errLine(`sweep could not remove ${f.resource}: ${abbreviate(f.reason)}`);
    if (n) process.exitCode = EXIT_LEFTOVERS;
    await target.dispose();
  });

/** Why a file could not be written: the error's code, unless its message starts with it (Node's do). */
function writeProblem(e: unknown): string {
  const { code } = e as NodeJS.ErrnoException;
  const message = (e as Error).message ?? String(e);
  return (code && !message.startsWith(code) ? `${code} ${message}` : message).replace(/\s+/g, ' ');
}

/** Starts a target; when it cannot start, says why and sets exit code 3. */
async function startOrExit3(target: { start(): Promise<void> }): Promise<boolean> {
  try {
    await target.start();
    return true;
  } catch (e) {
    if (!(e instanceof TargetUnavailableError)) throw e;
    errLine(e.message);
    process.exitCode = EXIT.unavailable;
    return false;
  }
}

async function findClause(id: string) {
  const clause = (await loadClauses()).find((c) => c.id === id);
  if (!clause) throw new UsageError(`unknown clause ${quoted(id)}; see \`sse-conformance list\``);
  return clause;
}

/** Every target with its one-line description, for `run --help`, laid out as commander lays out options. */
function targetList(cmd: Command): string {
  const help = cmd.createHelp();
  const width = Math.max(...TARGET_MODULES.map((m) => m.name.length));
  return TARGET_MODULES.map((m) => help.formatItem(m.name, width, m.about.description, help)).join('\n');
}

function targetOptions(o: { endpoint?: string; reset?: boolean; region?: string; allowAccount?: string[]; realTimeWindows?: boolean; recording?: string }) {
  return {
    ...(o.recording ? { recording: o.recording } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.reset ? { reset: true } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.allowAccount ? { allowedAccounts: o.allowAccount } : {}),
    ...(o.realTimeWindows ? { realTimeWindows: true } : {}),
  };
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage; // help and version exit 0
  } else if (e instanceof MissingPackageError) {
    errLine(e.message);
    process.exitCode = EXIT.unavailable; // like any target that cannot be started
  } else if (e instanceof UsageError) {
    // Every reader's and parser's own error extends UsageError (src/usage-error.ts).
    errLine(e.message);
    process.exitCode = EXIT.usage;
  } else {
    err(`sse-conformance: internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = EXIT.internal;
  }
}
