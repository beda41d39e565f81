// What an empty queue says: why it is empty and what to do (issue 14). A fresh install with Zendesk off gets the
// variables that turn it on; Zendesk on with nothing yet says drafts come with the next ticket; a handled queue says
// so; a filter that hides everything offers to show all.
import { html, type SafeHtml } from '../html.js';
import { VIEWS, type QueueFilter } from './queue-filter.js';

export interface EmptyQueueFacts {
  filter: QueueFilter;
  /** Any draft in the store at all (any state). */
  anyDrafts: boolean;
  /** The webhook has a signing secret (Zendesk can send ticket events). */
  webhookOn: boolean;
  /** The Zendesk API is configured (replies can be posted). */
  apiOn: boolean;
}

export function emptyQueue(f: EmptyQueueFacts): SafeHtml {
  const view = VIEWS[f.filter.view].label.toLowerCase();
  if (f.filter.branch || f.filter.language) {
    const all = f.filter.view === 'pending' ? '/queue' : `/queue?view=${f.filter.view}`;
    return html`<div class="empty"><p>No ${view} drafts match this filter.</p><p><a href="${all}">Show all ${view} drafts</a></p></div>`;
  }
  if (f.filter.view !== 'pending') return html`<div class="empty"><p>No ${view} drafts yet.</p></div>`;
  if (f.anyDrafts) return html`<div class="empty"><p>Nothing pending: every draft has been handled. New drafts appear here when customers write.</p></div>`;
  if (!f.webhookOn) {
    return html`<div class="empty"><h2>The queue is empty because Zendesk is not connected yet</h2>
<p>Drafts are made from the ticket events Zendesk sends to this service, and no events can arrive yet.</p>
<ol>
  <li>Set <code>ZENDESK_WEBHOOK_SECRET</code> (the webhook's signing secret)${f.apiOn ? '' : html` and <code>ZENDESK_URL</code>, <code>ZENDESK_EMAIL</code>, <code>ZENDESK_API_TOKEN</code> (to read tickets and post the replies)`}, then restart.</li>
  <li>In Zendesk, create the webhook and its trigger as the README's “Connecting Zendesk” section describes.</li>
</ol>
<p>Meanwhile <a href="/">Try it</a> shows the draft a ticket would get.</p></div>`;
  }
  return html`<div class="empty"><h2>Nothing pending yet</h2>
<p>Zendesk is connected, and no customer has written about Microsoft 365 Modern Authentication since. A draft appears
here a few seconds after such a ticket arrives.</p>
<p>To see one now, write a test ticket in Zendesk, or paste one into <a href="/">Try it</a>.</p></div>`;
}
