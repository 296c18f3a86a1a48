import { createHash } from 'node:crypto';
import type { Decision } from '../domain/decision.js';
import { barChart, dayChart, KIND_COLOURS } from './replay-html-charts.js';
import { escapeHtml } from './replay-html-escape.js';
import type { ReplayDiff } from './replay-diff.js';
import { explainDecision, type ReplayReport } from './replay-report.js';
import type { ReplaySummary } from './replay-summary.js';

export interface ReplayPage {
  title: string;
  summary: ReplaySummary;
  report: ReplayReport;
  diff?: { diff: ReplayDiff; before: string; after: string };
}

const RULES_SHOWN = 40;
const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem;color:#212529}
h1{font-size:1.5rem}h2{margin-top:2.2rem;border-bottom:1px solid #dee2e6}h3{margin-bottom:.3rem}
.chart{max-width:100%;height:auto;font-size:12px}.chart text{fill:#343a40}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #e9ecef;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}blockquote{margin:.4rem 0;padding:.3rem .7rem;border-left:3px solid #adb5bd;background:#f8f9fa;white-space:pre-wrap}
.why{margin:.2rem 0 1rem 1rem;color:#495057}.muted{color:#868e96}input{font:inherit;padding:.3rem;width:20rem}`;
// Filters the message-by-message table; the page works without it.
const SCRIPT = `document.querySelectorAll('input[data-filter]').forEach(function (input) {
  var rows = document.querySelectorAll(input.getAttribute('data-filter') + ' tbody tr');
  input.addEventListener('input', function () {
    var wanted = input.value.toLowerCase();
    rows.forEach(function (row) { row.hidden = wanted !== '' && row.textContent.toLowerCase().indexOf(wanted) < 0; });
  });
});
document.body.setAttribute('data-charts', String(document.querySelectorAll('svg.chart').length));`;

const byCount = <T extends { count: number }>(entries: Iterable<[string, T]>) =>
  [...entries].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));

const rulesSection = (page: ReplayPage): string => {
  const rules = byCount(page.summary.rules.entries()).slice(0, RULES_SHOWN);
  const kinds = byCount(page.summary.kinds.entries());
  return `<h2 id="rules">Decisions per rule</h2>
<p class="muted">Messages on which each rule made at least one decision${page.summary.rules.size > RULES_SHOWN ? ` (the ${RULES_SHOWN} busiest of ${page.summary.rules.size})` : ''}.</p>
${barChart(
  rules.map(([label, tally]) => ({ label, count: tally.count })),
  page.summary.messages,
)}
<h2 id="kinds">Decisions per kind</h2>
${barChart(
  kinds.map(([label, tally]) => ({ label, count: tally.count })),
  page.summary.messages,
)}`;
};

const daysSection = (report: ReplayReport): string => {
  const days = [...report.days.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([day, kinds]) => ({ day, kinds }));
  const present = new Set(days.flatMap(({ kinds }) => [...kinds.keys()]));
  const kinds = [...Object.keys(KIND_COLOURS), ...[...present].filter((kind) => !(kind in KIND_COLOURS)).sort()].filter((kind) =>
    present.has(kind),
  );
  return `<h2 id="days">Decisions per day</h2>
<p class="muted">Messages per day (UTC) by what was decided; a message with several kinds of decision counts under each.</p>
${dayChart(days, kinds)}`;
};

const examplesSection = (page: ReplayPage): string => {
  const blocks = byCount(page.summary.rules.entries()).map(([rule]) => {
    const examples = page.report.examples.get(rule) ?? [];
    const items = examples.map(
      (example) => `<blockquote>${escapeHtml(example.text)}</blockquote>
<ul class="why">${example.explanations.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}<li class="muted">${escapeHtml(example.id)}</li></ul>`,
    );
    return `<h3>${escapeHtml(rule)}</h3>\n${items.join('\n')}`;
  });
  return `<h2 id="examples">Examples per rule, with their explanation</h2>\n${blocks.join('\n')}`;
};

const decisionsCell = (decisions: readonly Decision[]): string =>
  decisions.length === 0
    ? '<span class="muted">(nothing)</span>'
    : `<ul>${decisions.map((decision) => `<li>${escapeHtml(explainDecision(decision))}</li>`).join('')}</ul>`;

const diffSection = ({ diff, before, after }: NonNullable<ReplayPage['diff']>): string => {
  const kinds = [...new Set([...diff.kindsBefore.keys(), ...diff.kindsAfter.keys()])].sort();
  const kindRows = kinds.map((kind) => {
    const a = diff.kindsBefore.get(kind) ?? 0;
    const b = diff.kindsAfter.get(kind) ?? 0;
    return `<tr><td>${escapeHtml(kind)}</td><td class="n">${a}</td><td class="n">${b}</td><td class="n">${b - a > 0 ? '+' : ''}${b - a}</td></tr>`;
  });
  const transitions = [...diff.transitions.entries()].sort((x, y) => y[1] - x[1]).slice(0, 15);
  const changes = diff.changes.map(
    (change) =>
      `<tr><td>${escapeHtml(change.id)}</td><td>${escapeHtml(change.text)}</td><td>${decisionsCell(change.before)}</td><td>${decisionsCell(change.after)}</td></tr>`,
  );
  return `<h2 id="diff">What changes: ${escapeHtml(before)} → ${escapeHtml(after)}</h2>
<p><strong>${diff.changed.toLocaleString('en')}</strong> of ${diff.messages.toLocaleString('en')} messages would be decided differently.</p>
<table><thead><tr><th>decision kind</th><th>${escapeHtml(before)}</th><th>${escapeHtml(after)}</th><th>change</th></tr></thead><tbody>${kindRows.join('')}</tbody></table>
<h3>Most common changes</h3>
<table><thead><tr><th>messages</th><th>before → after</th></tr></thead><tbody>${transitions
    .map(([transition, count]) => `<tr><td class="n">${count}</td><td>${escapeHtml(transition)}</td></tr>`)
    .join('')}</tbody></table>
<h3>Message by message</h3>
<p class="muted">The first ${diff.changes.length} changed messages, in file order.${diff.changed > diff.changes.length ? ` ${diff.changed - diff.changes.length} more are counted above.` : ''}</p>
<p><input type="search" placeholder="filter messages" data-filter="#changes" aria-label="filter messages"></p>
<table id="changes"><thead><tr><th>id</th><th>message</th><th>${escapeHtml(before)}</th><th>${escapeHtml(after)}</th></tr></thead><tbody>${changes.join('\n')}</tbody></table>`;
};

const hash = (text: string): string => createHash('sha256').update(text).digest('base64');

/**
 * The replay as one self-contained page: inline CSS, SVG drawn here, one small script, and
 * a content security policy that allows nothing else to load or run — every text from a
 * comment is escaped, and the policy would stop a script that slipped through anyway.
 */
export const renderReplayHtml = (page: ReplayPage): string => {
  const policy = `default-src 'none'; style-src 'sha256-${hash(STYLE)}'; script-src 'sha256-${hash(SCRIPT)}'`;
  const { summary } = page;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p>${summary.messages.toLocaleString('en')} messages, ${summary.undecided.toLocaleString('en')} with no decision${summary.invalid > 0 ? `, ${summary.invalid} unreadable lines skipped` : ''}. Nothing was sent: no Postgres, no Redis, no platform.</p>
<nav><a href="#rules">per rule</a> · <a href="#days">per day</a> · <a href="#examples">examples</a>${page.diff ? ' · <a href="#diff">what changes</a>' : ''}</nav>
${rulesSection(page)}
${daysSection(page.report)}
${page.diff ? diffSection(page.diff) : ''}
${examplesSection(page)}
<script>${SCRIPT}</script>
</body></html>
`;
};
