/** The informational commands: explain a clause, estimate KMS requests with the documented formulas. */
import { existsSync } from 'node:fs';
import { estimateSnsKmsRequests, estimateSqsKmsRequests } from '../../reference/cost.js';
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

export function estimateKmsCost(o: { service: string; period: number; reuse?: number; producers: number; consumers?: number }): string {
  if (o.service === 'sns') {
    if (o.reuse !== undefined && o.reuse !== 300) throw new RangeError('SNS reuses data keys for a fixed 300 seconds (SNS-12); --reuse applies to SQS only');
    if (o.consumers !== undefined)
      throw new RangeError('SNS-12 counts the publishing principals only (SNS decrypts for its subscribers itself); --consumers applies to SQS only');
    const r = estimateSnsKmsRequests({ billingPeriodSeconds: o.period, producers: o.producers });
    return `SNS, per topic: R = B / D × 2P = ${o.period} / 300 × 2 × ${o.producers} = ${fmt(r)} KMS requests (SNS-12; AWS notes real counts may be higher)`;
  }
  const reuse = o.reuse ?? 300;
  const r = estimateSqsKmsRequests({ billingPeriodSeconds: o.period, reusePeriodSeconds: reuse, producers: o.producers, consumers: o.consumers ?? 0 });
  return `SQS, per queue: R = B / D × (2P + C) = ${o.period} / ${reuse} × (2 × ${o.producers} + ${o.consumers ?? 0}) = ${fmt(r)} KMS requests (SQS-9)`;
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));
