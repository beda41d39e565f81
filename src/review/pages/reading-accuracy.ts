// The analytics page's "Reading accuracy" part: what agents' decisions say about the classifier on real tickets.
// Per slot and per branch (the branch the classifier chose): confirmed, corrected, accuracy; the corrected branches
// as a confusion matrix; the weekly trend (drawn by analytics.js from the page's JSON block); auto-send precision
// with its 95 % Wilson lower bound; and the circuit breaker's state. Same figures as /metrics for the same window.
// Like the rest of the analytics page, every table scrolls in its own region (scrollTable: a phone never scrolls
// sideways) and the weekly chart names the table that holds its numbers.
import { BRANCHES, SLOT_NAMES } from '../../classify/types.js';
import type { ReadingAccuracy, Tally } from '../../labels/accuracy.js';
import type { BreakerTrip } from '../../ops/auto-send-switch.js';
import { branchBadge, percent, SLOT_LABEL } from '../classification-view.js';
import { html, type SafeHtml } from '../html.js';
import { scrollTable } from './scroll-table.js';

const acc = (t: Tally) => (t.accuracy === null ? '–' : percent(t.accuracy));
const row = (key: SafeHtml | string, t: Tally, attr: string) =>
  html`<tr data-key="${attr}"><th scope="row">${key}</th><td data-col="confirmed">${t.confirmed}</td><td data-col="corrected">${t.corrected}</td><td data-col="accuracy">${acc(t)}</td></tr>`;
const head = (first: string, accuracy = 'Accuracy') => html`<thead><tr><th scope="col">${first}</th><th scope="col">Confirmed</th><th scope="col">Corrected</th><th scope="col">${accuracy}</th></tr></thead>`;

export const weeklyChartData = (a: ReadingAccuracy) => ({
  weeks: a.weeks.map((w) => w.week),
  confirmed: a.weeks.map((w) => w.confirmed),
  corrected: a.weeks.map((w) => w.corrected),
  accuracy: a.weeks.map((w) => (w.accuracy === null ? null : Math.round(w.accuracy * 1000) / 10)),
});

function confusion(a: ReadingAccuracy): SafeHtml {
  if (a.confusion.length === 0) return html`<p class="muted">No branch was corrected in this window.</p>`;
  const count = (from: string, to: string) => a.confusion.find((c) => c.from === from && c.to === to)?.count ?? 0;
  const rows = BRANCHES.filter((f) => a.confusion.some((c) => c.from === f));
  const cols = BRANCHES.filter((t) => a.confusion.some((c) => c.to === t));
  return scrollTable('h-reading-confusion', html`<table class="numbers confusion" id="reading-confusion"><caption>Rows: the branch the classifier chose. Columns: the branch the agent said was right.</caption>
<thead><tr><th scope="col">Chosen \\ right</th>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${rows.map((f) => html`<tr><th scope="row">${branchBadge(f)}</th>${cols.map((t) => {
    const n = count(f, t);
    return html`<td class="${n ? 'hit' : 'zero'}" data-from="${f}" data-to="${t}">${n || '·'}</td>`;
  })}</tr>`)}</tbody></table>`);
}

/** The weekly chart and the table that holds its numbers (the chart names the table, as the other charts do). */
function weekly(a: ReadingAccuracy): SafeHtml {
  if (a.weeks.length === 0) return html`<h3 id="h-reading-weeks">Per week</h3><p class="muted">No agent decision in this window.</p>`;
  return html`<figure><figcaption>Per week: labelled tickets and branch accuracy <small><a href="#reading-weeks">the numbers</a></small></figcaption><div class="chart-box"><canvas id="chart-accuracy" role="img" aria-label="Chart: confirmed and corrected tickets per week, with the branch accuracy; the numbers are in the table Per week" aria-details="reading-weeks"></canvas></div></figure>
<h3 id="h-reading-weeks">Per week</h3>
${scrollTable('h-reading-weeks', html`<table class="numbers" id="reading-weeks">${head('Week (from Monday)', 'Branch accuracy')}<tbody>${a.weeks.map((w) => row(w.week, w, w.week))}</tbody></table>`)}`;
}

function breaker(trip: BreakerTrip | null, killed: boolean, setting: boolean, ticket: (id: string) => SafeHtml): SafeHtml {
  if (trip && killed) {
    return html`<p class="breaker" role="status" id="auto-send-breaker"><strong>Auto-send is off.</strong> The reply sent automatically on ticket ${ticket(trip.ticketId)} (draft #${trip.draftId}) was corrected from ${branchBadge(trip.from as never)} to ${branchBadge(trip.to as never)} by ${trip.actor} via ${trip.door} at <time datetime="${trip.at}">${trip.at.replace('T', ' ').slice(0, 16)} UTC</time>. It stays off on every instance until an admin turns it back on (<code>POST /admin/auto-send</code> with <code>{"enabled": true}</code>).</p>`;
  }
  const state = !setting ? 'off (AUTO_SEND is not on)' : killed ? 'off (turned off by an admin)' : 'on';
  return html`<p id="auto-send-breaker">Auto-send is ${state}. A correction of an auto-sent reply turns it off on every instance.</p>`;
}

export function readingAccuracyView(a: ReadingAccuracy, o: { trip: BreakerTrip | null; killed: boolean; autoSendSetting: boolean; ticket: (id: string) => SafeHtml }): SafeHtml {
  const p = a.autoSend;
  const precision = p.precision === null ? '–' : percent(p.precision);
  return html`<section aria-labelledby="reading-title" id="reading-accuracy">
<h2 id="reading-title">Reading accuracy (agents' decisions)</h2>
<div class="cards">
  <div class="card"><span class="label">Labelled tickets</span><span class="value">${a.labelled}</span><span class="detail">${a.unknown} rejected without a correction (reading unknown)</span></div>
  <div class="card"><span class="label">Branch accuracy</span><span class="value" id="branch-accuracy">${acc(a.branch)}</span><span class="detail">${a.branch.confirmed} confirmed · ${a.branch.corrected} corrected</span></div>
  <div class="card"><span class="label">Auto-send precision</span><span class="value" id="auto-send-precision">${precision}</span><span class="detail">${p.sent - p.corrected} of ${p.sent} not corrected · 95 % lower bound ${p.lower95 === null ? '–' : percent(p.lower95)}</span></div>
</div>
${breaker(o.trip, o.killed, o.autoSendSetting, o.ticket)}
${weekly(a)}
<div class="columns">
<div><h3 id="h-reading-slots">Per slot</h3>${scrollTable('h-reading-slots', html`<table class="numbers" id="reading-slots">${head('Slot')}<tbody>${SLOT_NAMES.map((s) => row(SLOT_LABEL[s], a.perSlot[s], s))}</tbody></table>`)}</div>
<div><h3 id="h-reading-branches">Per branch (as chosen)</h3>${scrollTable('h-reading-branches', html`<table class="numbers" id="reading-branches">${head('Branch')}<tbody>${a.perBranch.map((b) => row(branchBadge(b.branch), b, b.branch))}</tbody></table>`)}</div>
</div>
<h3 id="h-reading-confusion">Corrected branches</h3>
${confusion(a)}
</section>`;
}

export const readingDefinitions = html`<li><strong>Reading accuracy</strong>: every agent decision labels the ticket. An approval confirms the classifier's reading; "Wrong reading?" on the review page, the Slack reject form or a Zendesk <code>m365_fix_&lt;branch&gt;</code> tag corrects it; a rejection without a correction is "reading unknown" and counts in neither. Per slot, a ticket is confirmed when the agent's value is the one the classifier read; per branch (the branch the classifier chose), when the branch was right. Counted on the day of the decision. <code>m365-guide eval</code> on the export of the same tickets gives the same accuracy.</li>
<li><strong>Auto-send precision</strong>: of the replies auto-sent in the window, the share whose reading no agent corrected, with the lower bound of its 95 % Wilson interval.</li>`;
