/**
 * A self-contained HTML page: the matrix clause × target, grouped by feature area, with filters by
 * verdict and feature. A cell that is not a pass shows its verdict and reason on one line, and opens
 * (one at a time, or all with "expand all") to the whole reason, its counterexample (expected vs
 * observed per step) and the clause's sources. Every piece of text comes through escape-html.
 */
import escapeHtml from 'escape-html';
import { shown } from '../abbreviate.js';
import type { ClauseResult, Report } from '../report.js';
import { VERDICTS } from '../report.js';
import { stepText } from './step-text.js';

const e = (v: unknown) => escapeHtml(typeof v === 'string' ? v : shown(v, 600));

/** The counterexample's steps, one block each (a matrix cell is narrow): the call, then what was expected and observed. */
function stepsList(r: ClauseResult): string {
  const ce = r.counterexample;
  if (!ce) return '';
  const items = ce.steps
    .map(stepText)
    .map(
      (t) =>
        `<li class="step"><span class="op">${e(t.operation)}</span>${t.principal ? ` <span class="principal">as principal ${t.principal}</span>` : ''} <code>${e(t.input)}</code>` +
        `${t.expected ? `<div>expected <span class="expected">${e(t.expected)}</span></div>` : ''}` +
        `<div>observed <span class="observed">${e(t.outcome)}${t.values ? ` <code>${e(t.values)}</code>` : ''}${t.waited ? ` (waited ${e(t.waited)})` : ''}</span></div></li>`,
    );
  const cut = ce.shrinkCut ? `; shrinking cut short ${e(ce.shrinkCut)}` : '';
  return `<p class="replay">seed ${e(String(ce.seed))}, path <code>${e(ce.path)}</code>${cut}</p><ol class="steps">${items.join('')}</ol>`;
}

function cellHtml(r: ClauseResult | undefined): string {
  if (!r) return '<td class="v-none">—</td>';
  if (r.verdict === 'pass') return `<td class="v-pass">pass</td>`;
  const sources = `<ul class="sources">${r.sources.map((s) => `<li>${e(s.fact)} [${e(s.evidence)}] <a href="${e(s.url)}">${e(s.url)}</a></li>`).join('')}</ul>`;
  // The verdict and its reason are the summary line, so the reason shows without opening anything
  // (cut to the cell's width, whole on hover and once opened, above the steps and sources).
  return `<td class="v-${r.verdict}"><details><summary title="${e(`${r.verdict}: ${r.reason ?? ''}`)}"><span class="verdict">${e(r.verdict)}</span> <span class="reason">${e(r.reason ?? '')}</span></summary>${stepsList(r)}${sources}</details></td>`;
}

/** A clause's group: its first two id segments (`sqs.sse-kms`), or its first when it has only two (`sns-to-sqs`). */
const groupOf = (id: string) => {
  const parts = id.split('.');
  return parts.slice(0, parts.length > 2 ? 2 : 1).join('.');
};

export function renderHtml(reports: Report[]): string {
  const ids = [...new Set(reports.flatMap((r) => r.clauses.map((c) => c.id)))].sort();
  const byId = new Map<string, ClauseResult>();
  for (const r of reports) for (const c of r.clauses) if (!byId.has(c.id)) byId.set(c.id, c);
  const features = [...new Set(reports.flatMap((r) => r.clauses.flatMap((c) => c.features)))].sort();
  const head = reports.map((r) => `<th>${e(r.target.name)}</th>`).join('');
  const groupSize = new Map<string, number>();
  for (const id of ids) groupSize.set(groupOf(id), (groupSize.get(groupOf(id)) ?? 0) + 1);
  let group = '';
  const rows: string[] = [];
  for (const id of ids) {
    const g = groupOf(id);
    // A group of one gets no heading (its clause id names it); a rule above sets it apart.
    const lone = groupSize.get(g) === 1;
    if (g !== group && !lone) rows.push(`<tr class="area" data-group="${e(g)}"><th colspan="${reports.length + 1}">${e(g)}</th></tr>`);
    group = g;
    const c = byId.get(id)!;
    const cells = reports.map((r) => r.clauses.find((x) => x.id === id));
    rows.push(
      `<tr class="clause${lone ? ' lone' : ''}" data-group="${e(g)}" data-verdicts="${e(cells.map((x) => x?.verdict ?? 'none').join(' '))}" data-features="${e(c.features.join(' '))}">` +
        `<td class="id" title="${e(c.title)}"><code>${e(id)}</code> <span class="level">${e(c.level)}</span><div class="title">${e(c.title)}</div></td>${cells.map(cellHtml).join('')}</tr>`,
    );
  }
  const summary = reports
    .map(
      (r) =>
        `<tr><td>${e(r.target.name)}${r.target.unavailable ? ` <em>(unavailable: ${e(r.target.unavailable)})</em>` : ''}</td>${VERDICTS.map((v) => `<td>${r.summary[v] ?? 0}</td>`).join('')}<td>${r.seed}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sse-conformance: ${e(reports.map((r) => r.target.name).join(', '))}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1em 1.5em;color:#222}h1{font-size:1.4em;margin:.2em 0 .5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;text-align:left}
tr.area th{background:#eef;font-weight:600;padding:.1em .4em}tr.lone td{border-top:2px solid #99b}.level{font-size:11px;color:#777}
.v-pass{background:#e6f4ea}.v-fail,.v-unexpected-pass{background:#fde7e9}.v-expected-fail,.v-expected-error{background:#fff4ce}.v-not-observable{background:#eee}.v-error{background:#f3d1f4}
table.matrix{table-layout:fixed;width:100%;font-size:13px}table.matrix td{overflow:hidden}table.matrix th:first-child{width:28em}
td.id{white-space:nowrap;text-overflow:ellipsis}.title{display:none;color:#555;font-size:12px;white-space:normal}tr:has(details[open]) .title{display:block}
summary{cursor:pointer;list-style:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:12px}
summary::-webkit-details-marker{display:none}summary::before{content:'▸ '}details[open]>summary::before{content:'▾ '}details[open]>summary{white-space:normal;overflow-wrap:anywhere}.verdict{font-weight:600}
ol.steps{margin:.3em 0;padding-left:1.6em;font-size:12px}li.step{margin-bottom:.3em;overflow-wrap:anywhere}li.step .op{font-weight:600}li.step code{overflow-wrap:anywhere;white-space:pre-wrap}ul.sources{margin:.2em 0;padding-left:1.2em;font-size:12px;overflow-wrap:anywhere}
.filters{margin:.6em 0}.filters label{margin-right:1.5em}.hidden{display:none}
</style></head><body>
<h1>sse-conformance</h1>
<table class="summary"><thead><tr><th>target</th>${VERDICTS.map((v) => `<th>${v}</th>`).join('')}<th>seed</th></tr></thead><tbody>${summary}</tbody></table>
<div class="filters">
<label>verdict <select id="verdict-filter"><option value="">all</option>${VERDICTS.map((v) => `<option value="${v}">${v}</option>`).join('')}</select></label>
<label>feature <select id="feature-filter"><option value="">all</option>${features.map((f) => `<option value="${e(f)}">${e(f)}</option>`).join('')}</select></label>
<button id="expand-all" type="button">expand all</button>
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
  // A group's heading shows only while one of its clauses does.
  for (const area of document.querySelectorAll('tr.area')) {
    const any = [...document.querySelectorAll('tr.clause:not(.hidden)')].some((row) => row.dataset.group === area.dataset.group);
    area.classList.toggle('hidden', !any);
  }
  document.getElementById('shown').textContent = n + ' clauses shown';
}
v.addEventListener('change', apply); f.addEventListener('change', apply); apply();
// Opens (or closes again) every failure's steps and sources in the clauses shown.
const all = document.getElementById('expand-all');
all.addEventListener('click', () => {
  const open = all.textContent === 'expand all';
  for (const d of document.querySelectorAll('tr.clause:not(.hidden) details')) d.open = open;
  all.textContent = open ? 'collapse all' : 'expand all';
});
</script>
</body></html>
`;
}
