// One draft in the queue: the ticket link, the customer's text with the evidence marked, the classification, the
// draft and, while it is pending, Approve / Edit then approve / Reject. Decided and superseded drafts show what
// happened instead of buttons: only a pending draft can be approved.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toDestination } from '../../replies/index.js';
import { isAutoSentDraft as isAutoSent } from '../../drafts/record-label.js';
import type { DraftRow } from '../../store/types.js';
import { branchBadge, percent, summaryView } from '../classification-view.js';
import { csrfField } from '../csrf.js';
import { html, trusted, type SafeHtml } from '../html.js';
import { threadView } from '../thread-view.js';
import { ago } from '../time-format.js';
import { correctForm } from './correct-form.js';

export interface CardContext {
  req: FastifyRequest;
  reply: FastifyReply;
  now: Date;
  /** Zendesk base URL (config.zendesk.api.url) or null when the API is not configured. */
  zendeskUrl: string | null;
  autoSendSetting: boolean;
  /** The queue's filter as hidden fields, so a form answer returns to the same view. */
  filterFields: SafeHtml;
}

export const REJECT_REASONS = [
  'Wrong branch',
  'Wrong directory service',
  'Customer already decided',
  'Not about Modern Authentication',
  'Needs a personal answer',
];

function ticketLink(ticketId: string, zendeskUrl: string | null): SafeHtml {
  if (!zendeskUrl) return html`ticket <strong>#${ticketId}</strong>`;
  const href = `${zendeskUrl}/agent/tickets/${encodeURIComponent(ticketId)}`;
  return html`<a class="ticket-link" href="${href}" target="_blank" rel="noopener noreferrer">ticket #${ticketId}</a>`;
}

function stateLine(d: DraftRow): SafeHtml {
  switch (d.state) {
    case 'superseded':
      if (d.decidedBy) {
        return html`<p class="state superseded">Reading corrected by ${d.decidedBy}${d.door ? ` via ${d.door}` : ''}${d.supersededBy ? html`: replaced by draft <a href="/queue?state=pending#draft-${d.supersededBy}">#${d.supersededBy}</a>` : ''}. It cannot be approved.</p>`;
      }
      return html`<p class="state superseded">Superseded${d.supersededBy ? html` by draft <a href="/queue?state=pending#draft-${d.supersededBy}">#${d.supersededBy}</a>` : ''}: a newer customer message arrived. It cannot be approved.</p>`;
    case 'rejected':
      return html`<p class="state rejected">Rejected by ${d.decidedBy ?? 'unknown'}: <q>${d.reason ?? ''}</q></p>`;
    case 'approved':
    case 'posted':
      return html`<p class="state approved">${d.state === 'posted' ? 'Posted' : 'Approved, posting'} · approved by ${d.decidedBy ?? 'auto-send'}${d.door ? ` via ${d.door}` : ''}${d.editedText !== null ? ' · edited' : ''}</p>`;
    case 'auto':
      return html`<p class="state auto">Sent automatically</p>`;
    case 'pending':
      return d.correctedFrom !== null ? html`<p class="state corrected">Reading corrected by an agent (draft #${d.correctedFrom} read it differently): ready to approve.</p>` : html``;
    default:
      return html``;
  }
}

function actions(d: DraftRow, c: CardContext): SafeHtml {
  const csrf = () => csrfField(c.req, c.reply);
  return html`<div class="actions">
  <form method="post" action="/queue/drafts/${d.id}/approve">${csrf()}${c.filterFields}
    <button type="submit" class="approve" data-action="approve">Approve and send</button></form>
  <details class="edit"><summary>Edit, then approve</summary>
    <form method="post" action="/queue/drafts/${d.id}/approve">${csrf()}${c.filterFields}
      <textarea name="editedText" rows="14" aria-label="Edited reply">${d.text}</textarea>
      <button type="submit" class="approve" data-action="edit-approve">Send the edited reply</button></form></details>
  <details class="reject"><summary>Reject</summary>
    <form method="post" action="/queue/drafts/${d.id}/reject">${csrf()}${c.filterFields}
      <input name="reason" required maxlength="500" list="reject-reasons" placeholder="Why? The team sees it in Analytics" aria-label="Reason">
      <button type="submit" class="danger" data-action="reject">Reject</button></form></details>
  ${correctForm(d, html`${csrf()}${c.filterFields}`)}
</div>`;
}

export function draftCard(d: DraftRow, c: CardContext): SafeHtml {
  const sentText = d.editedText ?? d.text;
  return html`<article class="draft state-${d.state}" id="draft-${d.id}" data-draft-id="${d.id}" data-state="${d.state}">
<header>
  <strong>Draft #${d.id}</strong> · ${ticketLink(d.ticketId, c.zendeskUrl)} · ${branchBadge(d.branch)} · ${d.language.toUpperCase()} ·
  ${percent(d.confidence)} · <time datetime="${d.createdAt.toISOString()}" title="${d.createdAt.toISOString()}">${ago(d.createdAt, c.now)}</time>
</header>
${stateLine(d)}
<div class="columns">
  <div>${threadView(d.thread, d.evidence)}</div>
  <div>
    <details class="why"><summary>Why this branch</summary>${summaryView({ ...d, autoSend: d.autoSendEligible }, c.autoSendSetting)}</details>
    <h4>${d.editedText !== null ? 'Reply as edited' : 'Draft'} <small>${d.templateId}@${d.templateVersion}</small></h4>
    ${d.editedText !== null ? html`<pre class="reply edited">${sentText}</pre>` : html`<div class="reply">${trusted(toDestination(d.text, 'html'))}</div>`}
    ${d.state === 'pending' ? actions(d, c) : isAutoSent(d) ? html`<div class="actions">${correctForm(d, html`${csrfField(c.req, c.reply)}${c.filterFields}`)}</div>` : ''}
  </div>
</div>
</article>`;
}
