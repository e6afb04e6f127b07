/** The informational commands: explain a clause, estimate KMS requests with the documented formulas. */
import { existsSync } from 'node:fs';
import { estimateS3KmsRequests, estimateSnsKmsRequests, estimateSqsKmsRequests, s3BucketKeyMinimum } from '../../reference/cost.js';
import { readBaseline } from '../../src/baseline.js';
import type { Clause } from '../../src/clause.js';
import type { Report } from '../../src/report.js';
import { readReport } from './read-report.js';
import { describeRequirement, meets, requirementsOf } from '../../src/target.js';
import { TARGET_MODULES } from '../../test-targets/registry.js';

/** What `explain` says about a target's verdict: from a report when one is given, else from the matrix sources. */
function verdictLines(clause: Clause, reports: Report[]): string[] {
  if (reports.length > 0) {
    return reports.map((r) => {
      const c = r.clauses.find((x) => x.id === clause.id);
      return `  ${r.target.name.padEnd(11)} ${c ? `${c.verdict}${c.reason ? ` — ${c.reason}` : ''}` : '(not in this report)'}`;
    });
  }
  const lines: string[] = [];
  for (const m of TARGET_MODULES) {
    if (!m.about.matrix) continue;
    const name = m.name;
    const t = m.create(m.about.matrix);
    const missing = requirementsOf(clause).filter((r) => !meets(t, r));
    const known = m.baseline && existsSync(m.baseline) ? readBaseline(m.baseline)[clause.id] : undefined;
    const verdict = missing.length
      ? `not observable (needs ${missing.map(describeRequirement).join(', ')})`
      : known
        ? `known deviation since ${known.since}: ${known.reason}`
        : 'pass';
    lines.push(`  ${name.padEnd(11)} ${verdict}`);
  }
  return lines;
}

export function explain(clause: Clause, reportFiles: string[]): string {
  const reports = reportFiles.map(readReport);
  return [
    `${clause.id} (${clause.level})`,
    `  ${clause.title}`,
    '',
    'Sources:',
    ...clause.sources.map((s) => `  ${s.fact} [${s.evidence}] ${s.url}`),
    '',
    `Features: ${clause.features.join(', ')}`,
    ...(clause.requires?.length ? [`Observable only with: ${clause.requires.map(describeRequirement).join(', ')}`] : []),
    `Generates: ${clause.generates}`,
    '',
    reports.length ? 'Verdicts in the given reports:' : 'Verdicts (as CI establishes them: the reference passes, emulators match their baselines):',
    ...verdictLines(clause, reports),
  ].join('\n');
}

export interface KmsCostOptions {
  service: string;
  period?: number;
  reuse?: number;
  producers?: number;
  consumers?: number;
  writes?: number;
  reads?: number;
  requesters?: number;
}

/** The options of one service only: another service's option is refused, never ignored. */
function onlyFor(o: KmsCostOptions, service: string, names: (keyof KmsCostOptions)[], needed: (keyof KmsCostOptions)[]): void {
  const foreign = (['period', 'reuse', 'producers', 'consumers', 'writes', 'reads', 'requesters'] as const).find(
    (n) => o[n] !== undefined && !names.includes(n),
  );
  if (foreign) throw new RangeError(`--${foreign} does not apply to --service ${service}`);
  const missing = needed.find((n) => o[n] === undefined);
  if (missing) throw new RangeError(`--service ${service} needs --${missing}`);
}

export function estimateKmsCost(o: KmsCostOptions): string {
  if (o.service === 's3') {
    onlyFor(o, 's3', ['writes', 'reads', 'requesters'], ['writes', 'reads']);
    const r = estimateS3KmsRequests({ writes: o.writes!, reads: o.reads! });
    const least = s3BucketKeyMinimum({ requesters: o.requesters ?? 1, keys: 1 });
    return [
      `S3, without S3 Bucket Keys: R = W + G = ${fmt(o.writes!)} + ${fmt(o.reads!)} = ${fmt(r)} KMS requests (S3-17: one per request for an SSE-KMS object)`,
      `S3, with S3 Bucket Keys: at least ${fmt(least)} per bucket and KMS key (one per requester) and at most ${fmt(r)}; AWS does not say how long a bucket key is kept, so no formula gives the count between the two (S3-17)`,
    ].join('\n');
  }
  if (o.service === 'sns' && o.consumers !== undefined)
    throw new RangeError('SNS-12 counts the publishing principals only (SNS decrypts for its subscribers itself); --consumers applies to SQS only');
  onlyFor(o, o.service, ['period', 'reuse', 'producers', 'consumers'], ['period', 'producers']);
  const period = o.period!;
  const producers = o.producers!;
  if (o.service === 'sns') {
    if (o.reuse !== undefined && o.reuse !== 300) throw new RangeError('SNS reuses data keys for a fixed 300 seconds (SNS-12); --reuse applies to SQS only');
    const r = estimateSnsKmsRequests({ billingPeriodSeconds: period, producers });
    return `SNS, per topic: R = B / D × 2P = ${period} / 300 × 2 × ${producers} = ${fmt(r)} KMS requests (SNS-12; AWS notes real counts may be higher)`;
  }
  const reuse = o.reuse ?? 300;
  const r = estimateSqsKmsRequests({ billingPeriodSeconds: period, reusePeriodSeconds: reuse, producers, consumers: o.consumers ?? 0 });
  return `SQS, per queue: R = B / D × (2P + C) = ${period} / ${reuse} × (2 × ${producers} + ${o.consumers ?? 0}) = ${fmt(r)} KMS requests (SQS-9)`;
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));
