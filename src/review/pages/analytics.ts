// Analytics (signed in): per UTC day and per branch, drafts, approvals, edits, rejections with reasons, auto-sends
// and their later corrections, median time to approve. Two charts (drawn by /assets/review/analytics.js from a JSON
// block, no inline script) for the trend; tables for the numbers, each chart pointing at its table (aria-details
// and a visible link), the bars told apart by pattern as well as colour. Wide tables scroll inside their own
// focusable region, so the page itself never scrolls sideways. Definitions are in analytics-metrics.ts and on the page.
import type { FastifyInstance } from 'fastify';
import { computeAnalytics, type Analytics, type Row } from '../analytics-metrics.js';
import { loadAnalyticsDrafts } from '../analytics-source.js';
import type { Auth } from '../auth.js';
import { branchBadge, percent } from '../classification-view.js';
import { requireUser } from '../guard.js';
import { html, jsonForScript, type SafeHtml } from '../html.js';
import { sendPage } from '../layout.js';
import { duration } from '../time-format.js';
import { loadReadingAccuracy } from '../../labels/source.js';
import { autoSendKilled, breakerTrip } from '../../ops/auto-send-switch.js';
import { readingAccuracyView, readingDefinitions, weeklyChartData } from './reading-accuracy.js';
import { scrollTable } from './scroll-table.js';

const WINDOWS = [7, 14, 30, 90] as const;

const share = (part: number, whole: number): string => (whole ? percent(part / whole) : '–');
const ms = (v: number | null): string => (v === null ? '–' : duration(v));

function chartData(a: Analytics) {
  const series = (rows: Row[]) => ({
    drafts: rows.map((r) => r.drafts),
    approvedAsDrafted: rows.map((r) => r.approved - r.edited),
    approvedEdited: rows.map((r) => r.edited),
    rejected: rows.map((r) => r.rejected),
    autoSent: rows.map((r) => r.autoSent),
  });
  return { days: a.days, perDay: series(a.perDay), branches: a.perBranch.map((b) => b.branch), perBranch: series(a.perBranch) };
}

function cards(t: Row): SafeHtml {
  const card = (label: string, value: string | number, detail: string) =>
    html`<div class="card"><span class="label">${label}</span><span class="value">${value}</span><span class="detail">${detail}</span></div>`;
  return html`<div class="cards">
  ${card('Drafts', t.drafts, 'made by the worker')}
  ${card('Approved', t.approved, `${share(t.edited, t.approved)} edited · mean edit ${t.meanEdit === null ? '–' : percent(t.meanEdit)}`)}
  ${card('Rejected', t.rejected, `${share(t.rejected, t.approved + t.rejected)} of decisions`)}
  ${card('Auto-sent', t.autoSent, `${t.corrected} corrected later`)}
  ${card('Median time to approve', ms(t.medianApproveMs), 'draft created → approved')}
</div>`;
}

function table(id: string, first: string, rows: Array<{ key: SafeHtml | string; r: Row }>): SafeHtml {
  return html`<table class="numbers" id="${id}"><thead><tr><th scope="col">${first}</th><th scope="col">Drafts</th><th scope="col">Approved</th><th scope="col">Edited (mean edit)</th><th scope="col">Rejected</th><th scope="col">Auto-sent</th><th scope="col">Corrected</th><th scope="col">Median time to approve</th></tr></thead>
<tbody>${rows.map(({ key, r }) => html`<tr><th scope="row">${key}</th><td>${r.drafts}</td><td>${r.approved}</td><td>${r.edited}${r.meanEdit === null ? '' : ` (${percent(r.meanEdit)})`}</td><td>${r.rejected}</td><td>${r.autoSent}</td><td>${r.corrected}</td><td>${ms(r.medianApproveMs)}</td></tr>`)}</tbody></table>`;
}

const definitions = html`<details class="definitions" open><summary>How these are counted</summary><ul>
<li>Days are UTC. Each event counts on the day it happened: a draft when it was made, an approval or rejection when it was decided, an auto-send when it was sent.</li>
<li><strong>Approved</strong>: approved by an agent (review page, Slack or the Zendesk tag). <strong>Edited</strong>: the agent changed the text before approving; <strong>edit</strong> is the word-level edit distance divided by the longer text's length (0 % = unchanged, 100 % = rewritten).</li>
<li><strong>Auto-sent</strong>: sent by the worker without an agent (AUTO_SEND on, inside the auto-send band). <strong>Corrected</strong>: after the auto-send the same ticket got a newer draft, i.e. the customer wrote again; "agent stepped in" when an agent also wrote in the thread before that.</li>
<li><strong>Time to approve</strong>: from the draft being made to its approval; the median is shown.</li>
${readingDefinitions}
</ul></details>`;

export async function analyticsRoutes(app: FastifyInstance, o: { auth: Auth }): Promise<void> {
  const { store, config, now } = app.m365;
  const zendeskUrl = config.zendesk.api?.url ?? null;

  app.get<{ Querystring: { days?: string } }>('/analytics', { preHandler: requireUser(o.auth) }, async (req, reply) => {
    const days = WINDOWS.find((d) => String(d) === req.query.days) ?? 30;
    const to = now();
    const from = new Date(Date.parse(to.toISOString().slice(0, 10)) - (days - 1) * 86_400_000);
    const a = computeAnalytics(await loadAnalyticsDrafts(store, from), from, to);
    const reading = await loadReadingAccuracy(store, from, to);
    const ticket = (id: string) => (zendeskUrl ? html`<a href="${zendeskUrl}/agent/tickets/${encodeURIComponent(id)}" target="_blank" rel="noopener noreferrer">#${id}</a>` : html`#${id}`);
    const body = html`<h1>Analytics <small>last ${days} days</small></h1>
<nav class="windows" aria-label="Time window">${WINDOWS.map((d) => (d === days ? html`<strong aria-current="page">${d} days</strong>` : html`<a href="/analytics?days=${d}">${d} days</a>`))}</nav>
${cards(a.total)}
<div class="charts">
  <figure><figcaption>Per day: what happened to the drafts <small><a href="#table-days">the numbers</a></small></figcaption><div class="chart-box"><canvas id="chart-days" role="img" aria-label="Chart: drafts, approvals, edits, rejections and auto-sends per day; the numbers are in the table Per day" aria-details="table-days"></canvas></div></figure>
  <figure><figcaption>Per branch <small><a href="#table-branches">the numbers</a></small></figcaption><div class="chart-box"><canvas id="chart-branches" role="img" aria-label="Chart: approvals, edits, rejections and auto-sends per branch; the numbers are in the table Per branch" aria-details="table-branches"></canvas></div></figure>
</div>
<script type="application/json" id="analytics-data">${jsonForScript({ ...chartData(a), reading: weeklyChartData(reading) })}</script>
<h2 id="h-branches">Per branch</h2>
${scrollTable('h-branches', table('table-branches', 'Branch', a.perBranch.map((b) => ({ key: branchBadge(b.branch), r: b }))))}
<h2 id="h-reasons">Rejection reasons</h2>
${a.reasons.length ? scrollTable('h-reasons', html`<table class="numbers"><thead><tr><th scope="col">Reason</th><th scope="col">Count</th><th scope="col">Mostly on</th></tr></thead><tbody>${a.reasons.slice(0, 15).map((r) => html`<tr><td>${r.reason}</td><td>${r.count}</td><td>${branchBadge(r.branch)}</td></tr>`)}</tbody></table>`) : html`<p class="muted">No rejections in this window.</p>`}
<h2 id="h-corrections">Corrected auto-sends</h2>
${a.corrections.length ? scrollTable('h-corrections', html`<table class="numbers"><thead><tr><th scope="col">Ticket</th><th scope="col">Auto-sent draft</th><th scope="col">Next draft</th><th scope="col">Agent stepped in</th></tr></thead><tbody>${a.corrections.map((c) => html`<tr><td>${ticket(c.ticketId)}</td><td>#${c.draftId} ${branchBadge(c.branch)}</td><td>#${c.laterDraftId} ${branchBadge(c.laterBranch)}</td><td>${c.agentSteppedIn ? 'yes' : 'no'}</td></tr>`)}</tbody></table>`) : html`<p class="muted">No auto-sent draft was followed by a newer one in this window.</p>`}
${readingAccuracyView(reading, { trip: await breakerTrip(store), killed: await autoSendKilled(store), autoSendSetting: config.autoSend, ticket })}
<h2 id="h-days">Per day</h2>
${scrollTable('h-days', table('table-days', 'Day', a.perDay.map((d) => ({ key: d.day, r: d }))))}
${definitions}`;
    return sendPage(req, reply, 200, { title: 'Analytics', active: 'analytics', body, scripts: ['/assets/chart.umd.js', '/assets/review/analytics.js'] });
  });
}
