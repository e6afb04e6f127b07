/**
 * A self-contained HTML page: the matrix clause × target, grouped by feature area, with filters by
 * verdict and feature, and each failure opening to its counterexample (expected vs observed per
 * step) and the clause's sources. Every piece of text comes through escape-html.
 */
import escape from 'escape-html';
import { shown } from '../abbreviate.js';
import type { ClauseResult, Report } from '../report.js';
import { VERDICTS } from '../report.js';
import { stepText } from './step-text.js';

const e = (v: unknown) => escape(typeof v === 'string' ? v : shown(v, 600));

function stepsTable(r: ClauseResult): string {
  const ce = r.counterexample;
  if (!ce) return '';
  const rows = ce.steps.map(stepText).map((t) =>
    `<tr class="step"><td>${t.n}</td><td>${e(t.operation)}${t.principal ? ` <span class="principal">as principal ${t.principal}</span>` : ''}</td><td><code>${e(t.input)}</code></td>` +
      `<td class="expected">${t.expected ? e(t.expected) : ''}</td><td class="observed">${e(t.outcome)}${t.values ? ` <code>${e(t.values)}</code>` : ''}${t.waited ? ` (waited ${e(t.waited)})` : ''}</td></tr>`);
  return `<p class="replay">seed ${e(String(ce.seed))}, path <code>${e(ce.path)}</code></p>` +
    `<table class="steps"><thead><tr><th>#</th><th>operation</th><th>input</th><th>expected</th><th>observed</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function cellHtml(r: ClauseResult | undefined): string {
  if (!r) return '<td class="v-none">—</td>';
  const sources = `<ul class="sources">${r.sources.map((s) => `<li>${e(s.fact)} [${e(s.evidence)}] <a href="${e(s.url)}">${e(s.url)}</a></li>`).join('')}</ul>`;
  if (r.verdict === 'pass') return `<td class="v-pass">pass</td>`;
  return `<td class="v-${r.verdict}"><details><summary>${e(r.verdict)}</summary><p class="reason">${e(r.reason ?? '')}</p>${stepsTable(r)}${sources}</details></td>`;
}

export function renderHtml(reports: Report[]): string {
  const ids = [...new Set(reports.flatMap((r) => r.clauses.map((c) => c.id)))].sort();
  const byId = new Map<string, ClauseResult>();
  for (const r of reports) for (const c of r.clauses) if (!byId.has(c.id)) byId.set(c.id, c);
  const features = [...new Set(reports.flatMap((r) => r.clauses.flatMap((c) => c.features)))].sort();
  const head = reports.map((r) => `<th>${e(r.target.name)}</th>`).join('');
  let area = '';
  const rows: string[] = [];
  for (const id of ids) {
    const a = id.split('.').slice(0, 2).join('.');
    if (a !== area) {
      area = a;
      rows.push(`<tr class="area"><th colspan="${reports.length + 1}">${e(a)}</th></tr>`);
    }
    const c = byId.get(id)!;
    const cells = reports.map((r) => r.clauses.find((x) => x.id === id));
    rows.push(`<tr class="clause" data-verdicts="${e(cells.map((x) => x?.verdict ?? 'none').join(' '))}" data-features="${e(c.features.join(' '))}">` +
      `<td class="id"><code>${e(id)}</code> <span class="level">${e(c.level)}</span><div class="title">${e(c.title)}</div></td>${cells.map(cellHtml).join('')}</tr>`);
  }
  const summary = reports.map((r) => `<tr><td>${e(r.target.name)}${r.target.unavailable ? ` <em>(unavailable: ${e(r.target.unavailable)})</em>` : ''}</td>${VERDICTS.map((v) => `<td>${r.summary[v]}</td>`).join('')}<td>${r.seed}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sse-conformance: ${e(reports.map((r) => r.target.name).join(', '))}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
tr.area th{background:#eef;font-weight:600}.title{color:#555;font-size:12px}.level{font-size:11px;color:#777}
.v-pass{background:#e6f4ea}.v-fail,.v-unexpected-pass{background:#fde7e9}.v-expected-fail{background:#fff4ce}.v-not-observable{background:#eee}.v-error{background:#f3d1f4}
details summary{cursor:pointer;font-weight:600}table.steps{margin:.4em 0;font-size:12px}table.steps code{white-space:pre-wrap;word-break:break-all}
.filters{margin:1em 0}.filters label{margin-right:1.5em}.hidden{display:none}
</style></head><body>
<h1>sse-conformance</h1>
<table class="summary"><thead><tr><th>target</th>${VERDICTS.map((v) => `<th>${v}</th>`).join('')}<th>seed</th></tr></thead><tbody>${summary}</tbody></table>
<div class="filters">
<label>verdict <select id="verdict-filter"><option value="">all</option>${VERDICTS.map((v) => `<option value="${v}">${v}</option>`).join('')}</select></label>
<label>feature <select id="feature-filter"><option value="">all</option>${features.map((f) => `<option value="${e(f)}">${e(f)}</option>`).join('')}</select></label>
<span id="shown"></span>
</div>
<table class="matrix"><thead><tr><th>clause</th>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<script>
const v = document.getElementById('verdict-filter'), f = document.getElementById('feature-filter');
function apply() {
  let n = 0;
  for (const row of document.querySelectorAll('tr.clause')) {
    const ok = (!v.value || row.dataset.verdicts.split(' ').includes(v.value)) && (!f.value || row.dataset.features.split(' ').includes(f.value));
    row.classList.toggle('hidden', !ok);
    if (ok) n++;
  }
  // An area heading shows only while one of its clauses does.
  for (const area of document.querySelectorAll('tr.area')) {
    let row = area.nextElementSibling, any = false;
    while (row && !row.classList.contains('area')) { if (!row.classList.contains('hidden')) any = true; row = row.nextElementSibling; }
    area.classList.toggle('hidden', !any);
  }
  document.getElementById('shown').textContent = n + ' clauses shown';
}
v.addEventListener('change', apply); f.addEventListener('change', apply); apply();
</script>
</body></html>
`;
}
