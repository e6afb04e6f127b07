/** check-model's console output: what was compared, and each disagreement with the calls that led to it. */
import { shown } from '../abbreviate.js';
import type { ModelCheck } from './check-model.js';
import type { RecordedCall, Recording } from './schema.js';

const WHEN: Record<string, string> = {
  violation: 'the clause failed here',
  pass: 'the clause passed',
  'not-observable': 'the clause could not observe',
  error: 'the scenario ended in a fault',
};

const outcome = (c: RecordedCall): string => ('fault' in c.outcome ? 'fault' : c.outcome.ok ? 'ok' : c.outcome.code);

export function renderModelCheck(file: string, rec: Recording, r: ModelCheck): string {
  const t = rec.target;
  const lines = [
    `${file}: ${t.name}${t.version ? ` ${t.version}` : ''}, recorded ${rec.startedAt} by sse-conformance ${rec.tool.version}, seed ${rec.seed}, ${rec.clauses.length} clauses`,
    `${r.scenarios} scenarios, ${r.calls} calls: ${r.compared} compared with the reference model, ${r.calls - r.compared} not compared`,
  ];
  for (const [why, n] of Object.entries(r.notCompared)) lines.push(`  not compared: ${n} × ${why}`);
  if (r.disagreements.length === 0) {
    lines.push('', r.compared === 0 ? 'Nothing was compared: the recording holds no outcome the model can judge.' : 'The model allows every recorded outcome.');
    return lines.join('\n') + '\n';
  }
  const clauses = new Set(r.disagreements.map((d) => d.clause));
  lines.push('', `Disagreements (${r.disagreements.length}, in ${clauses.size} clauses): the recording shows what the model does not allow`);
  for (const d of r.disagreements) {
    lines.push(
      '',
      `  ${d.clause} (scenario ${d.index}, input ${d.inputHash}, ${WHEN[d.outcome]}) step ${d.step}: ${d.call.service}:${d.call.op} recorded ${d.recorded}; the model gives ${d.model}`,
    );
    d.steps.forEach((s, i) => {
      lines.push(`    ${i + 1}. ${s.service}:${s.op} ${shown(s.request)} → ${outcome(s)}${s === d.call ? '   ← here' : ''}`);
    });
  }
  const by = (o: string) => r.disagreements.filter((d) => d.outcome === o).length;
  lines.push(
    '',
    `${r.disagreements.length} disagreements in ${clauses.size} clauses (${by('violation')} where the clause failed, ${by('pass')} where it passed, ${by('not-observable')} where it could not observe, ${by('error')} before a fault): ${[...clauses].join(', ')}`,
  );
  return lines.join('\n') + '\n';
}
